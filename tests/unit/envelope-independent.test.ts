import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type KdfParams, newSealer, seal } from '../../src/journal/crypto.js';
import { newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import { attach, ROOT, type Sandbox, sandbox } from '../helpers/cli.js';
// Written from docs/envelope.md alone: it imports nothing from src/.
import { openEnvelope } from '../helpers/envelope-open.mjs';

/*
 * Issue 13: docs/envelope.md describes the envelope completely, so that a
 * decryptor can be written from it alone. Two were: tests/helpers/
 * envelope-open.mjs (node:crypto) and tests/helpers/envelope_open.py
 * (Python's `cryptography`, when this machine has it). Each opens the
 * worked example of the page, and what attach itself seals.
 */

const DOC = readFileSync(path.join(ROOT, 'docs', 'envelope.md'), 'utf8');
const EXAMPLE = /```json\n(\{\n {2}"format"[\s\S]*?\n\})\n```/.exec(DOC)![1]!;
const EXAMPLE_PASSPHRASE = /sealed with the passphrase\s+`([^`]+)`/.exec(DOC)![1]!;
const PY_HELPER = path.join(ROOT, 'tests', 'helpers', 'envelope_open.py');
const hasPython = spawnSync('python3', ['-c', 'import cryptography'], { stdio: 'ignore' }).status === 0;

const FAST: KdfParams = { name: 'scrypt', N: 2 ** 10, r: 8, p: 1, keyLength: 32 };

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());

type Opener = (text: string, passphrase: string) => Promise<Buffer | null>;

/** The Python decryptor, on a file: the plaintext, or null when it does not open (exit 1). */
const python: Opener = async (text, passphrase) => {
  const file = path.join(box.dir, `envelope-${Math.random().toString(16).slice(2)}.json`);
  writeFileSync(file, text);
  const run = spawnSync('python3', [PY_HELPER, file], { env: { ...process.env, ENVELOPE_PASSPHRASE: passphrase } });
  if (run.status === 1) return null;
  expect(run.status, run.stderr.toString()).toBe(0);
  return run.stdout;
};

const openers: [string, Opener, boolean][] = [
  ['node:crypto, from the page alone', openEnvelope as Opener, true],
  ["Python's cryptography, from the page alone", python, hasPython],
];

describe.each(openers)('a decryptor in %s', (_name, open, available) => {
  it.skipIf(!available)("opens the page's own worked example", async () => {
    const plain = await open(EXAMPLE, EXAMPLE_PASSPHRASE);
    expect(plain?.toString('utf8')).toBe('{\n  "version": 1,\n  "entries": []\n}\n');
    expect(await open(EXAMPLE, `${EXAMPLE_PASSPHRASE} `)).toBeNull();
  });

  it.skipIf(!available)('opens what attach seals, the passphrase in NFC, and refuses a wrong one or a changed header', async () => {
    const journal = serializeJournal({
      version: 1,
      entries: [newTrigger({ what: 'café, naïve, 日本語, 🫶 and a "quote"', intensity: 7 }, new Date('2026-11-22T21:30:00Z'))],
    });
    const sealed = seal(journal, await newSealer('caf\u00e9 au lait', FAST));
    expect((await open(sealed, 'cafe\u0301 au lait'))?.toString('utf8')).toBe(journal);
    expect(await open(sealed, 'Café au lait')).toBeNull();
    // N is in the associated data: a header changed is refused even with the right passphrase.
    const envelope = JSON.parse(sealed) as { kdf: KdfParams };
    expect(await open(JSON.stringify({ ...envelope, kdf: { ...envelope.kdf, N: 2 ** 11 } }), 'caf\u00e9 au lait')).toBeNull();
    // Key order and spacing are free.
    const reordered = Object.fromEntries(Object.entries(JSON.parse(sealed) as object).reverse());
    expect((await open(JSON.stringify(reordered), 'caf\u00e9 au lait'))?.toString('utf8')).toBe(journal);
  });

  it.skipIf(!available)('opens a journal and its backup encrypted by the CLI (N = 2^17), and a kept copy byte for byte', async () => {
    const dir = path.dirname(box.journal);
    mkdirSync(path.join(dir, 'backups'), { recursive: true, mode: 0o700 });
    const journal = serializeJournal({ version: 1, entries: [newTrigger({ what: 'zebraquokka', intensity: 4 }, new Date())] });
    writeFileSync(box.journal, journal, { mode: 0o600 });
    writeFileSync(path.join(dir, 'backups', 'journal-2026-11-20.json'), journal, { mode: 0o600 });
    // A damaged copy kept by a repair: not UTF-8, not JSON.
    const damaged = Buffer.from([0x7b, 0x0a, 0xff, 0xfe, 0x22, 0xc3, 0x28, 0x00]);
    writeFileSync(path.join(dir, 'journal.broken-20261120-101500.json'), damaged, { mode: 0o600 });
    const passphrase = 'correct horse battery staple';
    const r = attach(box, ['encrypt'], { ATTACH_PASSPHRASE: passphrase });
    expect(r.code, r.stderr).toBe(0);

    const text = readFileSync(box.journal, 'utf8');
    expect(text).not.toContain('zebraquokka');
    expect((JSON.parse(text) as { kdf: KdfParams }).kdf).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
    expect((await open(text, passphrase))?.toString('utf8')).toBe(journal);
    for (const name of readdirSync(path.join(dir, 'backups'))) {
      const backup = readFileSync(path.join(dir, 'backups', name), 'utf8');
      expect((await open(backup, passphrase))?.toString('utf8')).toContain('zebraquokka');
    }
    const kept = await open(readFileSync(path.join(dir, 'journal.broken-20261120-101500.json'), 'utf8'), passphrase);
    expect(kept?.equals(damaged)).toBe(true);
  });
});
