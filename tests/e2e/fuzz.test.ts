import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as exportRun } from '../../src/commands/export.js';
import { run as listRun } from '../../src/commands/list.js';
import { run as reportRun } from '../../src/commands/report.js';
import { run as showRun } from '../../src/commands/show.js';
import { AttachError } from '../../src/errors.js';
import { Keyring, newSealer, type Sealer, seal } from '../../src/journal/crypto.js';
import { newTrigger } from '../../src/journal/entries.js';
import { ENTRY_TYPES, fieldsOf } from '../../src/journal/fields.js';
import { parseJournal, serializeJournal } from '../../src/journal/format.js';
import { JournalStore } from '../../src/journal/store.js';
import type { Journal, TriggerEntry } from '../../src/journal/types.js';
import { checkJournal } from '../../src/journal/validate.js';
import { sandbox } from '../helpers/cli.js';
import * as make from '../helpers/entries.js';
import { fakeContext } from '../helpers/fake-context.js';
import { attachTimed, changes, leftovers, pool, STACK_LINE, snapshot } from '../helpers/hostile.js';

/*
 * Issue 7, "fuzz the loader": journals broken every way a disk, a sync tool,
 * a hand edit or a hostile file can break them, read by attach. The
 * property, for each one:
 *
 *   - attach never crashes (exit 1, a stack trace): it either gives the
 *     right answer (exit 0: `list` shows exactly the entries, `log` adds
 *     exactly one and the file still validates) or refuses (exit 3);
 *   - whenever it refused, the file is byte for byte as it was, and no temp
 *     file or lock is left beside it;
 *   - a file that is a valid journal is never refused (except for absurd
 *     nesting, where a limit is a fair answer), and an encrypted journal
 *     whose bytes were changed never opens with other content.
 *
 * Most cases run in-process against the store the CLI bundles (JournalStore
 * read/update in a temp folder, and the list/show/report/export commands on
 * what it read); a smaller sample, and every hand-picked case, runs through
 * the built CLI, four processes at a time. FUZZ_SEED=<n> replays a run.
 */

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const IN_PROCESS_RUNS = 1_000;
const ENCRYPTED_RUNS = 150;
const CLI_RUNS = 80;
const PASS = 'correct horse battery';

let sealer: Sealer;
let scratch: string;
beforeAll(async () => {
  // A cheap KDF (N=2^10) keeps hundreds of encrypted cases fast; the envelope says which it used.
  sealer = await newSealer(PASS, { name: 'scrypt', N: 2 ** 10, r: 8, p: 1, keyLength: 32 });
  scratch = mkdtempSync(path.join(os.tmpdir(), 'attach-fuzz-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// ---------------------------------------------------------------- cases

type Content =
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'missing' }
  /** A folder where the file should be (with a file inside, which must stay). */
  | { kind: 'dir' }
  /** journal.json -> journal.json */
  | { kind: 'loop' }
  /** journal.json -> elsewhere.json, which does not exist yet */
  | { kind: 'dangling' }
  | { kind: 'fifo' };

interface Case {
  label: string;
  content: Content;
  /** Valid, but absurd (deep nesting): refusing it with exit 3 is a fair answer too. */
  lenient?: boolean;
  /** An encrypted journal: what it was sealed from, and whether its bytes are still as sealed. */
  sealed?: { journal: Journal; intact: boolean };
}

type Expected = { state: 'valid'; journal: Journal } | { state: 'invalid' } | { state: 'either'; journal: Journal };

const EMPTY: Journal = { version: 1, entries: [] };

/** What a correct loader does with a case, decided without the loader: JSON.parse and the validator. */
function expected(c: Case): Expected {
  const { content } = c;
  if (content.kind === 'missing' || content.kind === 'dangling') return { state: 'valid', journal: EMPTY };
  if (content.kind !== 'bytes') return { state: 'invalid' };
  if (c.sealed) return c.sealed.intact ? { state: 'valid', journal: c.sealed.journal } : { state: 'either', journal: c.sealed.journal };
  const text = content.bytes.toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return { state: 'invalid' };
  }
  // Shaped like an encryption envelope: attach tries to open it, and can't.
  if (data !== null && typeof data === 'object' && (data as { format?: unknown }).format === 'attach.encrypted')
    return { state: 'invalid' };
  const checked = checkJournal(data);
  return checked.ok ? { state: 'valid', journal: checked.journal } : { state: 'invalid' };
}

function materialise(c: Case, file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const { content } = c;
  switch (content.kind) {
    case 'bytes':
      writeFileSync(file, content.bytes, { mode: 0o600 });
      break;
    case 'dir':
      mkdirSync(file);
      writeFileSync(path.join(file, 'inside.txt'), 'kept');
      break;
    case 'loop':
      symlinkSync(path.basename(file), file);
      break;
    case 'dangling':
      symlinkSync('elsewhere.json', file);
      break;
    case 'fifo':
      execFileSync('mkfifo', ['-m', '600', file]);
      break;
    case 'missing':
      break;
  }
}

/** The same data: byte-for-byte JSON, or (for absurd nesting, which JSON.stringify can't walk) the same ids. */
function same(a: Journal, b: Journal, lenient: boolean | undefined): boolean {
  if (lenient) return JSON.stringify(a.entries.map((e) => e.id)) === JSON.stringify(b.entries.map((e) => e.id));
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------- generated journals

const time = fc
  .tuple(
    fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }),
    fc.constantFrom('Z', '+00:00', '-08:00', '+05:30', '+14:00', '-12:00'),
    fc.boolean(),
  )
  .map(([ms, offset, seconds]) => `${new Date(ms).toISOString().slice(0, seconds ? 19 : 16)}${offset}`);
// Any code point, controls and lone surrogates included.
const words = fc.string({ unit: 'binary', maxLength: 24 });
const maybe = fc.option(words, { nil: null });
const list = fc.array(words, { maxLength: 3 });
const score = fc.integer({ min: 0, max: 10 });
const common = { id: fc.uuid(), at: time, recordedAt: time, tags: list, note: maybe };

const triggerFields = {
  ...common,
  type: fc.constant('trigger'),
  what: words,
  who: maybe,
  triggers: list,
  intensity: score,
  body: list,
  thought: maybe,
  urges: list,
  protest: list,
  instead: maybe,
};
const pauseFields = {
  ...common,
  type: fc.constant('pause'),
  for: fc.option(fc.uuid(), { nil: null }),
  urge: maybe,
  plannedSeconds: fc.nat(10_800),
  elapsedSeconds: fc.nat(10_800),
  completed: fc.boolean(),
  before: score,
  after: fc.option(score, { nil: null }),
  passed: fc.option(fc.boolean(), { nil: null }),
  activities: list,
  notes: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 2 }),
  next: maybe,
};
const reflectionFields = {
  ...common,
  type: fc.constant('reflection'),
  for: fc.option(fc.uuid(), { nil: null }),
  protest: list,
  situation: maybe,
  needs: list,
  hoped: maybe,
  happened: maybe,
  felt: maybe,
  ask: maybe,
};
// Another tool's entry: only an id and a type are promised, and the type may be any word, even "__proto__".
const otherFields = {
  id: fc.string({ minLength: 1, maxLength: 12 }),
  type: fc.constantFrom('dream', 'mood', 'constructor', '__proto__', 'toString', 'hasOwnProperty'),
  at: fc.oneof(time, words),
};

/*
 * Every name the format gives a meaning to: the fields of each type above,
 * editedAt (checked when present), the journal's own keys and the envelope's
 * "format". An extra field by one of these names is not extra: it replaces
 * the generated value ("at": null), and an encrypted journal the test holds
 * for valid is not (seed 1747472722 of the encrypted property, FUZZ_SEED=1747472721).
 */
const KNOWN_NAMES = new Set([
  'version',
  'entries',
  'format',
  'editedAt',
  ...[triggerFields, pauseFields, reflectionFields, otherFields].flatMap((fields) => Object.keys(fields)),
  // Every field of the table, the types this file does not generate and fields added since 0.1 included.
  ...ENTRY_TYPES.flatMap((type) => fieldsOf(type).map((field) => field.name)),
]);
const extras = fc.dictionary(
  fc
    .oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'))
    .filter((key) => !KNOWN_NAMES.has(key)),
  fc.jsonValue({ maxDepth: 2 }),
  {
    maxKeys: 2,
  },
);

const trigger = fc.record(triggerFields);
const pause = fc.record(pauseFields);
const reflection = fc.record(reflectionFields);
const other = fc.record(otherFields, { requiredKeys: ['id', 'type'] });
const entry = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: trigger },
      { weight: 2, arbitrary: pause },
      { weight: 2, arbitrary: reflection },
      { weight: 1, arbitrary: other },
    ),
    fc.option(extras, { nil: undefined }),
  )
  .map(([known, more]) => ({ ...known, ...(more ?? {}) }) as Record<string, unknown>);
const journal = fc
  .tuple(fc.array(entry, { maxLength: 6 }), fc.option(extras, { nil: undefined }))
  .map(([entries, more]) => ({ ...(more ?? {}), version: 1, entries }) as unknown as Journal);

/** JSON text spliced in where a value was: what no JSON.stringify would write. */
const RAW = [
  'null',
  'true',
  '0',
  '-1',
  '7.5',
  '11',
  '1e400',
  '-1e400',
  '1e-400',
  '9007199254740993',
  '123456789012345678901234567890',
  '-0',
  '""',
  '"7"',
  '"2026-13-45T99:99:99Z"',
  '"not a time"',
  '[]',
  '{}',
  '[1,"a",null]',
  '[[[[]]]]',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
];

type Structural =
  /** A field of an entry (by name, or the nth of its own) given a value of another type. */
  | { kind: 'field'; entry: number; field: string | number; raw: string }
  /** A top-level key (version, entries, __proto__, ...) given a raw value. */
  | { kind: 'top'; key: string; raw: string }
  /** A value nested `depth` deep added to an entry, or to the journal. */
  | { kind: 'deep'; entry: number | null; depth: number; shape: 'array' | 'object' };

type Bytewise =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'remove'; at: number; length: number }
  | { kind: 'bom' }
  | { kind: 'utf16' }
  | { kind: 'crlf' };

const FIELDS = [
  'id',
  'type',
  'at',
  'recordedAt',
  'editedAt',
  'intensity',
  'what',
  'tags',
  'note',
  'before',
  'after',
  'plannedSeconds',
  'completed',
  'notes',
  'needs',
  'for',
  '__proto__',
  'constructor',
];
const structural: fc.Arbitrary<Structural> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('field' as const),
      entry: fc.nat(),
      field: fc.oneof(fc.constantFrom(...FIELDS), fc.nat()),
      raw: fc.constantFrom(...RAW),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('top' as const),
      key: fc.constantFrom('version', 'version', 'entries', '__proto__', 'constructor'),
      raw: fc.constantFrom(...RAW, '1.0', '1e0', '2', '99', '[null]', '[{}]', '[{"id":"a"}]', '[{"id":"a","type":""}]'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('deep' as const),
      entry: fc.option(fc.nat(), { nil: null }),
      depth: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 65, max: 20_000 })),
      shape: fc.constantFrom('array' as const, 'object' as const),
    }),
  },
);
const INVALID_UTF8 = [[0xff], [0xfe, 0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xc0, 0xaf], [0xe2, 0x82]];
const bytewise: fc.Arbitrary<Bytewise> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: fc.nat(),
      bytes: fc.oneof(
        fc.constantFrom(...INVALID_UTF8, [0x00], [0x22], [0x5c], [0x7b], [0x5d], [0x2c], [0x20]),
        fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 4 }),
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'utf16' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'crlf' as const }) },
);

interface Recipe {
  journal: Journal;
  compact: boolean;
  structural: Structural[];
  bytewise: Bytewise[];
}
const recipe: fc.Arbitrary<Recipe> = fc.record({
  journal,
  compact: fc.boolean(),
  structural: fc.array(structural, { maxLength: 2 }),
  bytewise: fc.array(bytewise, { maxLength: 2 }),
});
const sealedRecipe = fc.record({ journal, bytewise: fc.array(bytewise, { minLength: 0, maxLength: 2 }) });

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty, so "__proto__" becomes a key like any other rather than a prototype.
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function mutateBytes(start: Buffer, steps: Bytewise[]): Buffer {
  let b = start;
  for (const step of steps) {
    const at = (n: number) => (b.length === 0 ? 0 : n % b.length);
    switch (step.kind) {
      case 'truncate':
        b = b.subarray(0, step.at % (b.length + 1));
        break;
      case 'flip':
        if (b.length) {
          b = Buffer.from(b);
          b[at(step.at)]! ^= step.xor;
        }
        break;
      case 'insert':
        b = Buffer.concat([b.subarray(0, at(step.at)), Buffer.from(step.bytes), b.subarray(at(step.at))]);
        break;
      case 'remove':
        b = Buffer.concat([b.subarray(0, at(step.at)), b.subarray(at(step.at) + step.length)]);
        break;
      case 'bom':
        b = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);
        break;
      case 'utf16':
        b = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]);
        break;
      case 'crlf':
        b = Buffer.from(b.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
        break;
    }
  }
  return b;
}

/** Marks where raw JSON text goes; random, so no generated string or key can ever be taken for one. */
const RAW_MARK = `@@raw-${randomBytes(6).toString('hex')}-`;

function fromRecipe(r: Recipe): Case {
  // A copy: fast-check may hand the same value to another run while it shrinks.
  const data = JSON.parse(JSON.stringify(r.journal)) as Journal;
  const raws: string[] = [];
  const raw = (text: string) => `${RAW_MARK}${raws.push(text) - 1}@@`;
  let lenient = false;
  for (const step of r.structural) {
    const entries = Array.isArray(data.entries) ? (data.entries as unknown as Record<string, unknown>[]) : [];
    const target = (index: number | null) =>
      index === null || entries.length === 0 ? (data as Record<string, unknown>) : entries[index % entries.length]!;
    if (step.kind === 'field') {
      const owner = target(step.entry);
      const keys = Object.keys(owner);
      setOwn(owner, typeof step.field === 'number' ? (keys[step.field % Math.max(keys.length, 1)] ?? 'id') : step.field, raw(step.raw));
    } else if (step.kind === 'top') {
      setOwn(data as Record<string, unknown>, step.key, raw(step.raw));
    } else {
      lenient ||= step.depth > 64;
      const nested =
        step.shape === 'array'
          ? `${'['.repeat(step.depth)}${']'.repeat(step.depth)}`
          : `${'{"a":'.repeat(step.depth)}0${'}'.repeat(step.depth)}`;
      setOwn(target(step.entry), 'deep', raw(nested));
    }
  }
  const text = (r.compact ? JSON.stringify(data) : serializeJournal(data)).replace(
    new RegExp(`"${RAW_MARK}(\\d+)@@"`, 'g'),
    (_m, i: string) => raws[Number(i)]!,
  );
  const bytes = mutateBytes(Buffer.from(text, 'utf8'), r.bytewise);
  return { label: 'generated', content: { kind: 'bytes', bytes }, lenient };
}

function fromSealedRecipe(r: { journal: Journal; bytewise: Bytewise[] }): Case {
  const data = JSON.parse(JSON.stringify(r.journal)) as Journal;
  // The property holds this journal for valid (expected() does not look inside the envelope): make sure it is.
  const checked = checkJournal(data);
  if (!checked.ok) throw new Error(`the generator made an invalid journal to encrypt (${checked.problem}): fix the generator`);
  const original = Buffer.from(seal(serializeJournal(data), sealer), 'utf8');
  const bytes = mutateBytes(original, r.bytewise);
  return { label: 'generated, encrypted', content: { kind: 'bytes', bytes }, sealed: { journal: data, intact: bytes.equals(original) } };
}

// ---------------------------------------------------------------- hand-picked cases

const MB10 = 10 * 1024 * 1024;
// The hand-picked cases below edit its text: they rely on the words and the intensity named here.
const goodEntry = (more: Partial<TriggerEntry> = {}) =>
  make.trigger({ what: 'No reply for four hours', who: 'partner', triggers: ['delayed-reply'], intensity: 7, ...more });
const good = (entries: unknown[] = [goodEntry()]) => serializeJournal({ version: 1, entries } as Journal);
const bytes = (text: string | Buffer, label: string, more: Partial<Case> = {}): Case => ({
  label,
  content: { kind: 'bytes', bytes: Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8') },
  ...more,
});

function handPicked(): Case[] {
  const valid = good();
  const huge = 'x'.repeat(MB10);
  const hugeJournal = good([goodEntry({ note: huge })]);
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
  const utf8Inside = Buffer.from(valid.replace('four hours', 'four @@ hours'), 'utf8');
  const at = utf8Inside.indexOf('@@');
  utf8Inside[at] = 0xff;
  utf8Inside[at + 1] = 0xfe;
  return [
    bytes('', 'an empty file'),
    bytes('\ufeff', 'a byte-order mark alone'),
    bytes(`\ufeff${valid}`, 'a byte-order mark before a valid journal'),
    bytes(' \n\t\n', 'whitespace only'),
    bytes('\0\0\0\0', 'NUL bytes'),
    bytes('null', 'null'),
    bytes('[]', 'an array'),
    bytes('{}', 'an empty object'),
    bytes('"journal"', 'a string'),
    bytes('{"version":2,"entries":[]}', 'a newer version'),
    bytes('{"version":1}', 'no entries'),
    bytes('{"version":1,"entries":{}}', 'entries an object'),
    bytes('{"version":"1","entries":[]}', 'version a string'),
    bytes('{"version":1e400,"entries":[]}', 'version 1e400'),
    bytes('{"version":1,"entries":[]}{"version":1,"entries":[]}', 'two journals in one file'),
    bytes('{"__proto__":{"version":2,"polluted":true},"version":1,"entries":[]}', '__proto__ at the top'),
    bytes('{"constructor":{"prototype":{"polluted":true}},"version":1,"entries":[]}', 'constructor.prototype at the top'),
    bytes(
      good([
        { id: 'a1', type: 'constructor' },
        { id: 'b2', type: '__proto__' },
        { id: 'c3', type: 'hasOwnProperty' },
      ]),
      'entry types named constructor, __proto__, hasOwnProperty',
    ),
    bytes(valid.replace('"id":', '"__proto__":{"type":"pause","polluted":true},"id":'), '__proto__ inside an entry'),
    bytes(good([{ id: 'd1', type: 'dream', at: 'whenever' }]), 'an entry of another tool with its own idea of time'),
    bytes(valid.replace('"intensity":7', '"intensity":1e400'), 'intensity 1e400'),
    bytes(valid.replace('"intensity":7', '"intensity":7.0000000000000001'), 'intensity 7.0000000000000001 (is 7)'),
    bytes(hugeJournal, 'a 10 MB string in a note'),
    bytes(good([{ id: 'h1', type: 'dream', blob: huge }]), 'a 10 MB string in an entry of another type'),
    bytes(hugeJournal.slice(0, hugeJournal.length / 2), 'a 10 MB string cut in the middle'),
    bytes('['.repeat(MB10), '10 MB of ['),
    bytes(good([goodEntry({ deep: JSON.parse(nested(100)) as unknown })]), 'nesting 100 deep in an unknown field'),
    bytes(valid.replace('"note":null', `"note":null,"deep":${nested(100_000)}`), 'nesting 100 000 deep in an unknown field', {
      lenient: true,
    }),
    bytes(utf8Inside, 'invalid UTF-8 inside a string'),
    bytes(
      Buffer.concat([Buffer.from('{"version":1,'), Buffer.from([0xff, 0xfe]), Buffer.from('"entries":[]}')]),
      'invalid UTF-8 between tokens',
    ),
    bytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid, 'utf16le')]), 'UTF-16 with its byte-order mark'),
    bytes(valid.replace(/\n/g, '\r\n'), 'CRLF line ends'),
    { label: 'a folder where the file should be', content: { kind: 'dir' } },
    { label: 'a symlink to itself', content: { kind: 'loop' } },
    { label: 'a symlink to a file not there yet', content: { kind: 'dangling' } },
    { label: 'no file yet', content: { kind: 'missing' } },
  ];
}

// ---------------------------------------------------------------- the property, in-process

function isRefusal(error: unknown): boolean {
  return error instanceof AttachError && error.exitCode === 3;
}

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join();
let counter = 0;

/** Reads and writes one case with the real store; throws (an expect) on any broken promise. */
async function checkInProcess(c: Case, readers: boolean): Promise<void> {
  const dir = path.join(scratch, `case-${counter++}`);
  const file = path.join(dir, 'journal.json');
  materialise(c, file);
  const want = expected(c);
  const original = snapshot(dir);
  const protoBefore = prototypeKeys();
  // The sealer's cheap parameters are today's here: a write does not strengthen them (a derivation of 2^17 each time).
  const store = new JournalStore(file, { passphrase: async () => PASS, lockWaitMs: 5_000, kdf: sealer.kdf });
  try {
    // Reading: the right journal, or a refusal; never a write.
    let read: Journal | undefined;
    try {
      read = await store.read();
    } catch (error) {
      expect(isRefusal(error), `read threw something other than exit 3: ${String(error)}`).toBe(true);
      expect(want.state === 'valid' && !c.lenient, `a valid journal was refused: ${String(error)}`).toBe(false);
    }
    if (read) {
      expect(want.state, 'an invalid journal was accepted').not.toBe('invalid');
      if (want.state !== 'invalid') expect(same(read, want.journal, c.lenient), 'read a different journal than the file holds').toBe(true);
    }
    expect(changes(original, snapshot(dir)), 'reading changed files').toEqual([]);

    // What people read it with: any answer but a crash.
    if (read && readers) {
      const { ctx } = fakeContext({ dir });
      ctx.journal = () => new JournalStore(file, { passphrase: async () => PASS, kdf: sealer.kdf });
      const first = read.entries[0];
      const runs: [string, () => Promise<void>][] = [
        ['list', () => listRun({}, ctx)],
        ['list --json', () => listRun({ json: true }, ctx)],
        ['report', () => reportRun({}, ctx)],
        ['report --json', () => reportRun({ json: true }, ctx)],
        ['export --format md', () => exportRun({ format: 'md' }, ctx)],
        ['export --format csv', () => exportRun({ format: 'csv' }, ctx)],
        ...(first && typeof first.id === 'string' ? ([['show', () => showRun(first.id, {}, ctx)]] as [string, () => Promise<void>][]) : []),
      ];
      for (const [name, run] of runs) {
        await run().catch((error: unknown) => {
          expect(error instanceof AttachError, `${name} crashed (exit 1): ${String(error)}`).toBe(true);
        });
      }
      expect(changes(original, snapshot(dir)), 'a reader changed files').toEqual([]);
    }

    // Writing: exactly one entry more, or a refusal that leaves the file as it was.
    const added = newTrigger({ what: 'x', intensity: 3 }, new Date());
    let wrote = false;
    try {
      await store.update((j) => {
        j.entries.push(added);
      });
      wrote = true;
    } catch (error) {
      expect(isRefusal(error), `log threw something other than exit 3: ${String(error)}`).toBe(true);
      expect(want.state === 'valid' && !c.lenient, `log refused a valid journal: ${String(error)}`).toBe(false);
      const journalPath = path.relative(dir, file);
      expect(
        changes(original, snapshot(dir)).filter((change) => !change.includes('backups')),
        'a refused write changed files',
      ).toEqual([]);
      const [was, now] = [original.get(journalPath), snapshot(dir).get(journalPath)];
      expect(Buffer.isBuffer(was) && Buffer.isBuffer(now) ? was.equals(now) : was === now, 'the journal itself changed').toBe(true);
    }
    if (wrote) {
      expect(read, 'log wrote to a journal that read refused').toBeDefined();
      let text = readFileSync(file, 'utf8');
      if (c.sealed) {
        expect(text, 'an encrypted journal was written in plain text').toContain('"ciphertext"');
        text = await new Keyring(async () => PASS).unseal(text, file);
      }
      const after = parseJournal(text, file);
      expect(checkJournal(after).ok).toBe(true);
      expect(
        same(after, { ...read!, entries: [...read!.entries, added] }, c.lenient),
        'log did not add exactly one entry to what was there',
      ).toBe(true);
    }
    expect(leftovers(dir), 'a temp file or lock was left behind').toEqual([]);
    expect(prototypeKeys(), 'Object.prototype was polluted').toBe(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('fuzzing the loader in-process (JournalStore, as bundled in the CLI)', () => {
  it(`${IN_PROCESS_RUNS} generated journals: the right journal or exit 3, never a crash, never a changed file when refused`, async () => {
    await fc.assert(
      fc.asyncProperty(recipe, async (r) => checkInProcess(fromRecipe(r), true)),
      { numRuns: IN_PROCESS_RUNS, seed: SEED, endOnFailure: true },
    );
  }, 120_000);

  it(`${ENCRYPTED_RUNS} encrypted journals with changed bytes never open with other content`, async () => {
    await fc.assert(
      fc.asyncProperty(sealedRecipe, async (r) => checkInProcess(fromSealedRecipe(r), false)),
      { numRuns: ENCRYPTED_RUNS, seed: SEED + 1, endOnFailure: true },
    );
  }, 60_000);

  it.each(handPicked().map((c) => [c.label, c] as const))('%s', async (_label, c) => {
    await checkInProcess(c, c.content.kind !== 'bytes' || c.content.bytes.length < 1_000_000);
  });
});

// ---------------------------------------------------------------- the same through the built CLI

interface CliOutcome {
  label: string;
  problems: string[];
}

async function checkCli(c: Case): Promise<CliOutcome> {
  const box = sandbox();
  const problems: string[] = [];
  try {
    const file = box.journal;
    const dir = path.dirname(file);
    materialise(c, file);
    const want = expected(c);
    const env = c.sealed ? { ATTACH_PASSPHRASE: PASS } : {};
    const original = snapshot(dir);
    // A FIFO never sends end-of-file: a reader that waits for one would wait forever.
    const limit = c.content.kind === 'fifo' ? 5_000 : 15_000;
    const common = (name: string, r: Awaited<ReturnType<typeof attachTimed>>) => {
      if (r.timedOut) problems.push(`${name}: still running after ${limit / 1000} s`);
      else if (r.code !== 0 && r.code !== 3) problems.push(`${name}: exit ${String(r.code)}: ${r.stderr.trim()}`);
      if (STACK_LINE.test(r.stderr) || STACK_LINE.test(r.stdout)) problems.push(`${name}: a stack trace: ${r.stderr}`);
      if (r.code === 3 && !r.stderr.includes(dir)) problems.push(`${name}: exit 3 without naming the journal: ${r.stderr.trim()}`);
      if (r.code === 3 && !c.lenient && want.state === 'valid') problems.push(`${name}: refused a valid journal: ${r.stderr.trim()}`);
      if (r.code === 0 && want.state === 'invalid') problems.push(`${name}: accepted an invalid journal`);
    };

    const list = await attachTimed(box, ['list', '--json'], env, limit);
    common('list --json', list);
    if (list.code === 0 && want.state !== 'invalid') {
      try {
        const shown = JSON.parse(list.stdout) as { id: string }[];
        const ids = (entries: readonly { id: unknown }[]) => entries.map((e) => String(e.id)).sort();
        if (JSON.stringify(ids(shown)) !== JSON.stringify(ids(want.journal.entries)))
          problems.push('list --json: not the entries of the file');
      } catch (error) {
        problems.push(`list --json: stdout is not JSON: ${String(error)}`);
      }
    }
    const afterList = changes(original, snapshot(dir));
    if (afterList.length) problems.push(`list changed files: ${afterList.join(', ')}`);

    const log = await attachTimed(box, ['log', 'x', '-i', '3'], env, limit);
    common('log', log);
    if (log.code === 0 && want.state !== 'invalid') {
      try {
        let text = readFileSync(file, 'utf8');
        if (c.sealed) text = await new Keyring(async () => PASS).unseal(text, file);
        const after = parseJournal(text, file);
        const last = after.entries.at(-1);
        if (after.entries.length !== want.journal.entries.length + 1 || last?.what !== 'x' || last.intensity !== 3)
          problems.push('log: not exactly one entry more');
      } catch (error) {
        problems.push(`log: the file no longer validates: ${String(error)}`);
      }
    } else if (log.code !== 0) {
      const journalChanged = changes(original, snapshot(dir)).filter((change) => !change.includes('backups'));
      if (journalChanged.length) problems.push(`log was refused but changed files: ${journalChanged.join(', ')}`);
    }
    const left = leftovers(dir);
    if (left.length) problems.push(`left behind: ${left.join(', ')}`);
  } finally {
    box.cleanup();
  }
  return { label: c.label, problems };
}

describe('fuzzing the loader through the built CLI (list --json, then log x -i 3)', () => {
  it(`${CLI_RUNS} generated journals, some encrypted, and every hand-picked case, four processes at a time`, async () => {
    const cases: Case[] = [
      ...handPicked(),
      { label: 'a FIFO where the file should be', content: { kind: 'fifo' } },
      ...fc
        .sample(recipe, { numRuns: CLI_RUNS - 8, seed: SEED + 2 })
        .map((r, i) => ({ ...fromRecipe(r), label: `generated #${i} (FUZZ_SEED=${SEED})` })),
      ...fc
        .sample(sealedRecipe, { numRuns: 8, seed: SEED + 3 })
        .map((r, i) => ({ ...fromSealedRecipe(r), label: `generated encrypted #${i} (FUZZ_SEED=${SEED})` })),
    ];
    const outcomes = await pool(cases, 4, checkCli);
    expect(outcomes.filter((o) => o.problems.length > 0)).toEqual([]);
  }, 180_000);
});
