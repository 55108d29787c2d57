import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Entry } from '../../src/journal/types.js';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';

/* Follow-ups, plans, glimmers and the pause's new answers, from the command line. */

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());
const entries = (): Entry[] => JSON.parse(attach(box, ['list', '--json']).stdout) as Entry[];
const logged = (...args: string[]) => JSON.parse(attach(box, ['log', ...args, '--json']).stdout) as Entry;

describe('attach follow-up', () => {
  it('looks back on a moment with every flag, and show lists it under the moment', () => {
    const moment = logged('no reply for four hours', '-i', '8');
    const r = attach(box, [
      'follow-up',
      moment.id.slice(0, 6),
      '--happened',
      'stuck in meetings',
      '--fear',
      'did-not',
      '-i',
      '2',
      '--note',
      'ok',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      type: 'follow-up',
      for: moment.id,
      happened: 'stuck in meetings',
      fear: 'did-not',
      intensity: 2,
      note: 'ok',
    });
    expect(r.stderr).toContain("The feared story didn't come true this time.");
    expect(attach(box, ['show', moment.id.slice(0, 6)]).stdout).toMatch(/linked\n {2}[0-9a-f]{8} .*follow-up/);
    expect(attach(box, ['list', '--type', 'follow-up']).stdout).toContain('stuck in meetings');
  });

  it('looks back on a reflection with --asked and --landed', () => {
    const reflection = JSON.parse(
      attach(box, ['reflect', '-p', 'withdrawing', '--ask', 'Could we talk tonight?', '--json']).stdout,
    ) as Entry;
    const r = attach(box, ['follow-up', reflection.id.slice(0, 6), '--asked', 'yes', '--landed', 'partly', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ for: reflection.id, asked: 'yes', landed: 'partly', fear: null });
  });

  it('takes how an ask landed only with an ask made, in follow-up and in edit; the report counts no other', () => {
    const reflection = JSON.parse(attach(box, ['reflect', '-p', 'withdrawing', '--need', 'closeness', '--json']).stdout) as Entry;
    const id = reflection.id.slice(0, 8);
    const before = readFileSync(box.journal, 'utf8');
    for (const args of [
      ['--asked', 'not-yet', '--landed', 'yes'],
      ['--landed', 'yes'],
      ['--asked', 'decided-not', '--landed', 'no'],
    ]) {
      const r = attach(box, ['follow-up', id, ...args]);
      expect([args.join(' '), r.code, r.stderr]).toEqual([
        args.join(' '),
        2,
        '--landed goes with --asked yes: add --asked yes, or leave --landed out.\n',
      ]);
    }
    expect(readFileSync(box.journal, 'utf8')).toBe(before);

    const followUp = JSON.parse(attach(box, ['follow-up', id, '--asked', 'not-yet', '--json']).stdout) as Entry;
    const made = readFileSync(box.journal, 'utf8');
    const edit = attach(box, ['edit', followUp.id.slice(0, 8), '--landed', 'yes']);
    expect([edit.code, edit.stderr]).toEqual([2, '--landed goes with --asked yes: add --asked yes, or --clear landed.\n']);
    expect(readFileSync(box.journal, 'utf8')).toBe(made);
    expect(attach(box, ['edit', followUp.id.slice(0, 8), '--asked', 'yes', '--landed', 'yes']).code).toBe(0);
    expect(attach(box, ['edit', followUp.id.slice(0, 8), '--asked', 'not-yet']).code).toBe(2);
    expect(attach(box, ['edit', followUp.id.slice(0, 8), '--asked', 'not-yet', '--clear', 'landed']).code).toBe(0);
    const asks = (JSON.parse(attach(box, ['report', '--json']).stdout) as { followUps: { asks: Record<string, number> } }).followUps.asks;
    expect(asks).toMatchObject({ made: 0, notYet: 1, landed: 0, partly: 0, notLanded: 0 });
  });

  it('refuses what does not fit, with one line and exit 2, writing nothing', () => {
    const moment = logged('x', '-i', '3');
    const pause = JSON.parse(attach(box, ['pause', '--at', '1h ago', '--before', '5', '--json']).stdout) as Entry;
    const before = readFileSync(box.journal, 'utf8');
    for (const [args, message] of [
      [['follow-up'], /^Say which moment or reflection: attach follow-up <id>/],
      [['follow-up', 'zzzz', '--fear', 'did-not'], /No entry has an id starting with "zzzz"/],
      [['follow-up', pause.id.slice(0, 8), '--fear', 'did-not'], /is a pause; a follow-up looks back on a logged moment or a reflection/],
      [['follow-up', moment.id.slice(0, 8), '--fear', 'maybe'], /^--fear takes came-true, partly or did-not \(you gave "maybe"\)/],
      [['follow-up', moment.id.slice(0, 8), '--asked', 'yes'], /^--asked is for looking back on a reflection/],
      [['follow-up', moment.id.slice(0, 8), '-i', '11'], /^--intensity takes a whole number from 0 to 10/],
      [['follow-up', moment.id.slice(0, 8)], /^Say what happened next/],
    ] as const) {
      const r = attach(box, [...args]);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(readFileSync(box.journal, 'utf8')).toBe(before);
  });
});

describe('attach plan', () => {
  it('adds, lists and retires a plan, shows it after a matching moment and at the start of its pause', () => {
    const add = attach(box, [
      'plan',
      'add',
      '--when',
      "he doesn't reply for hours",
      '--then',
      'take a 20-minute pause and call Sam',
      '-t',
      'A slow or short reply',
      '--json',
    ]);
    expect(add.code, add.stderr).toBe(0);
    const plan = JSON.parse(add.stdout) as Entry;
    expect(plan).toMatchObject({ type: 'plan', triggers: ['delayed-reply'], active: true });
    // The list is broken for 80 columns: read as words.
    expect(attach(box, ['plan']).stdout.replace(/\s+/g, ' ')).toContain(
      "When he doesn't reply for hours, I will take a 20-minute pause and call Sam",
    );
    const matching = attach(box, ['log', 'no reply', '-i', '6', '-t', 'delayed-reply', '--json']);
    expect(matching.stderr).toContain('Your plan for this: take a 20-minute pause and call Sam');
    const other = attach(box, ['log', 'a fight', '-i', '6', '-t', 'conflict']);
    expect(other.stderr).not.toContain('Your plan');
    const moment = JSON.parse(matching.stdout) as Entry;
    const pause = attach(box, ['pause', '--for', moment.id.slice(0, 8), '--at', '10 minutes ago', '--before', '6']);
    expect(pause.stderr).toContain('Your plan for this: take a 20-minute pause and call Sam');
    expect(attach(box, ['plan', 'retire', plan.id.slice(0, 6)]).code).toBe(0);
    expect(attach(box, ['plan']).stderr).toContain('No plans yet');
    expect(attach(box, ['plan', '--all']).stdout).toContain('(retired)');
    expect(entries().find((entry) => entry.id === plan.id)).toMatchObject({ active: false });
  });

  it('refuses a plan without both halves, and an unknown action', () => {
    expect(attach(box, ['plan', 'add', '--when', 'x']).stderr).toMatch(/^Add --when and --then/);
    expect(attach(box, ['plan', 'remove']).code).toBe(2);
    expect(existsSync(box.journal)).toBe(false);
  });
});

describe('attach glimmer', () => {
  it('keeps a glimmer with every flag, and offers one after a strong moment with the same person, once a day', () => {
    const r = attach(box, [
      'glimmer',
      'she texted good luck',
      '--who',
      'partner',
      '-k',
      'cared-for,felt-close',
      '-b',
      'warm-chest',
      '--tag',
      'work',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      type: 'glimmer',
      who: 'partner',
      kinds: ['cared-for', 'felt-close'],
      body: ['warm-chest'],
      tags: ['work'],
    });
    const first = attach(box, ['log', 'no reply', '-i', '8', '--who', 'partner']);
    expect(first.stderr).toContain('Something from earlier, in case it helps: "she texted good luck"');
    expect(attach(box, ['log', 'again', '-i', '9', '--who', 'partner']).stderr).not.toContain('Something from earlier');
    expect(attach(box, ['log', 'at work', '-i', '3', '--who', 'partner']).stderr).not.toContain('Something from earlier');
  });

  it('never offers one when glimmerReminders is off, and refuses an empty kind', () => {
    attach(box, ['glimmer', 'a warm call', '--who', 'friend']);
    attach(box, ['config', 'set', 'glimmerReminders', 'off']);
    expect(attach(box, ['log', 'x', '-i', '8', '--who', 'friend']).stderr).not.toContain('Something from earlier');
    const empty = attach(box, ['glimmer', 'y', '-k', '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^--kind needs at least one value/);
  });
});

describe('the pause, and who you turned to', () => {
  it('records --acted, --draft, --draft-outcome and --reached-out, and refuses their bad values', () => {
    const r = attach(box, [
      'pause',
      '--at',
      '30 minutes ago',
      '--before',
      '8',
      '--acted',
      'no',
      '--draft',
      'why are you ignoring me',
      '--draft-outcome',
      'let-go',
      '--reached-out',
      'friend,therapist',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      acted: 'no',
      draft: 'why are you ignoring me',
      draftOutcome: 'let-go',
      reachedOut: ['friend', 'therapist'],
    });
    const logged = attach(box, ['log', 'x', '-i', '4', '--reached-out', 'A friend', '--json']);
    expect(JSON.parse(logged.stdout)).toMatchObject({ reachedOut: ['friend'] });
    for (const [flag, value] of [
      ['--acted', 'maybe'],
      ['--draft-outcome', 'deleted'],
      ['--reached-out', ''],
    ] as const) {
      const bad = attach(box, ['pause', '--at', '1h ago', '--before', '8', flag, value]);
      expect([flag, bad.code]).toEqual([flag, 2]);
      expect(bad.stderr).toMatch(new RegExp(`^${flag}`));
    }
  });
});
