import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_KDF,
  type Envelope,
  type KdfParams,
  Keyring,
  kdfAllowed,
  kdfWeaker,
  newSealer,
  readEnvelope,
  seal,
} from '../../src/journal/crypto.js';
import { newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import { reseal } from '../../src/journal/reseal.js';
import { JournalStore } from '../../src/journal/store.js';
import { type Sandbox, sandbox } from '../helpers/cli.js';

/*
 * Issue 13, the key derivation: new envelopes at OWASP's minimum for scrypt
 * (N = 2^17, r = 8, p = 1, or as much work another way), envelopes read up
 * to N = 2^20 within a memory bound, and a journal sealed with weaker
 * parameters sealed again with today's at its next write, once.
 */

const kdfCalls = vi.hoisted(() => ({ count: 0, params: [] as { N: number; r: number; p: number; maxmem: number }[] }));
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  const scrypt = ((...args: Parameters<typeof real.scrypt>) => {
    kdfCalls.count++;
    kdfCalls.params.push(args[3] as { N: number; r: number; p: number; maxmem: number });
    return (real.scrypt as (...a: unknown[]) => void)(...args);
  }) as typeof real.scrypt;
  return { ...real, default: { ...real, scrypt }, scrypt };
});

const PASS = 'correct horse battery staple';
const kdf = (N: number, r = 8, p = 1): KdfParams => ({ name: 'scrypt', N, r, p, keyLength: 32 });
/** Cheap stand-ins: "weak" for a file of an older attach, "today" for what this one writes. */
const WEAK = kdf(2 ** 10);
const TODAY = kdf(2 ** 12);

let box: Sandbox;
let file: string;
beforeEach(() => {
  box = sandbox();
  file = path.join(box.dir, 'data', 'attach', 'journal.json');
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  kdfCalls.count = 0;
  kdfCalls.params = [];
});
afterEach(() => box.cleanup());

const envelopeOf = (text: string) => JSON.parse(text) as Envelope;
const journalText = (what: string) =>
  serializeJournal({ version: 1, entries: [newTrigger({ what, intensity: 5 }, new Date('2026-11-22T21:30:00Z'))] });

describe('the parameters a file may carry', () => {
  it("OWASP's minimum and its equivalents are not weaker than today's; the old N = 2^15 is", () => {
    expect(kdfWeaker(kdf(2 ** 17))).toBe(false);
    expect(kdfWeaker(kdf(2 ** 16, 8, 2))).toBe(false);
    expect(kdfWeaker(kdf(2 ** 18))).toBe(false);
    expect(kdfWeaker(kdf(2 ** 15))).toBe(true);
    expect(kdfWeaker(kdf(2 ** 16))).toBe(true);
  });

  it.each([
    ['N = 2^18', kdf(2 ** 18)],
    ['N = 2^19', kdf(2 ** 19)],
    ['N = 2^20 (1 GiB)', kdf(2 ** 20)],
    ['N = 2^16, p = 2', kdf(2 ** 16, 8, 2)],
    ['N = 2^18, r = 16 (512 MiB)', kdf(2 ** 18, 16)],
  ])('%s is read', (_name, params) => {
    expect(kdfAllowed(params)).toBe(true);
  });

  it.each([
    ['N = 2^21', kdf(2 ** 21)],
    ['N = 2^20, r = 16 (2 GiB)', kdf(2 ** 20, 16)],
    ['N = 2^20, p = 2 (sixteen times the work)', kdf(2 ** 20, 8, 2)],
    ['N = 2^30', kdf(2 ** 30)],
    ['p = 17', kdf(2 ** 10, 8, 17)],
    ['N not a power of two', kdf(100_000)],
    ['N = 1', kdf(1)],
    ['r = 0', kdf(2 ** 10, 0)],
  ])('%s is refused as damaged, before any key is derived', async (_name, params) => {
    expect(kdfAllowed(params)).toBe(false);
    const text = `${JSON.stringify({ ...envelopeOf(seal('x', await newSealer(PASS, WEAK))), kdf: params }, null, 2)}\n`;
    kdfCalls.count = 0;
    expect(() => readEnvelope(text, file)).toThrow(/damaged/);
    await expect(new Keyring(async () => PASS).unseal(text, file)).rejects.toThrow(/damaged/);
    expect(kdfCalls.count).toBe(0);
  });

  it('a file sealed with N = 2^18 (refused before) opens, scrypt given the memory it needs', async () => {
    const text = seal(journalText('deep'), await newSealer(PASS, kdf(2 ** 18)));
    expect(await new Keyring(async () => PASS).unseal(text, file)).toContain('deep');
    const used = kdfCalls.params.at(-1)!;
    expect(used.N).toBe(2 ** 18);
    // 128 * N * r is 256 MiB, far above Node's default bound of 32 MiB.
    expect(used.maxmem).toBeGreaterThanOrEqual(128 * 2 ** 18 * 8);
    expect(used.maxmem).toBeLessThan(128 * 2 ** 18 * 8 * 1.01);
  });
});

describe('a journal sealed with weaker parameters', () => {
  const store = () => new JournalStore(file, { passphrase: async () => PASS, kdf: TODAY });
  const add = (s: JournalStore, what: string) =>
    s.update((j) => void j.entries.push(newTrigger({ what, intensity: 5 }, new Date('2026-11-22T21:30:00Z'))));

  it("is sealed with today's parameters and a new salt at its next write, once", async () => {
    writeFileSync(file, seal(journalText('old'), await newSealer(PASS, WEAK)));
    const before = envelopeOf(readFileSync(file, 'utf8'));
    kdfCalls.count = 0;

    const first = store();
    await add(first, 'one');
    const after = envelopeOf(readFileSync(file, 'utf8'));
    expect(after.kdf).toEqual(TODAY);
    expect(after.salt).not.toBe(before.salt);
    // One key to open it, one for the new salt.
    expect(kdfCalls.count).toBe(2);

    await add(first, 'two');
    const again = store();
    await add(again, 'three');
    expect(envelopeOf(readFileSync(file, 'utf8')).salt).toBe(after.salt);
    // The same store reuses its key; a new one derives the (stronger) key once.
    expect(kdfCalls.count).toBe(3);
    expect((await store().read()).entries.map((e) => e.what)).toEqual(['old', 'one', 'two', 'three']);
  });

  it('is left as it is by a read', async () => {
    writeFileSync(file, seal(journalText('old'), await newSealer(PASS, WEAK)));
    const bytes = readFileSync(file);
    await store().read();
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('a sealer given on purpose (a new passphrase) is used as given, never replaced by a stronger one', async () => {
    writeFileSync(file, seal(journalText('old'), await newSealer(PASS, WEAK)));
    const chosen = await newSealer('another passphrase', WEAK);
    await reseal(store(), chosen);
    const envelope = envelopeOf(readFileSync(file, 'utf8'));
    expect(envelope.kdf).toEqual(WEAK);
    expect(envelope.salt).toBe(chosen.salt.toString('base64'));
  });

  it("today's parameters are DEFAULT_KDF unless a store is told otherwise", () => {
    expect(new JournalStore(file).keyring.current).toEqual(DEFAULT_KDF);
  });
});
