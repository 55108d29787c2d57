import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCatalogues } from '../../src/catalogue/catalogue.js';
import { personalise } from '../../src/catalogue/personal.js';
import { run as del } from '../../src/commands/delete.js';
import { run as edit } from '../../src/commands/edit.js';
import { newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import type { Entry } from '../../src/journal/types.js';
import { fakeContext } from '../helpers/fake-context.js';
import { press, scriptedAsker, typeAndEnter } from '../helpers/scripted-asker.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'attach-edit-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => path.join(dir, 'journal.json');
const entries = (): Entry[] => JSON.parse(readFileSync(file(), 'utf8')).entries;

function seed(): Entry {
  const trigger = {
    ...newTrigger(
      {
        what: 'No reply all evening',
        intensity: 8,
        who: 'partner',
        body: ['tight-chest', 'Jaw clenched'],
        thought: 'They are bored of me',
      },
      new Date('2026-11-22T21:00:00Z'),
    ),
    fromPhone: { app: 'notes' },
  };
  writeFileSync(file(), serializeJournal({ version: 1, entries: [trigger] }));
  return trigger;
}

describe('attach edit on a terminal', () => {
  it('changes only the fields picked, each starting from its current answer, and keeps everything else', async () => {
    const before = seed();
    const { asker, left } = scriptedAsker([
      // Current answers are shown beside each field.
      {
        screen: /What would you like to change\?[\s\S]*What happened: No reply all evening[\s\S]*How strong is it right now: 8/,
        keys: press('down', 'down', 'down', 'space', 'down', 'space', 'enter'),
      },
      { screen: /❯ {2}8 {2}overwhelming/, keys: press('up', 'up', 'enter') }, // intensity 8 -> 6
      // Own words already given stay on offer, ticked.
      { screen: /◉ Tight chest[\s\S]*◉ Jaw clenched/, keys: press('space', 'enter') }, // untick tight chest
    ]);
    const { ctx, stderr } = fakeContext({ dir, interactive: true, asker });
    await edit(before.id.slice(0, 6), {}, ctx);
    expect(left()).toBe(0);
    const [after] = entries();
    expect(after).toMatchObject({
      id: before.id,
      recordedAt: before.recordedAt,
      what: 'No reply all evening',
      intensity: 6,
      body: ['Jaw clenched'],
      fromPhone: { app: 'notes' },
    });
    expect(after?.editedAt).toBeDefined();
    expect(stderr.text).toContain('intensity, in the body');
  });

  it('puts the current text in the line to change', async () => {
    const before = seed();
    const { asker } = scriptedAsker([
      { screen: 'What would you like to change?', keys: press('down', 'down', 'down', 'down', 'down', 'space', 'enter') },
      { screen: 'What story is your mind telling you?', keys: typeAndEnter(', or busy') },
    ]);
    const { ctx } = fakeContext({ dir, interactive: true, asker });
    await edit(before.id, {}, ctx);
    expect(entries()[0]?.thought).toBe('They are bored of me, or busy');
  });

  it('picking nothing changes nothing', async () => {
    const before = seed();
    const bytes = readFileSync(file(), 'utf8');
    const { asker } = scriptedAsker([{ screen: 'What would you like to change?', keys: press('enter') }]);
    const { ctx, stderr } = fakeContext({ dir, interactive: true, asker });
    await edit(before.id, {}, ctx);
    expect(readFileSync(file(), 'utf8')).toBe(bytes);
    expect(stderr.text).toContain('Nothing changed.');
  });
});

describe('attach delete on a terminal', () => {
  it('asks first, with no as the default, and keeps the entry on no', async () => {
    const before = seed();
    const bytes = readFileSync(file(), 'utf8');
    const { asker } = scriptedAsker([{ screen: /Delete this entry\?.*\(y\/N\)/, keys: press('enter') }]);
    const { ctx, stderr } = fakeContext({ dir, interactive: true, asker });
    await del(before.id, {}, ctx);
    expect(readFileSync(file(), 'utf8')).toBe(bytes);
    expect(stderr.text).toContain('Kept it; nothing was deleted.');
  });

  it('deletes on yes', async () => {
    const before = seed();
    const { asker } = scriptedAsker([{ screen: 'Delete this entry?', keys: typeAndEnter('y') }]);
    const { ctx } = fakeContext({ dir, interactive: true, asker });
    await del(before.id, {}, ctx);
    expect(entries()).toEqual([]);
  });
});

describe("a person's own words come back as choices", () => {
  it('offers own items from the settings, then words typed before, most used first, after the built-in ones', () => {
    const catalogues = loadCatalogues();
    const logged = (triggers: string[]) => newTrigger({ what: 'x', intensity: 3, triggers }, new Date());
    const mine = personalise(catalogues, { own: { triggers: ['mom calls twice'] } }, [
      logged(['one-word answer']),
      logged(['late again', 'delayed-reply']),
      logged(['Late again']),
    ]);
    const extra = mine.triggers.slice(catalogues.triggers.length).map((item) => item.label);
    expect(extra).toEqual(['mom calls twice', 'late again', 'one-word answer']);
    expect(mine.triggers.slice(0, catalogues.triggers.length)).toEqual(catalogues.triggers);
    expect(mine.body).toEqual(catalogues.body);
  });
});
