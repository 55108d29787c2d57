import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isPromptCancel } from '../../src/errors.js';
import { newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import type { ReflectionEntry } from '../../src/journal/types.js';
import { toOffsetIso } from '../../src/time/calendar.js';
import { FakeClock, fakeContext } from '../helpers/fake-context.js';
import { argv, cli } from '../helpers/program.js';
import { press, scriptedAsker, typeAndEnter } from '../helpers/scripted-asker.js';

const HOUR = 3_600_000;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'attach-reflect-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const journalFile = () => path.join(dir, 'journal.json');
const reflections = (): ReflectionEntry[] =>
  JSON.parse(readFileSync(journalFile(), 'utf8')).entries.filter((e: ReflectionEntry) => e.type === 'reflection');

function seed(clock: FakeClock, hoursAgo: number) {
  const at = new Date(clock.now() - hoursAgo * HOUR);
  const trigger = newTrigger(
    { what: 'Texted five times, no answer', intensity: 8, protest: ['excessive-contact'], at: toOffsetIso(at) },
    at,
  );
  writeFileSync(journalFile(), serializeJournal({ version: 1, entries: [trigger] }));
  return trigger;
}

describe('attach reflect, through the real prompts', () => {
  it('offers the latest moment that recorded a protest behaviour, not a later one without', async () => {
    const clock = new FakeClock();
    const earlier = seed(clock, 5);
    const laterAt = new Date(clock.now() - HOUR);
    const later = newTrigger({ what: 'Quiet evening, felt a bit low', intensity: 4, at: toOffsetIso(laterAt) }, laterAt);
    writeFileSync(journalFile(), serializeJournal({ version: 1, entries: [earlier, later] }));
    const { asker, left } = scriptedAsker([
      { screen: 'Is this about "Texted five times, no answer"', keys: (events) => events.keypress({ name: 'c', ctrl: true }) },
    ]);
    const { ctx } = fakeContext({ dir, interactive: true, asker, clock });
    const error = await cli(['reflect', ...argv({})], ctx).catch((e: unknown) => e);
    expect(isPromptCancel(error)).toBe(true);
    expect(left()).toBe(0);
  });

  it('links the moment of the last day, asks with curiosity, and lets the drafted ask be edited', async () => {
    const clock = new FakeClock();
    const trigger = seed(clock, 20);
    const { asker, left, screens } = scriptedAsker([
      { screen: 'Is this about "Texted five times, no answer"', keys: press('enter') },
      // What was logged with the moment starts ticked; "situation" is not asked again.
      { screen: /❯◉ Reaching out again and again/, keys: press('enter') },
      { screen: 'what were you needing?', keys: press('space', 'down', 'down', 'down', 'down', 'down', 'space', 'enter') },
      { screen: 'What did you hope would happen?', keys: typeAndEnter('A quick "all good, talk later"') },
      { screen: 'What actually happened?', keys: typeAndEnter('Silence until 11pm') },
      { screen: 'How did it feel afterwards?', keys: press('down', 'enter') },
      {
        screen: new RegExp(
          String.raw`Words you could use[\s\S]* {2}I'm feeling insecure right now, and I could really use some reassurance\.` +
            String.raw`[\s\S]*I'm feeling insecure right now, and I could really use a hug\.[\s\S]*Write it my own way`,
        ),
        keys: press('down', 'down', 'enter'),
      },
      // The chosen draft sits in the line to change: add to it.
      { screen: 'Your words', keys: typeAndEnter(' Tonight, if you can.') },
    ]);
    const { ctx, stderr } = fakeContext({ dir, interactive: true, asker, clock });
    await cli(['reflect', ...argv({})], ctx);
    expect(left()).toBe(0);
    expect(screens.some((screen) => screen.includes('What happened just before'))).toBe(false);
    expect(reflections()[0]).toMatchObject({
      for: trigger.id,
      protest: ['excessive-contact'],
      situation: null,
      needs: ['reassurance', 'comfort'],
      hoped: 'A quick "all good, talk later"',
      happened: 'Silence until 11pm',
      felt: 'insecure',
      ask: "I'm feeling insecure right now, and I could really use a hug. Tonight, if you can.",
    });
    expect(stderr.text).toContain('Thank you for looking at this with curiosity');
    expect(stderr.text).toContain(`you could say: "I'm feeling insecure right now, and I could really use a hug. Tonight, if you can."`);
    expect(stderr.text).toContain('attach pause');
  });

  it('writes the ask from scratch, with own words for the behaviour, and no link when none is recent', async () => {
    const clock = new FakeClock();
    seed(clock, 30); // older than a day: not offered
    const { asker, left } = scriptedAsker([
      { screen: 'What did you do?', keys: press(...Array.from({ length: 7 }, () => 'down'), 'space', 'enter') },
      { screen: 'In your own words', keys: typeAndEnter('Liked an old photo of my ex') },
      { screen: 'What happened just before?', keys: typeAndEnter('They went out without me') },
      { screen: 'what were you needing?', keys: press('down', 'space', 'enter') },
      { screen: 'What did you hope', keys: typeAndEnter('') },
      { screen: 'What actually happened', keys: typeAndEnter('') },
      { screen: 'How did it feel afterwards?', keys: press('enter') }, // Enter skips
      { screen: /\n {2}I'm having a hard moment right now, and I'd love some time close to you\./, keys: press('up', 'enter') },
      { screen: 'How would you ask for what you need?', keys: typeAndEnter('Can we have a quiet evening, just us?') },
    ]);
    const { ctx } = fakeContext({ dir, interactive: true, asker, clock });
    await cli(['reflect', ...argv({})], ctx);
    expect(left()).toBe(0);
    expect(reflections()[0]).toMatchObject({
      for: null,
      protest: ['Liked an old photo of my ex'],
      situation: 'They went out without me',
      needs: ['closeness'],
      felt: null,
      hoped: null,
      ask: 'Can we have a quiet evening, just us?',
    });
  });

  it('Ctrl-C at any question saves nothing', async () => {
    const clock = new FakeClock();
    seed(clock, 1);
    const before = readFileSync(journalFile(), 'utf8');
    const { asker } = scriptedAsker([
      { screen: 'Is this about', keys: press('enter') },
      { screen: 'What did you do?', keys: press('enter') },
      { screen: 'what were you needing?', keys: (events) => events.keypress({ name: 'c', ctrl: true }) },
    ]);
    const { ctx } = fakeContext({ dir, interactive: true, asker, clock });
    const error = await cli(['reflect', ...argv({})], ctx).catch((e: unknown) => e);
    expect(isPromptCancel(error)).toBe(true);
    expect(readFileSync(journalFile(), 'utf8')).toBe(before);
  });

  it('without a terminal needs --protest and a --need or --ask, and suggests words when only needs are given', async () => {
    const clock = new FakeClock();
    for (const [options, message] of [
      [{ need: ['reassurance'] }, /Add --protest <behaviour>/],
      [{ protest: ['withdrawing'] }, /Add --need <need> .* or --ask/],
      [{ protest: [' , '], need: ['x'] }, /--protest needs at least one value/],
      [{ protest: ['withdrawing'], ask: '  ' }, /--ask is empty/],
    ] as const) {
      const { ctx } = fakeContext({ dir, clock });
      await expect(cli(['reflect', ...argv(options)], ctx)).rejects.toThrow(message);
      expect(existsSync(journalFile())).toBe(false);
    }
    const { ctx, stderr } = fakeContext({ dir, clock });
    await cli(['reflect', ...argv({ protest: ['withdrawing'], need: ['were-okay'], felt: 'disconnected' })], ctx);
    expect(reflections()[0]).toMatchObject({ protest: ['withdrawing'], needs: ['were-okay'], felt: 'disconnected', ask: null, for: null });
    expect(stderr.text).toContain(`One way you could say it: "I'm feeling disconnected right now, and I need to hear that we're okay."`);
  });
});
