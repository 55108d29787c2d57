import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newTrigger } from '../../src/journal/entries.js';
import { parseJournal, serializeJournal } from '../../src/journal/format.js';
import { keepLines, readByLine } from '../../src/journal/lines.js';
import { JournalStore } from '../../src/journal/store.js';
import type { Entry, Journal } from '../../src/journal/types.js';
import { type Sandbox, sandbox } from '../helpers/cli.js';

/*
 * An entry read from the file is written back as the line it was read from
 * (src/journal/format.ts). These prove it can never write a stale line: what
 * was read cannot change in place, a replaced entry is written anew, and any
 * file, in the layout or not, reads exactly as JSON.parse reads it.
 */

const FILE = '/journal.json';
/** As JournalStore.update reads it: to be written back. */
const UPDATE = { forUpdate: true };
const trigger = (over: Record<string, unknown> = {}) => ({
  ...newTrigger({ what: 'no reply', intensity: 6 }, new Date('2026-11-22T21:14:00Z')),
  ...over,
});

/** A file in the layout whose lines are not what JSON.stringify would write: spaces, escapes, unknown fields and types. */
const HAND_WRITTEN = [
  '{',
  '  "version": 1,',
  '  "device": {"name":"laptop"},',
  '  "entries": [',
  `    ${JSON.stringify(trigger({ id: 'a' }))},`,
  [
    '    {"id": "b", "type": "trigger", "at": "2026-11-22T21:14:00-08:00", "recordedAt": "2026-11-22T21:14:00-08:00",',
    '"what": "caf\\u00e9 \\ud83d\\udcac", "who": null, "triggers": ["b", "a"], "intensity": 7, "body": [], "thought": null,',
    '"urges": [], "protest": [], "instead": null, "tags": [], "note": null, "later": {"deep": [1, 2.50, {"x": null}]}},',
  ].join(' '),
  '    {"id":"c","type":"dream","at":"2026-11-23T08:00:00+01:00","shape":{"of":["things",1e2]}}',
  '  ]',
  '}',
  '',
].join('\n');

const lineOf = (text: string, id: string) => text.split('\n').find((row) => row.includes(`"id":"${id}"`) || row.includes(`"id": "${id}"`));

describe('unchanged entries are written back as they were read', () => {
  it('byte for byte, whatever JSON.stringify would have written, unknown fields and types too', () => {
    const journal = parseJournal(HAND_WRITTEN, FILE, UPDATE);
    expect(journal).toEqual(JSON.parse(HAND_WRITTEN));
    expect(serializeJournal(journal)).toBe(HAND_WRITTEN);
  });

  it('beside a new entry and a replaced one, which are stringified', () => {
    const journal = parseJournal(HAND_WRITTEN, FILE, UPDATE);
    const b = journal.entries[1]!;
    journal.entries[1] = { ...b, note: 'seen again' };
    journal.entries.push(trigger({ id: 'd' }));
    const text = serializeJournal(journal);
    const rows = text.split('\n');
    expect(rows[4]).toBe(HAND_WRITTEN.split('\n')[4]);
    expect(lineOf(text, 'b')).toBe(`    ${JSON.stringify({ ...b, note: 'seen again' })},`);
    expect(lineOf(text, 'c')).toBe(`${lineOf(HAND_WRITTEN, 'c')},`);
    expect(lineOf(text, 'd')).toBe(`    ${JSON.stringify(trigger({ id: 'd' }))}`);
    expect(JSON.parse(text).entries).toEqual([
      ...JSON.parse(HAND_WRITTEN).entries.slice(0, 1),
      { ...b, note: 'seen again' },
      JSON.parse(HAND_WRITTEN).entries[2],
      trigger({ id: 'd' }),
    ]);
  });

  it('after a removal, in the new order', () => {
    const journal = parseJournal(HAND_WRITTEN, FILE, UPDATE);
    journal.entries.splice(0, 1);
    const text = serializeJournal(journal);
    expect(text.split('\n').slice(4, 6)).toEqual([`${lineOf(HAND_WRITTEN, 'b')}`, lineOf(HAND_WRITTEN, 'c')]);
    expect(JSON.parse(text)).toEqual({ ...JSON.parse(HAND_WRITTEN), entries: JSON.parse(HAND_WRITTEN).entries.slice(1) });
  });
});

describe('an entry read from the file cannot change in place', () => {
  const journal = parseJournal(HAND_WRITTEN, FILE, UPDATE);
  const [a, b, c] = journal.entries as [Entry, Entry, Entry];
  it.each([
    ['a field set', () => Object.assign(a, { note: 'changed' })],
    ['a field added', () => Object.assign(a, { editedAt: '2026-11-23T08:00:00Z' })],
    ['a field removed', () => delete (a as Record<string, unknown>).note],
    ['a list pushed to', () => (a.tags as string[]).push('x')],
    ['a list sorted', () => (b.triggers as string[]).sort()],
    ['an unknown field inside', () => Object.assign((b.later as { deep: unknown[] }).deep[2] as object, { x: 1 })],
    ['an unknown type inside', () => ((c.shape as { of: unknown[] }).of[0] = 'other')],
  ])('%s throws', (_what, change) => {
    expect(change).toThrow(TypeError);
    expect(serializeJournal(journal)).toBe(HAND_WRITTEN);
  });

  it('also when the file was not in the layout (and nothing remembers its lines)', () => {
    const indented = parseJournal(JSON.stringify(JSON.parse(HAND_WRITTEN), null, 2), FILE, UPDATE);
    expect(() => Object.assign(indented.entries[0]!, { note: 'changed' })).toThrow(TypeError);
    // Written as serializeJournal always wrote it: every entry stringified.
    expect(serializeJournal(indented)).toBe(serializeJournal(JSON.parse(HAND_WRITTEN)));
    expect(serializeJournal(indented)).not.toBe(HAND_WRITTEN);
  });
});

describe('a journal only read (report, list, export)', () => {
  it('is parsed as one document, left as JSON.parse gave it, and written anew if ever written', () => {
    const journal = parseJournal(HAND_WRITTEN, FILE);
    expect(journal).toEqual(JSON.parse(HAND_WRITTEN));
    expect(Object.isFrozen(journal.entries[0])).toBe(false);
    expect(serializeJournal(journal)).toBe(serializeJournal(JSON.parse(HAND_WRITTEN)));
  });
});

describe('every file reads exactly as JSON.parse reads it', () => {
  const parsed = JSON.parse(HAND_WRITTEN) as Journal;
  // Whether the file is in the layout, so its lines are kept, or is read as one document.
  const same: [string, string, 'lines' | 'whole'][] = [
    ['in the layout', HAND_WRITTEN, 'lines'],
    ['indented by an editor', JSON.stringify(parsed, null, 2), 'whole'],
    ['indented with tabs', JSON.stringify(parsed, null, '\t'), 'whole'],
    ['all on one line', JSON.stringify(parsed), 'whole'],
    ['with Windows line ends', HAND_WRITTEN.replace(/\n/g, '\r\n'), 'whole'],
    ['with a byte-order mark', `\ufeff${HAND_WRITTEN}`, 'lines'],
    ['with a blank line among the entries', HAND_WRITTEN.replace('},\n    {"id": "b"', '},\n\n    {"id": "b"'), 'whole'],
    ['with two entries on one line', HAND_WRITTEN.replace('},\n    {"id": "b"', '}, {"id": "b"'), 'whole'],
    ['with an entry over two lines', HAND_WRITTEN.replace('"who": null, ', '"who": null,\n      '), 'whole'],
    ['with fields after the entries', HAND_WRITTEN.replace('\n  ]\n}', '\n  ],\n  "after": [1]\n}'), 'lines'],
    [
      'with a second "entries" after the first (the last wins, in the first place)',
      HAND_WRITTEN.replace('\n  ]\n}', `\n  ],\n  "entries": [${JSON.stringify(trigger({ id: 'z' }))}]\n}`),
      'whole',
    ],
    ['with a "__proto__" field', HAND_WRITTEN.replace('"version": 1,', '"version": 1,\n  "__proto__": {"polluted": true},'), 'lines'],
    [
      'with an "entries" list inside another field',
      HAND_WRITTEN.replace('"device": {"name":"laptop"}', '"device": {\n  "entries": [\n    {"a": 1}\n  ]}'),
      'whole',
    ],
  ];
  it.each(same)('%s', (_what, text, read) => {
    const journal = parseJournal(text, FILE, UPDATE);
    const plain = JSON.parse(text.replace(/^\ufeff/, ''));
    expect(journal).toEqual(plain);
    expect(Object.keys(journal)).toEqual(Object.keys(plain));
    expect(Object.getPrototypeOf(journal)).toBe(Object.prototype);
    const written = serializeJournal(journal);
    expect(JSON.parse(written)).toEqual(journal);
    expect(written.includes(lineOf(HAND_WRITTEN, 'b')!)).toBe(read === 'lines');
  });

  const broken: [string, string][] = [
    ['a comma after the last entry', HAND_WRITTEN.replace('}}\n  ]', '}},\n  ]')],
    ['a comma missing between entries', HAND_WRITTEN.replace('},\n    {"id":"c"', '}\n    {"id":"c"')],
    ['an entry cut short', HAND_WRITTEN.replace('"shape":{"of":["things",1e2]}}', '"shape":{"of":["things"')],
    ['a document cut after the entries', HAND_WRITTEN.slice(0, HAND_WRITTEN.indexOf('\n  ]') + 4)],
  ];
  it.each(broken)('refuses %s with JSON.parse’s own words', (_what, text) => {
    const why = (() => {
      try {
        JSON.parse(text);
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(why).toBeDefined();
    expect(() => parseJournal(text, FILE, UPDATE)).toThrow(`it is not valid JSON (${why})`);
  });

  it('for any journal in the layout, with any line written by hand in any valid way', () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    const entry = fc.record(
      { id: fc.string({ minLength: 1 }), type: fc.constantFrom('dream', 'mood'), extra: value, more: value },
      { requiredKeys: ['id', 'type'] },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(entry, fc.constantFrom(0, 1, 2)), { maxLength: 8 }), fc.dictionary(fc.string(), value), (rows, top) => {
        // Each line as JSON.stringify writes it, or spaced out, or with every non-ASCII character escaped.
        const spell = (e: unknown, how: number) =>
          how === 0
            ? JSON.stringify(e)
            : how === 1
              ? JSON.stringify(e, null, 1).replace(/\n\s*/g, ' ')
              : JSON.stringify(e).replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
        const fields = Object.entries({ ...top, version: 1 }).filter(([key]) => key !== 'entries');
        const head = fields.map(([key, v]) => `  ${JSON.stringify(key)}: ${JSON.stringify(v)},\n`).join('');
        const body = rows.map(([e, how]) => `    ${spell(e, how)}`).join(',\n');
        const text = rows.length ? `{\n${head}  "entries": [\n${body}\n  ]\n}\n` : `{\n${head}  "entries": []\n}\n`;
        const journal = parseJournal(text, FILE, UPDATE);
        expect(journal).toEqual(JSON.parse(text));
        expect(serializeJournal(journal)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('whatever is done to the entries, each is written as its own line or stringified anew', () => {
  // One step on the list of entries: the kinds of change the commands make, and some they do not.
  const step = fc.oneof(
    fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('replace' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('add' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('repeat' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
    fc.record({ kind: fc.constant('reverse' as const) }),
    fc.record({ kind: fc.constant('stranger' as const), at: fc.nat() }),
  );
  it('removed, replaced, added, repeated, moved, or read from another file', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(step, { maxLength: 8 }), (count, steps) => {
        // Lines spelled apart from what JSON.stringify writes, so a stringified one is told from a kept one.
        const line = (i: number) => `    { "id": "e${i}", "type": "dream", "n": ${i}.0 }`;
        const text = `{\n  "version": 1,\n  "entries": [\n${Array.from({ length: count }, (_, i) => line(i)).join(',\n')}\n  ]\n}\n`;
        const journal = parseJournal(text, FILE, UPDATE);
        const other = parseJournal(text.replace(/"e(\d+)"/g, '"x$1"'), FILE, UPDATE);
        const read = new Map(journal.entries.map((entry, i) => [entry, line(i)]));
        const list = journal.entries;
        for (const s of steps) {
          const at = list.length ? ('at' in s ? s.at : 0) % list.length : 0;
          if (s.kind === 'remove' && list.length) list.splice(at, 1);
          if (s.kind === 'replace' && list.length) list[at] = { ...list[at]!, n: 99 };
          if (s.kind === 'add') list.splice(at, 0, { id: `new${at}`, type: 'dream' });
          if (s.kind === 'repeat' && list.length) list.splice(at, 0, list[at]!);
          if (s.kind === 'swap' && list.length) [list[at], list[s.with % list.length]] = [list[s.with % list.length]!, list[at]!];
          if (s.kind === 'reverse') list.reverse();
          if (s.kind === 'stranger') list.splice(at, 0, other.entries[at % other.entries.length]!);
        }
        const want = list.map((entry) => read.get(entry) ?? `    ${JSON.stringify(entry)}`).join(',\n');
        expect(serializeJournal(journal)).toBe(
          list.length ? `{\n  "version": 1,\n  "entries": [\n${want}\n  ]\n}\n` : '{\n  "version": 1,\n  "entries": []\n}\n',
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('lines are kept only for the objects parsed from them', () => {
  it('not when the checks hand back other objects than were parsed', () => {
    const read = readByLine(HAND_WRITTEN)!;
    const parsed = read.data as Journal;
    const copies: Journal = { ...parsed, entries: parsed.entries.map((entry) => ({ ...entry })) };
    keepLines(copies, read);
    expect(serializeJournal(copies)).toBe(serializeJournal(JSON.parse(HAND_WRITTEN)));
    const reordered: Journal = { ...parsed, entries: [...parsed.entries].reverse() };
    keepLines(reordered, read);
    expect(serializeJournal(reordered)).toBe(
      serializeJournal({ ...JSON.parse(HAND_WRITTEN), entries: JSON.parse(HAND_WRITTEN).entries.reverse() }),
    );
    keepLines(parsed, read);
    expect(serializeJournal(parsed)).toBe(HAND_WRITTEN);
  });
});

describe('through the store', () => {
  let box: Sandbox;
  let file: string;
  beforeEach(() => {
    box = sandbox();
    file = path.join(box.dir, 'data', 'attach', 'journal.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, HAND_WRITTEN, { mode: 0o600 });
  });
  afterEach(() => box.cleanup());

  it('adding an entry leaves every other line as it was', async () => {
    const added = trigger({ id: 'd' });
    await new JournalStore(file).update((journal) => {
      journal.entries.push(added);
    });
    expect(readFileSync(file, 'utf8')).toBe(HAND_WRITTEN.replace(/\}\n {2}\]/, `},\n    ${JSON.stringify(added)}\n  ]`));
  });

  it('a change in place is refused and nothing is written; a replacement is written', async () => {
    const store = new JournalStore(file);
    await expect(
      store.update((journal) => {
        Object.assign(journal.entries[1]!, { note: 'lost?' });
      }),
    ).rejects.toThrow(TypeError);
    expect(readFileSync(file, 'utf8')).toBe(HAND_WRITTEN);
    await store.update((journal) => {
      journal.entries[1] = { ...journal.entries[1]!, note: 'kept' };
    });
    expect((await store.read()).entries[1]!.note).toBe('kept');
    expect(readFileSync(file, 'utf8').split('\n')[4]).toBe(HAND_WRITTEN.split('\n')[4]);
  });
});
