// Docker healthcheck for the Prosody container: healthy once c2s, HTTP
// (websocket, uploads) and the XEP-0114 component port all accept TCP
// connections on loopback. The image has Node but no curl or nc, and a TCP
// accept is what the component and the web proxy wait for.
import { connect } from 'node:net';

const keys = ['BLEEP_C2S_PORT', 'BLEEP_HTTP_PORT', 'BLEEP_COMPONENT_PORT'] as const;

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 3000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

const results = await Promise.all(
  keys.map(async (key) => {
    const port = Number(process.env[key]);
    const ok = Number.isInteger(port) && port > 0 && (await accepts(port));
    return { key, port, ok };
  }),
);
const down = results.filter((r) => !r.ok);
for (const r of down) console.error(`unhealthy: nothing accepts on ${r.key}=${r.port}`);
process.exit(down.length === 0 ? 0 : 1);
