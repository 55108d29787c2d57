import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entry, TriggerEntry } from '../../src/journal/types.js';
import { CSV_LIST_SEPARATOR, cell, csvColumns, listItem, renderCsv, textCell } from '../../src/render/csv.js';
import * as make from '../helpers/entries.js';

const CSV_COLUMNS = csvColumns();

// The columns below are checked against these values.
const trigger = (over: Partial<TriggerEntry> = {}): Entry =>
  make.trigger({
    id: '5f0c2d9e-1b7a-4c1e-9a55-0b1c9f3e2a71',
    at: '2026-11-22T21:14:00-08:00',
    who: 'partner',
    triggers: ['delayed-reply'],
    intensity: 7,
    body: ['tight-chest', 'racing-heart'],
    urges: ['double-text'],
    ...over,
  });

/** The row of `entry` as cells by column name (only for cells without quoting). */
function rowOf(entry: Entry): Record<string, string> {
  const line = renderCsv([entry]).split('\r\n')[1]!;
  const cells = line.split(',');
  expect(cells).toHaveLength(CSV_COLUMNS.length);
  return Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, cells[i]!]));
}

describe('CSV columns', () => {
  it('are the union of the entry fields of DESIGN.md section 2, in the documented order', () => {
    expect(CSV_COLUMNS).toEqual([
      'id',
      'type',
      'at',
      'recordedAt',
      'editedAt',
      'what',
      'who',
      'triggers',
      'intensity',
      'body',
      'thought',
      'urges',
      'protest',
      'instead',
      'for',
      'urge',
      'plannedSeconds',
      'elapsedSeconds',
      'completed',
      'before',
      'after',
      'passed',
      'activities',
      'notes',
      'next',
      'situation',
      'needs',
      'hoped',
      'happened',
      'felt',
      'ask',
      'tags',
      'note',
      // added since 0.1, after 0.1's 33 columns
      'reachedOut',
      'acted',
      'draft',
      'draftOutcome',
      'fear',
      'asked',
      'landed',
      'when',
      'then',
      'active',
      'kinds',
    ]);
    expect(new Set(CSV_COLUMNS).size).toBe(CSV_COLUMNS.length);
    expect(renderCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('put every field in its own column, blanks where a type has no such field', () => {
    const row = rowOf(trigger({ editedAt: '2026-11-23T08:00:00-08:00' }));
    expect(row).toMatchObject({
      id: '5f0c2d9e-1b7a-4c1e-9a55-0b1c9f3e2a71',
      type: 'trigger',
      at: '2026-11-22T21:14:00-08:00',
      editedAt: '2026-11-23T08:00:00-08:00',
      who: 'partner',
      intensity: '7',
      thought: '',
      protest: '',
      for: '',
      plannedSeconds: '',
      needs: '',
      note: '',
    });
    const pause = rowOf(
      make.pause({
        id: 'p1',
        for: 't1',
        urge: 'text again',
        before: 8,
        after: 0,
        passed: false,
        activities: ['breathe', 'walk'],
        tags: ['sunday'],
      }),
    );
    expect(pause).toMatchObject({
      type: 'pause',
      what: '',
      for: 't1',
      urge: 'text again',
      plannedSeconds: '1200',
      completed: 'true',
      before: '8',
      after: '0',
      passed: 'false',
      activities: 'breathe | walk',
      notes: '',
      next: '',
      tags: 'sunday',
    });
  });

  it('leave out fields no version-1 type has, and give an unknown type its id and type', () => {
    const row = rowOf({ id: 'x1', type: 'dream', at: '2026-11-22T21:14:00Z', mood: 'calm' });
    expect(row.id).toBe('x1');
    expect(row.type).toBe('dream');
    expect(row.at).toBe('2026-11-22T21:14:00Z');
    expect(Object.values(row).join('')).not.toContain('calm');
  });
});

describe('CSV cells', () => {
  it('quote as RFC 4180 asks: commas, quotes, CR and LF; quotes doubled; and semicolons', () => {
    expect(textCell('plain words')).toBe('plain words');
    expect(textCell('')).toBe('');
    expect(textCell('one, two')).toBe('"one, two"');
    expect(textCell('she said "later"')).toBe('"she said ""later"""');
    expect(textCell('line one\nline two')).toBe('"line one\nline two"');
    expect(textCell('line one\r\nline two')).toBe('"line one\r\nline two"');
    expect(textCell('a\rb')).toBe('"a\rb"');
    // Where the decimal comma is used, a spreadsheet splits on semicolons: a;=1+1;b unquoted would run the middle.
    expect(textCell("it's fine; really")).toBe('"it\'s fine; really"');
    // And what follows a semicolon is a cell of its own there: a formula sign after one is neutralised too.
    expect(textCell('a;=1+1;b')).toBe(`"a;'=1+1;b"`);
    expect(textCell('=1;\u0000+2; -3;b')).toBe(`"'=1;'\u0000+2; -3;b"`);
  });

  it.each([
    ['=1+1', `"'=1+1"`],
    ['+44 20 7946 0000', `"'+44 20 7946 0000"`],
    ['-5 degrees and raining', `"'-5 degrees and raining"`],
    ['@everyone', `"'@everyone"`],
    ['\tindented', `"'\tindented"`],
    ['\rreturn', `"'\rreturn"`],
    ['\nnewline first', `"'\nnewline first"`],
    ['=HYPERLINK("http://x","click")', `"'=HYPERLINK(""http://x"",""click"")"`],
    ["=cmd|' /C calc'!A0, then", `"'=cmd|' /C calc'!A0, then"`],
    // Issue 13: control characters first, then the formula (LibreOffice drops a NUL and runs the rest).
    ['\u0000=1+1', `"'\u0000=1+1"`],
    ['\u0000\u0000+1', `"'\u0000\u0000+1"`],
    ['\u0001@SUM(1)', `"'\u0001@SUM(1)"`],
    ['\u001b\u007f-2', `"'\u001b\u007f-2"`],
    ['\u0085=1', `"'\u0085=1"`],
  ])('keep %j from running as a formula', (text, written) => {
    expect(textCell(text)).toBe(written);
  });

  it('leave text with a formula sign further in alone', () => {
    expect(textCell('1+1=2')).toBe('1+1=2');
    expect(textCell('me@example.org')).toBe('me@example.org');
    expect(textCell(' =not first')).toBe(' =not first');
  });

  it('write numbers and booleans plain, null and missing empty', () => {
    expect(cell(0)).toBe('0');
    expect(cell(10)).toBe('10');
    expect(cell(1200)).toBe('1200');
    expect(cell(true)).toBe('true');
    expect(cell(false)).toBe('false');
    expect(cell(null)).toBe('');
    expect(cell(undefined)).toBe('');
  });

  it('join lists with " | ", quoting and neutralising the joined text', () => {
    expect(cell([])).toBe('');
    expect(cell(['tight-chest'])).toBe('tight-chest');
    expect(cell(['tight-chest', 'racing-heart', 'my own, words'])).toBe('"tight-chest | racing-heart | my own, words"');
    expect(cell(['=SUM(A1)', 'walk'])).toBe(`"'=SUM(A1) | walk"`);
    expect(cell(['walk', '=SUM(A1)'])).toBe('walk | =SUM(A1)');
    expect(cell(['first note\nsecond line', 'third'])).toBe('"first note\nsecond line | third"');
    expect(cell([1, true, null, { at: 3 }])).toBe('"1 | true |  | {""at"":3}"');
  });

  it('escape the joiner inside an item: \\ as \\\\ and | as \\|, so every list splits back into its items', () => {
    expect(cell(['a | b', 'c'])).toBe('a \\| b | c');
    expect(cell(['a |', '| b'])).toBe('a \\| | \\| b');
    expect(cell(['back\\slash', 'x'])).toBe('back\\\\slash | x');
    const split = (text: string) => text.split(CSV_LIST_SEPARATOR).map((item) => item.replace(/\\([\\|])/g, '$1'));
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', ' ', '|', '\\', 'b'), minLength: 1 }), { minLength: 1 }), (items) => {
        expect(split(items.map(listItem).join(CSV_LIST_SEPARATOR))).toEqual(items);
      }),
    );
  });

  it('write other values as JSON text', () => {
    expect(cell({ text: 'a note', at: 30 })).toBe('"{""text"":""a note"",""at"":30}"');
  });
});

describe('renderCsv', () => {
  it('ends every row with CRLF, the last one too, in the order given', () => {
    const text = renderCsv([trigger({ id: 'a' }), trigger({ id: 'b', what: 'two\nlines' })]);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = text.split('\r\n');
    expect(rows).toHaveLength(4);
    expect(rows[1]!.startsWith('a,trigger,')).toBe(true);
    expect(rows[2]!.startsWith('b,trigger,')).toBe(true);
    expect(rows[2]).toContain(',"two\nlines",');
    expect(rows[3]).toBe('');
  });

  it('neutralise any text column, ids included', () => {
    const text = renderCsv([trigger({ id: '=evil()', who: '+cmd', thought: '@SUM(1)', tags: ['-x'] })]);
    expect(text).toContain(`"'=evil()",trigger,`);
    expect(text).toContain(`,"'+cmd",`);
    expect(text).toContain(`,"'@SUM(1)",`);
    expect(text).toContain(`,"'-x",`);
  });
});
