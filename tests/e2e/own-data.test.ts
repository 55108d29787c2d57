import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TriggerEntry } from '../../src/journal/types.js';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';
import * as make from '../helpers/entries.js';

let box: Sandbox;
const entries = () => JSON.parse(readFileSync(box.journal, 'utf8')).entries as Record<string, unknown>[];
const byId = (id: string) => entries().find((e) => e.id === id)!;

beforeAll(() => {
  box = sandbox();
  mkdirSync(path.dirname(box.journal), { recursive: true });
  const recordedAt = '2026-11-01T09:00:00+00:00';
  const trigger = (id: string, at: string, more: Partial<TriggerEntry>) =>
    make.trigger({ id, at, recordedAt, what: 'x', intensity: 5, ...more });
  writeFileSync(
    box.journal,
    JSON.stringify(
      make.journalOf(
        trigger('t1000000-a', '2026-11-02T20:00:00-08:00', {
          what: 'No reply all evening',
          who: 'partner',
          tags: ['weekend'],
          intensity: 8,
          mood: 'kept',
          thought: 'They are bored of me',
        }),
        trigger('t2000000-b', '2026-11-05T10:00:00-08:00', { what: 'Manager cancelled our 1:1', who: 'work', intensity: 4 }),
        trigger('t3000000-c', '2026-11-09T21:00:00-08:00', {
          what: 'Quiet dinner',
          who: 'Partner',
          tags: ['Weekend', 'home'],
          intensity: 6,
        }),
        make.pause({
          id: 'p4000000-d',
          at: '2026-11-09T21:10:00-08:00',
          recordedAt,
          for: 't3000000-c',
          urge: 'text again',
          before: 6,
          after: 3,
          passed: true,
          notes: ['felt it ease'],
        }),
        make.reflection({
          id: 'r5000000-e',
          at: '2026-11-10T08:00:00-08:00',
          recordedAt,
          for: 't3000000-c',
          protest: ['withdrawing'],
          needs: ['closeness'],
          hoped: 'a hug',
          ask: 'Could we sit together tonight?',
        }),
      ),
    ),
  );
});
afterAll(() => box.cleanup());

const ids = (args: string[]) =>
  (JSON.parse(attach(box, ['list', '--json', ...args]).stdout) as { id: string }[]).map((e) => e.id.slice(0, 2));

describe('list: filters and search', () => {
  it('filters by type, days, person and tag, combined, newest first', () => {
    expect(ids([])).toEqual(['r5', 'p4', 't3', 't2', 't1']);
    expect(ids(['--type', 'trigger', '--who', 'PARTNER'])).toEqual(['t3', 't1']);
    expect(ids(['--tag', 'weekend', '--from', '2026-11-03'])).toEqual(['t3']);
    expect(ids(['--from', '2026-11-05', '--to', '2026-11-09', '--type', 'trigger'])).toEqual(['t3', 't2']);
    expect(ids(['--limit', '2'])).toEqual(['r5', 'p4']);
  });

  it('searches every text field, in any case', () => {
    expect(ids(['--search', 'BORED'])).toEqual(['t1']); // thought
    expect(ids(['--search', 'sit together'])).toEqual(['r5']); // ask
    expect(ids(['--search', 'ease'])).toEqual(['p4']); // a note inside a list
    expect(ids(['--search', '1:1', '--type', 'pause'])).toEqual([]);
    // The words list and show give an item, not only the id stored for it.
    expect(ids(['--search', 'Pulling Away'])).toEqual(['r5']); // protest: withdrawing
    expect(ids(['--search', 'withdrawing'])).toEqual(['r5']);
    const none = attach(box, ['list', '--search', 'zebra']);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain('No entries match that.');
  });

  it('prints whole lines when piped', () => {
    const out = attach(box, ['list', '--type', 'reflection']).stdout.trim();
    expect(out).toMatch(/^r5000000  Tue 10 Nov(?: 2026)? 08:00  reflection +Could we sit together tonight\?$/);
  });
});

describe('edit', () => {
  it('changes fields by flags, adds editedAt, and keeps id, recordedAt and unknown fields', () => {
    const before = byId('t1000000-a');
    const r = attach(box, ['edit', 't1', '--intensity', '5', '--who', 'friend', '-b', 'tight-chest,racing-heart', '--json']);
    expect(r.code).toBe(0);
    const after = byId('t1000000-a');
    expect(after).toMatchObject({
      intensity: 5,
      who: 'friend',
      body: ['tight-chest', 'racing-heart'],
      mood: 'kept',
      recordedAt: before.recordedAt,
      what: before.what,
    });
    expect(after.editedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(JSON.parse(r.stdout)).toEqual(after);
    expect(r.stderr).toContain('Changed t1000000: intensity, who, in the body.');
  });

  it('edits a pause and a reflection with their own flags', () => {
    expect(attach(box, ['edit', 'p4', '--after', '2', '--passed', 'no', '--urge', 'call them']).code).toBe(0);
    expect(byId('p4000000-d')).toMatchObject({ after: 2, passed: false, urge: 'call them' });
    expect(attach(box, ['edit', 'r5', '--need', 'reassurance', '--ask', 'Can we talk?']).code).toBe(0);
    expect(byId('r5000000-e')).toMatchObject({ needs: ['reassurance'], ask: 'Can we talk?' });
  });

  it.each([
    ['-i 12', ['edit', 't1', '-i', '12'], /--intensity takes a whole number from 0 to 10/],
    [
      'a flag of another type',
      ['edit', 'p4', '--intensity', '3'],
      /--intensity doesn't apply to a pause; its options are --for, --urge, --before/,
    ],
    ['nothing to change', ['edit', 't1'], /Say what to change, for example: attach edit t1000000 --intensity 5/],
    ['an unknown id', ['edit', 'zz', '-i', '3'], /No entry has an id starting with "zz"/],
    ['an ambiguous id', ['edit', 't', '-i', '3'], /"t" matches 3 entries/],
    ['--at in the future', ['edit', 't1', '--at', 'tomorrow'], /--at: "tomorrow" is in the future/],
  ])('refuses %s with exit 2 and changes nothing', (_name, args, message) => {
    const before = readFileSync(box.journal);
    const r = attach(box, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(readFileSync(box.journal).equals(before)).toBe(true);
  });
});

describe('delete', () => {
  it('needs --yes without a terminal, then leaves what pointed at the entry as it is, for an undo to link again', () => {
    const before = readFileSync(box.journal);
    const refused = attach(box, ['delete', 't3']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('add --yes');
    expect(readFileSync(box.journal).equals(before)).toBe(true);
    const r = attach(box, ['delete', 't3', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /Deleted t3000000\. .*\n2 entries linked to it stay: pause p4000000, reflection r5000000; their links come back if you bring it back/,
    );
    expect(entries().map((e) => e.id)).not.toContain('t3000000-c');
    expect(byId('p4000000-d').for).toBe('t3000000-c');
    expect(byId('r5000000-e').for).toBe('t3000000-c');
  });
});

describe('config', () => {
  it('sets, gets, lists and unsets preferences, in a 0600 file', () => {
    expect(attach(box, ['config', 'set', 'pauseMinutes', '15']).code).toBe(0);
    expect(attach(box, ['config', 'set', 'breath', 'box']).code).toBe(0);
    expect(attach(box, ['config', 'get', 'pauseMinutes']).stdout).toBe('15\n');
    const file = path.join(box.env.XDG_CONFIG_HOME!, 'attach', 'config.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ pauseMinutes: 15, breath: 'box' });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(attach(box, ['config']).stdout).toMatch(/pauseMinutes +15/);
    expect(attach(box, ['config', 'unset', 'breath']).code).toBe(0);
    expect(JSON.parse(attach(box, ['config', 'list', '--json']).stdout)).toEqual({ pauseMinutes: 15 });
  });

  it('keeps your own catalogue items', () => {
    const added = attach(box, ['config', 'add', 'trigger', 'mom calls twice']);
    expect(added.code).toBe(0);
    expect(added.stderr).toContain('Added "mom calls twice" to your trigger items');
    // Said as it is: no repeat, and nothing added that is built in already, by its id or its words.
    const again = attach(box, ['config', 'add', 'trigger', 'Mom calls twice']);
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('"Mom calls twice" is already one of your trigger items; nothing changed.\n');
    for (const same of ['delayed-reply', 'A slow or short reply'])
      expect(attach(box, ['config', 'add', 'trigger', same]).stderr).toBe(
        `"${same}" is already in the trigger list (delayed-reply); nothing changed.\n`,
      );
    expect(JSON.parse(attach(box, ['config', 'list', '--json']).stdout).own).toEqual({ triggers: ['mom calls twice'] });
    expect(attach(box, ['config', 'remove', 'trigger', 'mom calls twice']).code).toBe(0);
    expect(attach(box, ['config', 'remove', 'trigger', 'mom calls twice']).code).toBe(2);
  });

  it('uses the journal setting for where the journal is', () => {
    const other = path.join(box.dir, 'elsewhere', 'j.json');
    expect(attach(box, ['config', 'set', 'journal', other]).code).toBe(0);
    expect(attach(box, ['log', 'moved', '-i', '2']).code).toBe(0);
    expect(JSON.parse(readFileSync(other, 'utf8')).entries).toHaveLength(1);
    expect(attach(box, ['config', 'unset', 'journal']).code).toBe(0);
  });

  it.each([
    ['set pauseMinutes 0', ['config', 'set', 'pauseMinutes', '0'], /pauseMinutes takes a number from 0.05 to 180 \(you gave "0"\)/],
    ['set breath square', ['config', 'set', 'breath', 'square'], /breath takes box, 478, coherent, none/],
    ['set lookbackWeeks 2.5', ['config', 'set', 'lookbackWeeks', '2.5'], /lookbackWeeks takes a whole number from 1 to 260/],
    [
      'an unknown key',
      ['config', 'set', 'colour', 'blue'],
      /"colour" is not a setting\. The settings are pauseMinutes, breath, lookbackWeeks, journal/,
    ],
    ['an unknown action', ['config', 'frob'], /attach config takes list, get, set, unset, add or remove/],
    ['an unknown list', ['config', 'add', 'mood', 'x'], /"mood" is not a list\. The lists are who, trigger, body/],
  ])('refuses %s with exit 2', (_name, args, message) => {
    const r = attach(box, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('never lets unreadable settings stop a moment, and never overwrites them', () => {
    const own = sandbox();
    try {
      const file = path.join(own.env.XDG_CONFIG_HOME!, 'attach', 'config.json');
      mkdirSync(path.dirname(file), { recursive: true });
      for (const text of ['{"pauseMinutes": ', '{"pauseMinutes": 999}']) {
        writeFileSync(file, text);
        for (const args of [
          ['log', 'x', '-i', '3'],
          ['pause', '--at', '1h ago', '--before', '3'],
        ]) {
          const r = attach(own, args);
          expect([args[0], r.code]).toEqual([args[0], 0]);
          expect(r.stderr.split('\n')[0]).toMatch(
            text.endsWith('999}') ? /The setting pauseMinutes \(999\) is ignored/ : /can't be read \(they are not valid JSON\)/,
          );
          expect(readFileSync(file, 'utf8')).toBe(text);
        }
      }
      // config set repairs: a bad value is replaced, a file that isn't JSON is kept aside, never overwritten.
      expect(attach(own, ['config', 'set', 'pauseMinutes', '15']).code).toBe(0);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ pauseMinutes: 15 });
      writeFileSync(file, '{"pauseMinutes": ');
      const aside = attach(own, ['config', 'set', 'breath', 'box']);
      expect(aside.code).toBe(0);
      const keptName = readdirSync(path.dirname(file)).find((name) => name.includes('.unreadable-'))!;
      const kept = path.join(path.dirname(file), keptName);
      expect(aside.stderr.replace(/\s+/g, '')).toContain(`keptas${kept}.`);
      expect(readFileSync(kept, 'utf8')).toBe('{"pauseMinutes": ');
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ breath: 'box' });
    } finally {
      own.cleanup();
    }
  });
});
