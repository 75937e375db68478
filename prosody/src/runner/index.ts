// The runner: starts a real Prosody for `npm start`, the tests and the
// benchmarks. Contract: /tmp/bleep-brief.md §1. This file only wires parts.
export type { Account } from './accounts.ts';
export { startProsody, type RunningProsody, type StartOptions } from './start.ts';
export { prepareSettings, testSettings } from './prepare.ts';
/** Tests: testSettings() and startProsody, again on other ports when a chosen one was taken meanwhile. */
export { startTestProsody } from './test-prosody.ts';
/** For Node clients in tests: trust the runner's self-signed certificate (STARTTLS in @xmpp/client takes no CA option). */
export { trustCertificate } from './trust.ts';
export { filesHolding } from './at-rest.ts';
export { stopChild } from './child.ts';
/** Free loopback ports (tests that start a server of their own, such as a throwaway PostgreSQL). */
export { freePorts } from './ports.ts';
/** Prepares settings and starts, again on other ports when a chosen one was taken meanwhile (npm start, e2e). */
export { startOnFreePorts } from './fresh-ports.ts';
export { makeSelfSigned } from './tls.ts';
/** Tests: the .env a hospital would have for these settings, written for the CLI mod_bleep_settings runs. */
export { writeTestEnv } from '../apply/test-env.ts';
