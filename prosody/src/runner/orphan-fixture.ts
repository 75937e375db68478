// Test fixture (not a test): starts a Prosody, prints its PID, then idles
// until killed. orphans.int.test.ts kills this process and watches Prosody.
import { startTestProsody } from './index.ts';

const prosody = await startTestProsody();
process.stdout.write(`${JSON.stringify({ pid: prosody.pid, dataDir: prosody.settings.dataDir })}\n`);
setInterval(() => {}, 60_000);
