// omemo-encrypt-100 and omemo-decrypt (issue #11): one OMEMO 0.3 message
// encrypted for 100 recipient devices, and one message decrypted, in the same
// Chromium page, alternating between Bleep's OMEMO engine (the built PWA's
// lazily loaded chunk: @privacyresearch/libsignal-protocol-typescript) and the
// OMEMO library Converse.js 14 ships (dist/libomemo.esm.min.js, with its WASM
// curve). Both do the whole operation as their app does: a fresh AES-128-GCM
// key for the payload, then each device's Signal session encrypts key ‖ tag
// (Converse: omemo/utils encryptMessage + encryptKey). Both keep keys in
// memory here (Bleep's engine on an in-memory Kv, Converse's InMemoryStore),
// so the figures compare the crypto, not the two apps' storage.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import { percentile, type BenchResult } from './results.ts';

const ROOT = join(import.meta.dirname, '..');
const DIRS: Record<string, string> = {
  pwa: join(ROOT, 'pwa', 'dist'),
  converse: join(ROOT, 'node_modules', 'converse.js', 'dist'),
};
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
const DEVICES = 100;
const ROUNDS = 30;

/** Serves the built PWA under /pwa/ and Converse's dist/ under /converse/ on loopback (a secure context). */
async function serve(): Promise<{ origin: string; close(): void }> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/converse/bench.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>omemo bench</title>');
      return;
    }
    const [, top, ...rest] = path.split('/');
    const dir = DIRS[top ?? ''];
    const file = dir && normalize(join(dir, ...rest));
    const body = file && file.startsWith(`${dir}/`) ? await readFile(file).catch(() => undefined) : undefined;
    if (!body || !file) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { origin: `http://127.0.0.1:${port}`, close: () => server.close() };
}

/** Runs in the page: sets both sides up, then times each operation, alternating. */
async function inPage(args: { engineUrl: string; devices: number; rounds: number }) {
  type Kv = {
    get(k: string): Promise<unknown>;
    put(k: string, v: unknown): Promise<void>;
    del(k: string): Promise<void>;
    keys(p: string): Promise<string[]>;
    clear(): Promise<void>;
  };
  const memKv = (): Kv => {
    const m = new Map<string, unknown>();
    return {
      get: async (k) => m.get(k),
      put: async (k, v) => void m.set(k, v),
      del: async (k) => void m.delete(k),
      keys: async (p) => [...m.keys()].filter((k) => k.startsWith(p)),
      clear: async () => m.clear(),
    };
  };
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const { openEngine } = (await import(args.engineUrl)) as any;
  const lib = (await import('/converse/libomemo.esm.min.js' as string)) as any;
  const now = () => performance.now();
  // Converse's libomemo speaks OMEMO 0.3 and 2; every call names the version, as Converse does.
  const V = 'eu.siacs.conversations.axolotl';
  const text = 'Patient in bed 4: potassium 6.8, repeat the ECG now';

  // Bleep: a sender and `devices` recipients, sessions from their bundles.
  const sender = await openEngine(memKv());
  const recipients = [];
  for (let i = 0; i < args.devices; i++) {
    const r = await openEngine(memKv());
    const d = { jid: `r${i}@h.example`, id: r.deviceId };
    await sender.startSession(d, await r.bundle());
    recipients.push({ engine: r, device: d });
  }
  const bleepDevices = recipients.map((r) => r.device);

  // Converse's library: the same.
  const store = () => new lib.InMemoryStore();
  const identity = async (s: any) => {
    const kp = await lib.KeyHelper.generateIdentityKeyPair();
    s.put('identityKey', kp);
    s.put('registrationId', lib.KeyHelper.generateRegistrationId());
    return kp;
  };
  const cSender = store();
  await identity(cSender);
  const cRecipients: { store: any; address: any }[] = [];
  for (let i = 0; i < args.devices; i++) {
    const s = store();
    const kp = await identity(s);
    const signed = await lib.KeyHelper.generateSignedPreKey(kp, 1, V);
    const pre = await lib.KeyHelper.generatePreKey(1);
    s.put('25519KeysignedKey1', signed.keyPair);
    s.put('25519KeypreKey1', pre.keyPair);
    const id = i + 1;
    const address = new lib.OMEMOAddress(`r${i}@h.example`, id);
    await new lib.SessionBuilder(cSender, address, V).processPreKey({
      registrationId: id,
      identityKey: kp.pubKey,
      signedPreKey: { keyId: 1, publicKey: signed.keyPair.pubKey, signature: signed.signature },
      preKey: { keyId: 1, publicKey: pre.keyPair.pubKey },
    });
    cRecipients.push({ store: s, address });
  }
  const converseEncrypt = async () => {
    // Converse's omemo/utils encryptMessage, then encryptKey for each device.
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, ['encrypt', 'decrypt']);
    const enc = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, tagLength: 128 },
      key,
      new TextEncoder().encode(text),
    );
    const tag = enc.slice(enc.byteLength - 16);
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', key));
    const keyAndTag = new Uint8Array(32);
    keyAndTag.set(raw);
    keyAndTag.set(new Uint8Array(tag), 16);
    const keys = [];
    for (const r of cRecipients)
      keys.push(await new lib.SessionCipher(cSender, r.address, V).encrypt(keyAndTag.buffer));
    return { iv, payload: enc.slice(0, enc.byteLength - 16), keys };
  };

  const enc: { bleep: number[]; converse: number[] } = { bleep: [], converse: [] };
  for (let i = 0; i < args.rounds + 3; i++) {
    let t = now();
    await sender.encrypt(text, bleepDevices);
    const b = now() - t;
    t = now();
    await converseEncrypt();
    const c = now() - t;
    if (i >= 3) {
      enc.bleep.push(b);
      enc.converse.push(c);
    }
  }

  // Decrypt: one recipient on each side; the first message (it starts the session) is not counted.
  const bleepMessages = [];
  const one = [bleepDevices[0]];
  for (let i = 0; i < args.rounds + 1; i++) bleepMessages.push(await sender.encrypt(text, one));
  const cR = cRecipients[0]!;
  const cFrom = new lib.OMEMOAddress('sender@h.example', 4242);
  const converseMessages = [];
  for (let i = 0; i < args.rounds + 1; i++) {
    const m = await converseEncrypt.call(null);
    converseMessages.push({ ...m, key: m.keys[0] });
  }
  const converseDecrypt = async (m: any) => {
    const cipher = new lib.SessionCipher(cR.store, cFrom, V);
    const out =
      m.key.type === 3
        ? await cipher.decryptPreKeyWhisperMessage(m.key.body, 'binary')
        : await cipher.decryptWhisperMessage(m.key.body, 'binary');
    const keyAndTag = new Uint8Array(out.plaintext ?? out);
    const k = await crypto.subtle.importKey('raw', keyAndTag.slice(0, 16), 'AES-GCM', false, ['decrypt']);
    const data = new Uint8Array(m.payload.byteLength + 16);
    data.set(new Uint8Array(m.payload));
    data.set(keyAndTag.slice(16), m.payload.byteLength);
    return new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: m.iv }, k, data));
  };
  const dec: { bleep: number[]; converse: number[] } = { bleep: [], converse: [] };
  const receiver = recipients[0]!.engine;
  for (let i = 0; i < args.rounds + 1; i++) {
    let t = now();
    const got = await receiver.decrypt('sender@h.example', bleepMessages[i]);
    const b = now() - t;
    if (!got.ok || got.text !== text) throw new Error(`Bleep could not decrypt: ${JSON.stringify(got)}`);
    t = now();
    const plain = await converseDecrypt(converseMessages[i]);
    const c = now() - t;
    if (plain !== text) throw new Error('Converse could not decrypt');
    if (i >= 1) {
      dec.bleep.push(b);
      dec.converse.push(c);
    }
  }
  return { enc, dec };
}

async function measure(say: (line: string) => void): Promise<BenchResult[]> {
  const engine = readdirSync(join(DIRS.pwa!, 'assets')).find((f) => /^engine-.*\.js$/.test(f));
  if (!engine) throw new Error('pwa/dist has no OMEMO engine chunk: build the PWA first.');
  const server = await serve();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/converse/bench.html`);
    say(`  setting up ${DEVICES} recipient devices on each side…`);
    const { enc, dec } = await page.evaluate(inPage, {
      engineUrl: `${server.origin}/pwa/assets/${engine}`,
      devices: DEVICES,
      rounds: ROUNDS,
    });
    const p50 = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    const row = (name: string, xs: { bleep: number[]; converse: number[] }): BenchResult => ({
      name,
      metric: 'p50',
      value: p50(xs.bleep),
      unit: 'ms',
      baseline: p50(xs.converse),
      ratio: p50(xs.bleep) / p50(xs.converse),
      target: 1,
      targetKind: 'ratio',
      n: xs.bleep.length,
    });
    return [row('omemo-encrypt-100', enc), row('omemo-decrypt', dec)];
  } finally {
    await browser.close();
    server.close();
  }
}

let once: Promise<BenchResult[]> | undefined;
/** The row `name` of one shared run (both figures come from the same page and recipients). */
export async function omemoCrypto(name: 'omemo-encrypt-100' | 'omemo-decrypt', say: (line: string) => void) {
  once ??= measure(say);
  return (await once).filter((r) => r.name === name);
}
