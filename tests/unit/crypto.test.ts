import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AttachError, JournalError } from '../../src/errors.js';
import {
  DEFAULT_KDF,
  ENVELOPE_FORMAT,
  type Envelope,
  type KdfParams,
  Keyring,
  newSealer,
  readEnvelope,
  type Sealer,
  seal,
} from '../../src/journal/crypto.js';
import { newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import { lockPathFor } from '../../src/journal/lock.js';
import { reseal } from '../../src/journal/reseal.js';
import { JournalStore } from '../../src/journal/store.js';
import type { Journal } from '../../src/journal/types.js';
import { type Sandbox, sandbox } from '../helpers/cli.js';

/*
 * Encryption at rest (issue 7): the envelope around the journal, its key and
 * nonce, and what happens to a file that was changed, damaged, or given the
 * wrong passphrase. Every scrypt call goes through a counting wrapper, so the
 * tests can say how many times a key was derived.
 */

const kdfCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const scrypt = ((...args: Parameters<typeof real.scrypt>) => {
    kdfCalls.count++;
    return (real.scrypt as (...a: unknown[]) => void)(...args);
  }) as typeof real.scrypt;
  return { ...real, default: { ...real, scrypt }, scrypt };
});

/** A cheap KDF for most tests (the real one costs ~100 ms per derivation); the format is the same. */
const FAST: KdfParams = { name: 'scrypt', N: 2 ** 10, r: 8, p: 1, keyLength: 32 };
const PASS = 'correct horse battery staple';

let box: Sandbox;
let file: string;
beforeEach(() => {
  box = sandbox();
  file = path.join(box.dir, 'data', 'attach', 'journal.json');
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  kdfCalls.count = 0;
});
afterEach(() => box.cleanup());

function journalOf(...whats: string[]): Journal {
  return { version: 1, entries: whats.map((what) => newTrigger({ what, intensity: 5 }, new Date('2026-11-22T21:30:00Z'))) };
}

const envelopeOf = (text: string) => JSON.parse(text) as Envelope;
const asText = (envelope: unknown) => `${JSON.stringify(envelope, null, 2)}\n`;
const keyring = (phrase = PASS) => new Keyring(async () => phrase);

/** Flips one bit of a base64 field's bytes (the result is still valid base64 of the same length). */
function flip(b64: string, at = 0): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[at % bytes.length]! ^= 0x01;
  return bytes.toString('base64');
}

/** The rejection of `promise`, which must be an exit-3 JournalError. */
async function refused(promise: Promise<unknown>): Promise<JournalError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the file to be refused, and it was opened');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JournalError);
  expect((error as AttachError).exitCode).toBe(3);
  // A calm message for a person: one sentence about the journal, no stack or library words.
  expect((error as Error).message).not.toMatch(/\bat .*\.(js|ts):\d|ERR_|Unsupported state|bad decrypt/i);
  return error as JournalError;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

describe('seal and unseal', () => {
  it('round-trip any text, and the envelope says everything but the plaintext', async () => {
    const sealer = await newSealer(PASS, FAST);
    const plaintext = serializeJournal(journalOf('no reply since the morning — 💬 zebraquokka', 'line\nbreak'));
    const sealed = seal(plaintext, sealer);
    expect(sealed).not.toContain('zebraquokka');
    expect(sealed.endsWith('}\n')).toBe(true);

    const envelope = envelopeOf(sealed);
    expect(Object.keys(envelope)).toEqual(['format', 'version', 'kdf', 'salt', 'cipher', 'nonce', 'tag', 'ciphertext']);
    expect(envelope).toMatchObject({ format: ENVELOPE_FORMAT, version: 1, kdf: FAST, cipher: 'aes-256-gcm' });
    expect(Buffer.from(envelope.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(envelope.nonce, 'base64')).toHaveLength(12);
    expect(Buffer.from(envelope.tag, 'base64')).toHaveLength(16);
    // GCM is a stream mode: the ciphertext is exactly as long as the UTF-8 plaintext.
    expect(Buffer.from(envelope.ciphertext, 'base64')).toHaveLength(Buffer.byteLength(plaintext));
    expect(readEnvelope(sealed, file)).toEqual(envelope);

    const ring = keyring();
    expect(await ring.unseal(sealed, file)).toBe(plaintext);
    expect(ring.sealer?.salt.equals(sealer.salt)).toBe(true);
    expect(ring.sealer?.key.equals(sealer.key)).toBe(true);
    // What is written next is sealed again with the same key.
    expect(await keyring().unseal(ring.seal('again'), file)).toBe('again');
  });

  it("the default KDF is OWASP's minimum, scrypt N=2^17, r=8, p=1, and a new file gets a random salt", async () => {
    expect(DEFAULT_KDF).toEqual({ name: 'scrypt', N: 131072, r: 8, p: 1, keyLength: 32 });
    const started = performance.now();
    const a = await newSealer(PASS);
    const elapsed = performance.now() - started;
    const b = await newSealer(PASS);
    expect(a.kdf).toEqual(DEFAULT_KDF);
    expect(a.salt.equals(b.salt)).toBe(false);
    expect(a.key.equals(b.key)).toBe(false);
    // "about 570 ms here": loose bounds, so a busy machine does not fail it.
    expect(elapsed).toBeGreaterThan(80);
    expect(elapsed).toBeLessThan(15_000);
  });

  it('the passphrase is compared in Unicode NFC: a composed and a decomposed "é" open the same journal', async () => {
    const composed = 'caf\u00e9 au lait, bitte';
    const decomposed = 'cafe\u0301 au lait, bitte';
    const sealed = seal('text', await newSealer(composed, FAST));
    expect(await keyring(decomposed).unseal(sealed, file)).toBe('text');
  });

  it('through JournalStore: reads and writes an encrypted journal, sealed again on every write', async () => {
    const plain = new JournalStore(file);
    await plain.update((j) => void j.entries.push(...journalOf('zebraquokka one').entries));
    const store = new JournalStore(file, { passphrase: async () => PASS });
    await reseal(store, await newSealer(PASS, FAST));
    expect(readEnvelope(readFileSync(file, 'utf8'), file)).not.toBeNull();

    const again = new JournalStore(file, { passphrase: async () => PASS });
    await again.update((j) => void j.entries.push(...journalOf('zebraquokka two').entries));
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('zebraquokka');
    expect(readEnvelope(raw, file)).not.toBeNull();
    const read = await new JournalStore(file, { passphrase: async () => PASS }).read();
    expect(read.entries.map((e) => e.what)).toEqual(['zebraquokka one', 'zebraquokka two']);
    // Every file it left is sealed: the journal, and the day's backup (a copy made before the seal, then resealed).
    for (const name of filesUnder(path.dirname(file))) expect(readFileSync(name, 'utf8'), name).not.toContain('zebraquokka');
  });
});

describe('a fresh nonce on every write', () => {
  it('two seals of the same text differ in nonce and ciphertext, never in salt or KDF', async () => {
    const sealer = await newSealer(PASS, FAST);
    const a = envelopeOf(seal('same text', sealer));
    const b = envelopeOf(seal('same text', sealer));
    expect(a.salt).toBe(b.salt);
    expect(a.kdf).toEqual(b.kdf);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.tag).not.toBe(b.tag);
  });

  it('two writes of a journal through the store: same salt, new nonce each time (100 writes, no nonce twice)', async () => {
    writeFileSync(file, seal(serializeJournal(journalOf('start')), await newSealer(PASS, FAST)));
    const store = new JournalStore(file, { passphrase: async () => PASS });
    const envelopes: Envelope[] = [];
    for (let i = 0; i < 100; i++) {
      await store.update((j) => void j.entries.push(...journalOf(`write ${i}`).entries));
      envelopes.push(envelopeOf(readFileSync(file, 'utf8')));
    }
    expect(new Set(envelopes.map((e) => e.salt)).size).toBe(1);
    expect(new Set(envelopes.map((e) => e.nonce)).size).toBe(100);
    expect(new Set(envelopes.map((e) => e.ciphertext)).size).toBe(100);
    // The same text written twice (an update that changes nothing) still gets a new nonce.
    const before = envelopeOf(readFileSync(file, 'utf8'));
    await store.update(() => {});
    const after = envelopeOf(readFileSync(file, 'utf8'));
    expect(after.salt).toBe(before.salt);
    expect(after.nonce).not.toBe(before.nonce);
  });
});

describe('a changed envelope is refused (exit 3), and the file is left byte for byte', () => {
  let sealer: Sealer;
  let original: string;
  beforeEach(async () => {
    sealer = await newSealer(PASS, FAST);
    original = seal(serializeJournal(journalOf('zebraquokka')), sealer);
  });

  const tampers: [string, (e: Envelope) => unknown][] = [
    ['kdf N halved', (e) => ({ ...e, kdf: { ...e.kdf, N: e.kdf.N / 2 } })],
    ['kdf N doubled', (e) => ({ ...e, kdf: { ...e.kdf, N: e.kdf.N * 2 } })],
    ['kdf r', (e) => ({ ...e, kdf: { ...e.kdf, r: 4 } })],
    ['kdf p', (e) => ({ ...e, kdf: { ...e.kdf, p: 2 } })],
    ['kdf keyLength', (e) => ({ ...e, kdf: { ...e.kdf, keyLength: 16 } })],
    ['kdf name', (e) => ({ ...e, kdf: { ...e.kdf, name: 'pbkdf2' } })],
    ['salt, one bit', (e) => ({ ...e, salt: flip(e.salt, 5) })],
    ['salt, another salt', (e) => ({ ...e, salt: Buffer.alloc(16, 7).toString('base64') })],
    ['nonce, one bit', (e) => ({ ...e, nonce: flip(e.nonce, 3) })],
    ['nonce, shorter', (e) => ({ ...e, nonce: Buffer.from(e.nonce, 'base64').subarray(0, 8).toString('base64') })],
    ['cipher aes-128-gcm', (e) => ({ ...e, cipher: 'aes-128-gcm' })],
    ['cipher chacha20-poly1305', (e) => ({ ...e, cipher: 'chacha20-poly1305' })],
    ['version 2', (e) => ({ ...e, version: 2 })],
    ['version "1"', (e) => ({ ...e, version: '1' })],
    ['format', (e) => ({ ...e, format: 'attach.encrypted.v0' })],
    ['ciphertext, first byte', (e) => ({ ...e, ciphertext: flip(e.ciphertext, 0) })],
    ['ciphertext, a middle byte', (e) => ({ ...e, ciphertext: flip(e.ciphertext, 40) })],
    ['ciphertext, last byte', (e) => ({ ...e, ciphertext: flip(e.ciphertext, -1 + Buffer.from(e.ciphertext, 'base64').length) })],
    ['ciphertext, cut short', (e) => ({ ...e, ciphertext: Buffer.from(e.ciphertext, 'base64').subarray(0, 30).toString('base64') })],
    [
      'ciphertext, one byte more',
      (e) => ({ ...e, ciphertext: Buffer.concat([Buffer.from(e.ciphertext, 'base64'), Buffer.from([0])]).toString('base64') }),
    ],
    ['ciphertext, empty', (e) => ({ ...e, ciphertext: '' })],
    ['tag, one bit', (e) => ({ ...e, tag: flip(e.tag, 15) })],
    // GCM accepts a shortened tag unless told its length: the first 4 bytes of the right tag must not pass for it.
    ['tag, cut to its first 12 bytes', (e) => ({ ...e, tag: Buffer.from(e.tag, 'base64').subarray(0, 12).toString('base64') })],
    ['tag, cut to its first 4 bytes', (e) => ({ ...e, tag: Buffer.from(e.tag, 'base64').subarray(0, 4).toString('base64') })],
    ['tag, empty', (e) => ({ ...e, tag: '' })],
    [
      'tag and ciphertext of another file with the same key',
      (e) => ({ ...e, ...pick(envelopeOf(seal('{"version":1,"entries":[]}\n', sealer)), 'tag', 'ciphertext') }),
    ],
  ];

  it.each(tampers)('%s', async (_name, tamper) => {
    writeFileSync(file, asText(tamper(envelopeOf(original))));
    const bytes = readFileSync(file);
    await refused(new JournalStore(file, { passphrase: async () => PASS }).read());
    await refused(new JournalStore(file, { passphrase: async () => PASS }).update((j) => void j.entries.push(...journalOf('new').entries)));
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(existsSync(path.join(path.dirname(file), 'backups'))).toBe(false);
    expect(existsSync(lockPathFor(file))).toBe(false);
    expect(readdirSync(path.dirname(file))).toEqual(['journal.json']);
  });

  /*
   * The header is authenticated data: a keyring that already holds the key of
   * this salt (as a store does after its first read) uses it without deriving
   * again, so only the AAD can notice that the KDF parameters changed.
   */
  it.each([
    ['kdf N', (e: Envelope) => ({ ...e, kdf: { ...e.kdf, N: e.kdf.N * 2 } })],
    ['kdf r', (e: Envelope) => ({ ...e, kdf: { ...e.kdf, r: 9 } })],
    ['kdf p', (e: Envelope) => ({ ...e, kdf: { ...e.kdf, p: 3 } })],
  ])('%s changed is refused even by a keyring that holds the right key (the header is authenticated)', async (_name, tamper) => {
    const ring = keyring();
    await ring.unseal(original, file);
    const calls = kdfCalls.count;
    await refused(ring.unseal(asText(tamper(envelopeOf(original))), file));
    expect(kdfCalls.count).toBe(calls); // the cached key was used: the refusal came from the tag check
    expect(await ring.unseal(original, file)).toContain('zebraquokka');
  });

  it('key order or spacing of the JSON does not matter (the authenticated header is built from the values)', async () => {
    const e = envelopeOf(original);
    const reordered = JSON.stringify({
      ciphertext: e.ciphertext,
      tag: e.tag,
      nonce: e.nonce,
      cipher: e.cipher,
      salt: e.salt,
      kdf: { keyLength: 32, p: e.kdf.p, r: e.kdf.r, N: e.kdf.N, name: 'scrypt' },
      version: 1,
      format: ENVELOPE_FORMAT,
    });
    expect(await keyring().unseal(reordered, file)).toContain('zebraquokka');
  });
});

function pick<T extends object, K extends keyof T>(object: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, object[key]])) as Pick<T, K>;
}

describe('a wrong passphrase', () => {
  it('is exit 3 with a calm message through read and update, and the file, its backups and its folder stay as they were', async () => {
    writeFileSync(file, seal(serializeJournal(journalOf('zebraquokka')), await newSealer(PASS, FAST)));
    const bytes = readFileSync(file);
    let asked = 0;
    const store = new JournalStore(file, {
      passphrase: async () => {
        asked++;
        return 'not the passphrase';
      },
    });
    const read = await refused(store.read());
    expect(read.message).toMatch(/passphrase doesn't open your journal/);
    expect(read.message).toContain('Nothing was changed');
    const update = await refused(store.update((j) => void j.entries.push(...journalOf('lost?').entries)));
    expect(update.message).toMatch(/passphrase doesn't open your journal/);
    expect(asked).toBe(1); // asked once per store, never again for the same answer
    expect(readFileSync(file).equals(bytes)).toBe(true);
    // No backup of the day, no lock, no temp file: nothing was started.
    expect(readdirSync(path.dirname(file))).toEqual(['journal.json']);
    // The right passphrase still opens it.
    expect((await new JournalStore(file, { passphrase: async () => PASS }).read()).entries[0]?.what).toBe('zebraquokka');
  });

  it('an empty passphrase and one differing only in case or a trailing space are wrong too', async () => {
    const sealed = seal('x', await newSealer(PASS, FAST));
    for (const phrase of ['', PASS.toUpperCase(), `${PASS} `, PASS.slice(0, -1)]) await refused(keyring(phrase).unseal(sealed, file));
  });

  it('without any way to ask, an encrypted journal is exit 3 naming ATTACH_PASSPHRASE, and is not changed', async () => {
    writeFileSync(file, seal(serializeJournal(journalOf('x')), await newSealer(PASS, FAST)));
    const bytes = readFileSync(file);
    const error = await refused(new JournalStore(file).update(() => {}));
    expect(error.message).toContain('ATTACH_PASSPHRASE');
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(kdfCalls.count).toBe(1); // only the sealer made above
  });
});

describe('a damaged envelope', () => {
  let valid: Envelope;
  beforeEach(async () => {
    valid = envelopeOf(seal(serializeJournal(journalOf('zebraquokka')), await newSealer(PASS, FAST)));
  });

  const damaged: [string, () => string][] = [
    ['no tag', () => asText({ ...valid, tag: undefined })],
    ['no ciphertext', () => asText({ ...valid, ciphertext: undefined })],
    ['no salt', () => asText({ ...valid, salt: undefined })],
    ['no nonce', () => asText({ ...valid, nonce: undefined })],
    ['no kdf', () => asText({ ...valid, kdf: undefined })],
    [
      'a ciphertext that is not base64',
      () => asText({ ...valid, ciphertext: `${valid.ciphertext.slice(0, 10)}!*${valid.ciphertext.slice(12)}` }),
    ],
    ['a tag that is a number', () => asText({ ...valid, tag: 12 })],
    ['kdf N not a power of two', () => asText({ ...valid, kdf: { ...valid.kdf, N: 1000 } })],
    ['kdf N of 2^30 (would take minutes and gigabytes)', () => asText({ ...valid, kdf: { ...valid.kdf, N: 2 ** 30 } })],
    ['kdf r of 1000', () => asText({ ...valid, kdf: { ...valid.kdf, r: 1000 } })],
    ['kdf N negative', () => asText({ ...valid, kdf: { ...valid.kdf, N: -2 } })],
    ['cut in the middle', () => asText(valid).slice(0, 200)],
    ['cut inside the ciphertext', () => asText(valid).slice(0, asText(valid).indexOf('"ciphertext"') + 40)],
    ['a null byte in the middle', () => asText(valid).replace('"cipher"', '"ci\u0000pher"')],
    ['version missing', () => asText({ ...valid, version: undefined })],
  ];

  it.each(damaged)('%s: exit 3 on read and update, the file untouched, no key derived', async (_name, text) => {
    writeFileSync(file, text());
    const bytes = readFileSync(file);
    kdfCalls.count = 0;
    const started = performance.now();
    await refused(new JournalStore(file, { passphrase: async () => PASS }).read());
    await refused(new JournalStore(file, { passphrase: async () => PASS }).update(() => {}));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(path.dirname(file))).toEqual(['journal.json']);
  });

  it('an envelope too damaged to use is named as damaged, not as a wrong passphrase', async () => {
    writeFileSync(file, asText({ ...valid, tag: undefined }));
    kdfCalls.count = 0;
    const error = await refused(new JournalStore(file, { passphrase: async () => PASS }).read());
    expect(error.message).toMatch(/damaged/);
    expect(kdfCalls.count).toBe(0);
  });

  it('a newer envelope version is named as such', async () => {
    expect(() => readEnvelope(asText({ ...valid, version: 2 }), file)).toThrow(/newer format/);
  });
});

describe('the keyring derives a key once per salt', () => {
  it('counts scrypt calls: one per salt, however many files and reads share it', async () => {
    const a = await newSealer(PASS, FAST);
    const b = await newSealer(PASS, FAST);
    expect(kdfCalls.count).toBe(2);
    kdfCalls.count = 0;

    let asked = 0;
    const ring = new Keyring(async () => {
      asked++;
      return PASS;
    });
    await ring.unseal(seal('one', a), file);
    expect(kdfCalls.count).toBe(1);
    await ring.unseal(seal('two', a), file); // same salt, another nonce
    await ring.unseal(seal('three', a), file);
    expect(kdfCalls.count).toBe(1);
    await ring.unseal(seal('four', b), file); // another salt
    expect(kdfCalls.count).toBe(2);
    await ring.unseal(seal('five', a), file);
    await ring.unseal(seal('six', b), file);
    expect(kdfCalls.count).toBe(2);
    expect(asked).toBe(1);
    // A plain text costs nothing.
    expect(await ring.unseal('{"version":1,"entries":[]}', file)).toBe('{"version":1,"entries":[]}');
    expect(kdfCalls.count).toBe(2);
  });

  it('a store derives once for a read and several updates (the write reuses the key); a new store derives again', async () => {
    writeFileSync(file, seal(serializeJournal(journalOf('start')), await newSealer(PASS, FAST)));
    kdfCalls.count = 0;
    // FAST is today's parameters here, so the file is not strengthened (which derives a key of its own).
    const store = new JournalStore(file, { passphrase: async () => PASS, kdf: FAST });
    await store.read();
    await store.update((j) => void j.entries.push(...journalOf('a').entries));
    await store.update((j) => void j.entries.push(...journalOf('b').entries));
    await store.read();
    expect(kdfCalls.count).toBe(1);
    await new JournalStore(file, { passphrase: async () => PASS }).read();
    expect(kdfCalls.count).toBe(2);
  });

  it('a wrong passphrase is not cached as a key: the next try derives again', async () => {
    const sealed = seal('x', await newSealer(PASS, FAST));
    kdfCalls.count = 0;
    const ring = keyring('wrong passphrase');
    await refused(ring.unseal(sealed, file));
    await refused(ring.unseal(sealed, file));
    expect(kdfCalls.count).toBe(2);
  });

  it('a plain journal never asks for a passphrase and derives nothing', async () => {
    writeFileSync(file, serializeJournal(journalOf('plain')));
    const store = new JournalStore(file, {
      passphrase: async () => {
        throw new Error('must not be asked');
      },
    });
    await store.update((j) => void j.entries.push(...journalOf('more').entries));
    expect((await store.read()).entries).toHaveLength(2);
    expect(store.keyring.sealer).toBeNull();
    expect(kdfCalls.count).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('"more"');
  });
});

describe('readEnvelope', () => {
  it('returns null for plain journals and other non-envelopes', () => {
    const cases = [
      serializeJournal({ version: 1, entries: [] }),
      serializeJournal(journalOf('an entry', 'another')),
      // The format name inside an entry of a plain journal does not make it an envelope.
      serializeJournal(journalOf(`"format": "${ENVELOPE_FORMAT}"`, ENVELOPE_FORMAT)),
      `{"format": "${ENVELOPE_FORMAT}"`, // not JSON at all: the journal's own reader explains
      `["${ENVELOPE_FORMAT}"]`,
      `"${ENVELOPE_FORMAT}"`,
      `{"format": "${ENVELOPE_FORMAT}x"}`,
      'null',
      '',
      '\ufeff{"version":1,"entries":[]}',
    ];
    for (const text of cases) expect(readEnvelope(text, file), text).toBeNull();
  });

  it('a plain journal whose entries mention the format name still reads as plain through the store', async () => {
    writeFileSync(file, serializeJournal(journalOf(`{"format": "${ENVELOPE_FORMAT}", "version": 1}`)));
    const store = new JournalStore(file);
    expect((await store.read()).entries[0]?.what).toContain(ENVELOPE_FORMAT);
    expect(store.keyring.sealer).toBeNull();
  });
});
