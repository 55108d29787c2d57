import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIELDS, type FieldSpec } from '../../src/journal/fields.js';

/*
 * The table of fields is the one place an entry's shape is declared: a field
 * added to it (here, at run time, before anything derived from it loads) is
 * validated, exported, shown and editable with no other file changed.
 */
const place: FieldSpec = {
  name: 'place',
  kind: 'words',
  label: 'where it was',
  flag: { long: 'place', value: '<where>', help: 'where it happened' },
};
const trigger = FIELDS.trigger as unknown as FieldSpec[];
trigger.splice(trigger.findIndex((field) => field.name === 'instead') + 1, 0, place);

const { checkJournal } = await import('../../src/journal/validate.js');
const { csvColumns, renderCsv } = await import('../../src/render/csv.js');
const { entryDetail } = await import('../../src/render/entries.js');
const { newTrigger } = await import('../../src/journal/entries.js');
const { serializeJournal } = await import('../../src/journal/format.js');
const { fakeContext } = await import('../helpers/fake-context.js');
const { cli } = await import('../helpers/program.js');

const dir = mkdtempSync(path.join(os.tmpdir(), 'attach-fields-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const now = new Date('2026-11-28T12:00:00Z');

describe('a field added to the table', () => {
  it('is validated', () => {
    const entry = newTrigger({ what: 'no reply', intensity: 6 }, now);
    expect(entry.place).toBeNull();
    expect(checkJournal({ version: 1, entries: [{ ...entry, place: 'the kitchen' }] }).ok).toBe(true);
    const wrong = checkJournal({ version: 1, entries: [{ ...entry, place: 7 }] });
    expect(wrong).toMatchObject({ ok: false, problem: expect.stringContaining('"place" should be text or null') });
  });

  it('is a CSV column, after the fields before it in the table', () => {
    const columns = csvColumns();
    expect(columns.indexOf('place')).toBe(columns.indexOf('instead') + 1);
    const csv = renderCsv([{ ...newTrigger({ what: 'x', intensity: 1 }, now), place: 'the kitchen' }]);
    const [head, row] = csv.split('\r\n');
    expect(row!.split(',')[head!.split(',').indexOf('place')]).toBe('the kitchen');
  });

  it('is shown by show, in its words', () => {
    const lines = entryDetail({ ...newTrigger({ what: 'x', intensity: 1 }, now), place: 'the kitchen' }, [], now);
    expect(lines.some((line) => /^where it was +the kitchen$/.test(line))).toBe(true);
  });

  it('is accepted by edit, and by log', async () => {
    const entry = newTrigger({ what: 'no reply', intensity: 6 }, now);
    const file = path.join(dir, 'journal.json');
    writeFileSync(file, serializeJournal({ version: 1, entries: [entry] }));
    const { ctx } = fakeContext({ dir });
    await cli(['edit', entry.id.slice(0, 8), '--place', 'the car'], ctx);
    await cli(['log', 'again', '-i', '4', '--place', 'the office'], ctx);
    const saved = JSON.parse(readFileSync(file, 'utf8')).entries;
    expect(saved[0]).toMatchObject({ id: entry.id, place: 'the car', editedAt: expect.any(String) });
    expect(saved[1]).toMatchObject({ what: 'again', place: 'the office' });
  });
});
