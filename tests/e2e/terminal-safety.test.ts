import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Journal } from '../../src/journal/types.js';
import { attach, type Result, type Sandbox, sandbox } from '../helpers/cli.js';
import { STACK_LINE } from '../helpers/hostile.js';
import { Terminal } from '../helpers/pty.js';

/*
 * Issue 7, terminal safety: text a person stored (or a file imported from
 * elsewhere) may hold escape sequences and control characters. Shown by
 * `list`, `show` and `report`, they must be neutralised, never interpreted
 * by the terminal (no cleared screen, no changed title, no recoloured or
 * overwritten line); `--json` keeps the data exact.
 */

/** Every kind of control a terminal acts on, in one string: CSI, clear screen, OSC title, bare ESC, BEL, backspace, CR, C1, DEL. */
const evil = (field: string) =>
  `${field}:\u001b[31mred\u001b[0m clear\u001b[2J\u001b[H title\u001b]0;pwned\u0007 bare\u001b bell\u0007 back\b\b cr\rover ` +
  'c1\u009b31m osc\u009d0;pwned\u009c del\u007f end';

/** Raw control bytes a terminal would act on: C0 except tab and newline, DEL, C1. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function controlsIn(text: string): string[] {
  const found = text.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g) ?? [];
  return [...new Set(found.map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`))];
}

/** Neither stdout nor stderr carries a raw control, and the words are still there to read. */
function expectNeutral(r: Result, what: string, ...visible: string[]): void {
  expect(r.code, `${what}: ${r.stderr}`).toBe(0);
  expect(r.stderr).not.toMatch(STACK_LINE);
  expect(controlsIn(r.stdout), `${what}: raw controls on stdout`).toEqual([]);
  expect(controlsIn(r.stderr), `${what}: raw controls on stderr`).toEqual([]);
  for (const words of visible) expect(r.stdout, what).toContain(words);
}

let box: Sandbox;
const ids: Record<string, string> = {};
const short = (name: string) => ids[name]!.slice(0, 8);

beforeAll(() => {
  box = sandbox();
  const logged = attach(box, [
    'log',
    evil('what'),
    '-i',
    '7',
    '--who',
    evil('who'),
    '-t',
    evil('trigger'),
    '-b',
    evil('body'),
    '--thought',
    evil('thought'),
    '-u',
    evil('urge'),
    '-p',
    evil('protest'),
    '--instead',
    evil('instead'),
    '--tag',
    evil('tag'),
    '--note',
    evil('note'),
    '--at',
    '1h ago',
    '--json',
  ]);
  expect(logged.code, logged.stderr).toBe(0);
  ids.trigger = (JSON.parse(logged.stdout) as { id: string }).id;
  const reflected = attach(box, [
    'reflect',
    '-p',
    evil('rprotest'),
    '--for',
    short('trigger'),
    '--situation',
    evil('situation'),
    '--need',
    evil('need'),
    '--hoped',
    evil('hoped'),
    '--happened',
    evil('happened'),
    '--felt',
    evil('felt'),
    '--ask',
    evil('ask'),
    '--json',
  ]);
  expect(reflected.code, reflected.stderr).toBe(0);
  ids.reflection = (JSON.parse(reflected.stdout) as { id: string }).id;
  // The log and reflect confirmations echo what was stored: neutral too.
  expect(controlsIn(logged.stderr), 'log confirmation').toEqual([]);
  expect(controlsIn(reflected.stderr), 'reflect confirmation').toEqual([]);

  // A pause and another tool's entry, written into the file as an import or a sync would bring them.
  const journal = JSON.parse(readFileSync(box.journal, 'utf8')) as Journal;
  const at = (JSON.parse(logged.stdout) as { at: string }).at;
  ids.pause = 'a0a0a0a0-0000-4000-8000-000000000001';
  ids.other = 'b0b0b0b0-0000-4000-8000-000000000002';
  journal.entries.push(
    {
      id: ids.pause,
      type: 'pause',
      at,
      recordedAt: at,
      for: ids.trigger,
      urge: evil('pauseurge'),
      plannedSeconds: 60,
      elapsedSeconds: 60,
      completed: true,
      before: 6,
      after: 3,
      passed: true,
      activities: [evil('activity')],
      notes: [evil('pausenote')],
      next: evil('next'),
      tags: [evil('ptag')],
      note: evil('pnote'),
    },
    { id: ids.other, type: evil('type'), at, [evil('fieldname')]: evil('othervalue') },
  );
  writeFileSync(box.journal, JSON.stringify(journal));
  expect(attach(box, ['config', 'add', 'trigger', evil('owntrigger')]).code).toBe(0);
});
afterAll(() => box.cleanup());

describe('shown neutralised, piped', () => {
  it('list', () => {
    expectNeutral(attach(box, ['list']), 'list', 'what:', 'pauseurge:', 'ask:');
  });

  it.each(['trigger', 'reflection', 'pause', 'other'])('show (%s)', (name) => {
    expectNeutral(attach(box, ['show', short(name)]), `show ${name}`, 'red');
  });

  it('show, with every field of the trigger visible in words', () => {
    const r = attach(box, ['show', short('trigger')]);
    for (const field of ['what', 'who', 'trigger', 'body', 'thought', 'urge', 'protest', 'instead', 'tag', 'note'])
      expect(r.stdout).toContain(`${field}:`);
  });

  it('report as text', () => {
    expectNeutral(attach(box, ['report']), 'report', 'trigger:');
  });

  it('report as Markdown', () => {
    expectNeutral(attach(box, ['report', '--format', 'md']), 'report --format md', 'trigger:');
  });

  it('the candidates of an ambiguous id', () => {
    // A second pause whose id shares its first characters with the first one.
    const journal = JSON.parse(readFileSync(box.journal, 'utf8')) as Journal;
    const twin = { ...journal.entries.find((e) => e.id === ids.pause)!, id: 'a0a0a0a0-0000-4000-8000-000000000009' };
    const other = sandbox();
    try {
      mkdirSync(path.dirname(other.journal), { recursive: true });
      writeFileSync(other.journal, JSON.stringify({ ...journal, entries: [...journal.entries, twin] }));
      const r = attach(other, ['show', 'a0a0']);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n').filter((text) => text.includes('pauseurge:'))).toHaveLength(2);
      expect(controlsIn(r.stderr)).toEqual([]);
    } finally {
      other.cleanup();
    }
  });

  it('config list, with your own items', () => {
    expectNeutral(attach(box, ['config', 'list']), 'config list', 'owntrigger:');
  });

  it('with colour forced on, the only escapes are attach’s own colours', () => {
    for (const args of [['list'], ['show', short('trigger')], ['report'], ['report', '--format', 'md']]) {
      const r = attach(box, args, { NO_COLOR: undefined, FORCE_COLOR: '1' });
      expect(r.code).toBe(0);
      const rest = `${r.stdout}${r.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
      expect(controlsIn(rest), args.join(' ')).toEqual([]);
    }
  });
});

describe('--json keeps the data exact', () => {
  it('list --json and show --json give back every string as stored', () => {
    const listed = JSON.parse(attach(box, ['list', '--json']).stdout) as Record<string, unknown>[];
    const trigger = listed.find((e) => e.id === ids.trigger)!;
    expect(trigger).toMatchObject({
      what: evil('what'),
      who: evil('who'),
      triggers: [evil('trigger')],
      body: [evil('body')],
      thought: evil('thought'),
      urges: [evil('urge')],
      protest: [evil('protest')],
      instead: evil('instead'),
      tags: [evil('tag')],
      note: evil('note'),
    });
    const reflection = listed.find((e) => e.id === ids.reflection)!;
    expect(reflection).toMatchObject({
      protest: [evil('rprotest')],
      situation: evil('situation'),
      needs: [evil('need')],
      hoped: evil('hoped'),
      happened: evil('happened'),
      felt: evil('felt'),
      ask: evil('ask'),
    });
    const other = JSON.parse(attach(box, ['show', short('other'), '--json']).stdout) as Record<string, unknown>;
    expect(other).toMatchObject({ type: evil('type'), [evil('fieldname')]: evil('othervalue') });
    const pause = JSON.parse(attach(box, ['show', short('pause'), '--json']).stdout) as Record<string, unknown>;
    expect(pause).toMatchObject({ urge: evil('pauseurge'), notes: [evil('pausenote')], next: evil('next') });
    // And the file itself still holds them exactly.
    const stored = JSON.parse(readFileSync(box.journal, 'utf8')) as Journal;
    expect(stored.entries.find((e) => e.id === ids.trigger)?.what).toBe(evil('what'));
  });

  it('report --json names the own-word trigger exactly', () => {
    const report = JSON.stringify(JSON.parse(attach(box, ['report', '--json']).stdout));
    expect(report).toContain(JSON.stringify(evil('trigger')));
  });
});

describe('on a real terminal (a pty)', () => {
  /** What the program wrote, less the CR the terminal adds before each newline. */
  async function screen(args: string[]): Promise<string> {
    const term = new Terminal(box, args, { cols: 400, rows: 100 });
    try {
      const { exitCode } = await term.exit();
      expect(exitCode, term.raw).toBe(0);
      return term.raw.replace(/\r\n/g, '\n');
    } finally {
      term.kill();
    }
  }

  const shown: [string, () => string[]][] = [
    ['list', () => ['list']],
    ['show (a trigger)', () => ['show', short('trigger')]],
    ['show (another tool’s entry)', () => ['show', short('other')]],
    ['report', () => ['report']],
    ['report --format md', () => ['report', '--format', 'md']],
  ];
  it.each(shown)('%s: nothing the terminal would act on', async (_name, args) => {
    expect(controlsIn(await screen(args()))).toEqual([]);
  });

  const json: [string, () => string[]][] = [
    ['list --json', () => ['list', '--json']],
    ['show --json', () => ['show', short('trigger'), '--json']],
  ];
  it.each(json)('%s: no raw C1 or DEL either (as export does), and it still parses to the exact data', async (_name, args) => {
    const out = await screen(args());
    expect(controlsIn(out)).toEqual([]);
    expect(JSON.stringify(JSON.parse(out))).toContain(JSON.stringify(evil('what')));
  });
});

// The strings really do hold what they claim.
it('the payload holds every kind of control it is meant to', () => {
  expect(CONTROL.test(evil('x'))).toBe(true);
  expect(controlsIn(evil('x')).sort()).toEqual(['\\x07', '\\x08', '\\x0d', '\\x1b', '\\x7f', '\\x9b', '\\x9c', '\\x9d'].sort());
});
