import { describe, expect, it } from 'vitest';
import { JournalError, UsageError } from '../../src/errors.js';
import { findEntry, newestFirst, newTrigger } from '../../src/journal/entries.js';
import { parseJournal, serializeJournal } from '../../src/journal/format.js';
import type { Journal } from '../../src/journal/types.js';
import { checkJournal } from '../../src/journal/validate.js';
import { toOffsetIso, wallClock } from '../../src/time/calendar.js';

const trigger = (over: Record<string, unknown> = {}) => ({
  ...newTrigger({ what: 'no reply', intensity: 6 }, new Date('2026-11-22T21:14:00Z')),
  ...over,
});

describe('serializeJournal', () => {
  it('writes one valid JSON document, one entry per line, newlines inside text escaped', () => {
    const journal: Journal = { version: 1, entries: [trigger({ what: 'line one\nline two' }), trigger()] };
    const text = serializeJournal(journal);
    expect(JSON.parse(text)).toEqual(journal);
    expect(text.split('\n')).toEqual([
      '{',
      '  "version": 1,',
      '  "entries": [',
      expect.stringMatching(/^    {/),
      expect.stringMatching(/^    {/),
      '  ]',
      '}',
      '',
    ]);
    expect(serializeJournal({ version: 1, entries: [] })).toBe('{\n  "version": 1,\n  "entries": []\n}\n');
  });

  it('reads a file with a byte-order mark', () => {
    expect(parseJournal('\ufeff{"version":1,"entries":[]}', '/j.json').entries).toEqual([]);
  });
});

describe('a journal that cannot be read', () => {
  it('is refused, pointing to the repair that asks before it changes anything (not to backups a new journal lacks)', () => {
    for (const text of ['{"version":1,"entries":[{"id":"x', '{"version":1,"entries":[{"id":"a"}]}']) {
      let error: unknown;
      try {
        parseJournal(text, '/j/journal.json');
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(JournalError);
      expect((error as JournalError).details.map((line) => line.replaceAll('\u00a0', ' '))).toEqual([
        'attach doctor --repair shows what it can save and asks before it changes anything.',
      ]);
    }
  });
});

describe('checkJournal', () => {
  const bad: [string, unknown, RegExp][] = [
    ['intensity out of range', trigger({ intensity: 11 }), /"intensity" should be a whole number from 0 to 10/],
    ['intensity as text', trigger({ intensity: '7' }), /"intensity"/],
    ['a month 13', trigger({ recordedAt: '2026-13-01T10:00:00Z' }), /"recordedAt" should be an ISO 8601 time/],
    ['an hour 24', trigger({ at: '2026-11-01T24:00:00+01:00' }), /"at"/],
    ['a time without offset', trigger({ at: '2026-11-22T21:14:00' }), /"at" should be an ISO 8601 time with its UTC offset/],
    ['a missing list', trigger({ body: undefined }), /"body" should be a list of text/],
    ['a number in a list', trigger({ urges: [1] }), /"urges"/],
    ['no id', trigger({ id: '' }), /has no "id"/],
    ['a bad editedAt', trigger({ editedAt: 'today' }), /"editedAt"/],
    [
      'a pause with a fractional second',
      {
        id: 'p',
        type: 'pause',
        at: '2026-11-22T21:14:00Z',
        recordedAt: '2026-11-22T21:14:00Z',
        tags: [],
        note: null,
        for: null,
        urge: null,
        plannedSeconds: 1.5,
      },
      /"plannedSeconds"/,
    ],
  ];
  it.each(bad)('refuses %s', (_name, entry, message) => {
    const checked = checkJournal({ version: 1, entries: [trigger(), entry] });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toMatch(message);
    if (!checked.ok) expect(checked.problem).toMatch(/^entry 2/);
  });

  it('accepts unknown types with only an id and a type, even ones named after Object members', () => {
    for (const type of ['dream', 'constructor', '__proto__', 'toString']) {
      expect(checkJournal({ version: 1, entries: [{ id: 'x', type }] }).ok).toBe(true);
    }
  });

  it('marks a newer version apart from a broken file', () => {
    expect(checkJournal({ version: 2, entries: [] })).toMatchObject({ ok: false, newer: true });
    expect(checkJournal({ version: '1', entries: [] })).toMatchObject({ ok: false, newer: false });
  });
});

describe('entry times', () => {
  it('formats an instant at any offset and reads wall time back from the string', () => {
    const instant = new Date('2026-11-23T05:14:00Z');
    expect(toOffsetIso(instant, -480)).toBe('2026-11-22T21:14:00-08:00');
    expect(toOffsetIso(instant, 330)).toBe('2026-11-23T10:44:00+05:30');
    expect(toOffsetIso(instant, -570)).toBe('2026-11-22T19:44:00-09:30');
    expect(wallClock('2026-11-22T21:14:00-08:00')).toEqual({ year: 2026, month: 11, day: 22, hour: 21, minute: 14, weekday: 6 });
  });
});

describe('finding entries', () => {
  const journal: Journal = {
    version: 1,
    entries: [
      trigger({ id: 'abc11111-0000', at: '2026-11-20T10:00:00Z' }),
      trigger({ id: 'abc22222-0000', at: '2026-11-21T10:00:00Z' }),
      trigger({ id: 'def00000-0000' }),
    ],
  };
  it('finds by a unique prefix, case-insensitively', () => {
    expect(findEntry(journal, 'DEF', String).id).toBe('def00000-0000');
    expect(findEntry(journal, 'abc2', String).id).toBe('abc22222-0000');
  });
  it('lists the candidates of an ambiguous prefix, newest first', () => {
    const error = (() => {
      try {
        findEntry(journal, 'abc', (entry) => entry.id);
      } catch (e) {
        return e as UsageError;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect(error?.message).toMatch(/"abc" matches 2 entries/);
    expect(error?.details).toEqual(['  abc22222-0000', '  abc11111-0000']);
  });
  it('says when nothing matches', () => {
    expect(() => findEntry(journal, 'zzz', String)).toThrow(/No entry has an id starting with "zzz"/);
  });
  it('orders newest first by the moment, across offsets', () => {
    const a = trigger({ id: 'a', at: '2026-11-22T21:00:00-08:00' }); // 05:00Z on the 23rd
    const b = trigger({ id: 'b', at: '2026-11-23T04:00:00+00:00' });
    expect(newestFirst([b, a]).map((e) => e.id)).toEqual(['a', 'b']);
  });
});
