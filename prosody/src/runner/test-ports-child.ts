// ports.test.ts runs several of these at once: each asks for ports as twenty stacks in a row would,
// prints them as JSON, and stays (holding its claims, as a test process would) until its stdin closes.
import { freePorts } from './ports.ts';

const ports: number[] = [];
for (let i = 0; i < 20; i++) ports.push(...(await freePorts(5)));
process.stdout.write(`${JSON.stringify(ports)}\n`);
process.stdin.resume().once('end', () => process.exit(0));
