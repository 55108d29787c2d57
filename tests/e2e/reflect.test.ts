import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';
import { journalOf, trigger } from '../helpers/entries.js';

let box: Sandbox;
beforeAll(() => {
  box = sandbox();
  // Two triggers whose ids share a prefix, to check that an ambiguous --for is refused.
  const recordedAt = '2026-11-22T21:14:00-08:00';
  mkdirSync(path.dirname(box.journal), { recursive: true });
  writeFileSync(
    box.journal,
    JSON.stringify(
      journalOf(
        trigger({
          id: 'ab12cd34-0000-4000-8000-000000000001',
          at: '2026-11-22T21:14:00-08:00',
          recordedAt,
          what: 'No reply for four hours',
          who: 'partner',
          intensity: 8,
        }),
        trigger({
          id: 'ab12ff00-0000-4000-8000-000000000002',
          at: '2026-11-23T08:00:00-08:00',
          recordedAt,
          what: 'Short reply',
          who: 'partner',
          intensity: 4,
        }),
      ),
    ),
  );
});
afterAll(() => box.cleanup());

describe('attach reflect without a terminal', () => {
  it('saves a reflection linked by id prefix, and show --json links both ways', () => {
    const r = attach(box, [
      'reflect',
      '-p',
      'excessive-contact,keeping-score',
      '--for',
      'ab12c',
      '--need',
      'reassurance',
      '--need',
      'consistency',
      '--felt',
      'anxious',
      '--hoped',
      'a quick reply',
      '--happened',
      'nothing until morning',
      '--situation',
      'they were out with friends',
      '--ask',
      'Could you text me when you head home?',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const saved = JSON.parse(r.stdout);
    expect(saved).toMatchObject({
      type: 'reflection',
      for: 'ab12cd34-0000-4000-8000-000000000001',
      protest: ['excessive-contact', 'keeping-score'],
      situation: 'they were out with friends',
      needs: ['reassurance', 'consistency'],
      hoped: 'a quick reply',
      happened: 'nothing until morning',
      felt: 'anxious',
      ask: 'Could you text me when you head home?',
      tags: [],
      note: null,
    });
    expect(r.stderr).toContain('you could say: "Could you text me when you head home?"');
    const trigger = JSON.parse(attach(box, ['show', 'ab12cd', '--json']).stdout);
    expect(trigger.linked).toEqual([saved.id]);
    const reflection = JSON.parse(attach(box, ['show', saved.id.slice(0, 8), '--json']).stdout);
    expect(reflection.for).toBe(trigger.id);
    expect(reflection.linked).toEqual([]);
    const text = attach(box, ['show', saved.id.slice(0, 8)]).stdout;
    // The linked moment's row, carried on under itself where it is wider than the 80 columns of a pipe.
    expect(text.replace(/\n +/g, ' ')).toMatch(/about +ab12cd34 {2}Sun 22 Nov(?: 2026)? 21:14 {2}moment +8 {2}No reply for four hours/);
    expect(text).toMatch(/^the need underneath +Reassurance, Consistency$/m);
    const shown = attach(box, ['show', 'ab12cd']).stdout.replace(/\n {4}/g, ' ');
    expect(shown).toMatch(/linked\n {2}[0-9a-f]{8} .*reflection +Could you text me when you head home\?/);
  });

  const bad: [string, string[], RegExp][] = [
    ['no --protest', ['reflect', '--need', 'reassurance'], /Add --protest <behaviour>/],
    ['neither --need nor --ask', ['reflect', '-p', 'withdrawing'], /Add --need <need> .*or --ask/],
    [
      '--for an unknown id',
      ['reflect', '-p', 'withdrawing', '--need', 'closeness', '--for', 'ffff'],
      /--for: no entry has an id starting with "ffff"/,
    ],
    [
      '--for an ambiguous prefix',
      ['reflect', '-p', 'withdrawing', '--need', 'closeness', '--for', 'ab12'],
      /"ab12" matches 2 entries[\s\S]*\n {2}ab12ff00 .*Short reply\n {2}ab12cd34 .*No reply for four hours/,
    ],
  ];
  it.each(bad)('refuses %s with exit 2 and writes nothing', (_name, args, message) => {
    const before = readFileSync(box.journal);
    const r = attach(box, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(readFileSync(box.journal).equals(before)).toBe(true);
  });

  it('has help with examples', () => {
    expect(attach(box, ['reflect', '--help']).stdout).toMatch(/Examples:\n {2}attach reflect\n/);
  });
});
