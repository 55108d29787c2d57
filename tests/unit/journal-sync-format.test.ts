import { describe, expect, it } from 'vitest';
import { parseJournal, serializeJournal } from '../../src/journal/format.js';
import { deleteEntry } from '../../src/journal/tombstones.js';
import type { Journal } from '../../src/journal/types.js';
import { checkJournal } from '../../src/journal/validate.js';
import { iso, moment } from '../helpers/sync-journals.js';

/*
 * `deleted` and `trash` in the file (DESIGN.md section 2): plain top-level
 * values, written like any other; the journal stays version 1.
 */

function withDeletion(): Journal {
  const journal: Journal = { version: 1, entries: [moment('a', {}, 0), moment('b', {}, 1)] };
  deleteEntry(journal, 'b', new Date(Date.parse(iso(5))));
  return journal;
}

describe('deleted and trash in the file', () => {
  it('are top-level keys after the entries, each on one line, and the version stays 1', () => {
    const text = serializeJournal(withDeletion());
    const lines = text.split('\n');
    expect(lines[1]).toBe('  "version": 1,');
    expect(lines.filter((row) => /^ {2}"(deleted|trash)": \[/.test(row))).toHaveLength(2);
    expect(parseJournal(text, '/j.json')).toEqual(withDeletion());
  });

  it('survive a rewrite by a reader that does not know them, as 0.1 keeps every unknown top-level key', () => {
    // 0.1's reader and writer were checkJournal and serializeJournal with no knowledge of either key:
    // an unknown top-level key stands in for them, and is kept byte for byte.
    const journal = { ...withDeletion(), later: { from: 'a newer attach', list: [1, { deep: true }] } };
    const text = serializeJournal(journal);
    const read = parseJournal(text, '/j.json');
    expect(serializeJournal(read)).toBe(text);
    expect(Object.keys(read)).toEqual(['version', 'entries', 'deleted', 'trash', 'later']);
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['deleted not a list', { deleted: {} }, /"deleted" should be a list/],
    ['a tombstone without an id', { deleted: [{ deletedAt: iso(1) }] }, /deleted item 1 has no "id"/],
    ['a tombstone with a bad time', { deleted: [{ id: 'a', deletedAt: 'yesterday' }] }, /deleted item 1: "deletedAt"/],
    ['a bad restoredAt', { deleted: [{ id: 'a', deletedAt: iso(1), restoredAt: 5 }] }, /"restoredAt"/],
    ['purged not true or false', { deleted: [{ id: 'a', deletedAt: iso(1), purged: 'yes' }] }, /"purged" should be true or false/],
    ['trash not a list', { trash: 'x' }, /"trash" should be a list/],
    ['a trash item without a time', { trash: [{ entry: moment('a') }] }, /trash item 1: "trashedAt"/],
    [
      'a trash item with a damaged entry',
      { trash: [{ trashedAt: iso(1), entry: moment('a', { intensity: 12 }) }] },
      /trash item 1: its entry/,
    ],
    ['a trash item without an entry', { trash: [{ trashedAt: iso(1) }] }, /trash item 1: its entry is not a JSON object/],
  ];
  it.each(bad)('refuses %s, as it refuses a damaged entry', (_name, over, problem) => {
    const checked = checkJournal({ version: 1, entries: [], ...over });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.problem).toMatch(problem);
  });

  it('accepts fields a later version adds to a tombstone or a trash item, and an entry of an unknown type in the trash', () => {
    const checked = checkJournal({
      version: 1,
      entries: [],
      deleted: [{ id: 'a', deletedAt: iso(1), device: 'phone' }],
      trash: [{ trashedAt: iso(1), entry: { id: 'v', type: 'voice-memo' }, why: 'replaced' }],
    });
    expect(checked.ok).toBe(true);
  });
});
