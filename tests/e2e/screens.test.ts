import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/render/width.js';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';
import { KEY, Terminal } from '../helpers/pty.js';
import { screenJournal } from '../helpers/report-journals.js';
import { type Screen, screenOf, wordsOf } from '../helpers/vt.js';

/*
 * Every screen of every command, shown on a terminal 40, 80 and 120 columns
 * wide (a pseudo-terminal, played into a headless xterm to read what a
 * person sees): no line wider than the terminal (the terminal never has to
 * wrap one itself), and every word of the 120-column screen whole on the
 * narrower ones (a word wider than the whole screen, a long path, aside).
 * The 80-column screens are the snapshots to review.
 */

const WIDTHS = [40, 80, 120] as const;
const COMMANDS = [
  'log',
  'pause',
  'reflect',
  'list',
  'show',
  'edit',
  'delete',
  'follow-up',
  'plan',
  'glimmer',
  'report',
  'export',
  'import',
  'progress',
  'undo',
  'merge',
  'doctor',
  'encrypt',
  'passphrase',
  'decrypt',
  'config',
];

interface Case {
  name: string;
  args: string[];
  /** Writes to the journal: each width gets its own copy. */
  writes?: boolean;
  /** Typed answers, each once its question is on the screen. */
  keys?: [string | RegExp, ...string[]][];
  /** Shows entries as rows, each cut to its width by design (like `attach list`). */
  rows?: boolean;
  /** Made before the screen, in the case's own copy of the journal (it implies `writes`). */
  setup?: (box: Sandbox) => void;
}

/** A Syncthing conflict copy beside the journal, holding one moment the journal doesn't. */
function syncCopy(box: Sandbox): void {
  const copy = path.join(path.dirname(box.journal), 'journal.sync-conflict-20261122-101500-ABCDEF7.json');
  cpSync(box.journal, copy);
  expect(attach(box, ['--file', copy, 'log', 'a moment logged on the laptop', '-i', '4', '--no-input']).code).toBe(0);
}
const deleted = (box: Sandbox) => expect(attach(box, ['delete', 'sun-1', '--yes']).code).toBe(0);

const CASES: Case[] = [
  { name: 'attach --help', args: ['--help'] },
  ...COMMANDS.map((command) => ({ name: `${command} --help`, args: [command, '--help'] })),
  { name: 'report', args: ['report', '--to', '2026-11-22'] },
  { name: 'report --why', args: ['report', '--to', '2026-11-22', '--why'] },
  { name: 'report over two months', args: ['report', '--from', '2026-10-01', '--to', '2026-11-22'] },
  { name: 'report of a quiet week', args: ['report', '--to', '2020-01-07'] },
  { name: 'list', args: ['list', '--limit', '40'] },
  { name: 'list --type pauses', args: ['list', '--type', 'pauses'] },
  ...['sun-1', 'p1', 'r1', 'fu000001', 'fu000002', 'pl000001', 'gl000001', 'cjk00001'].map((id) => ({
    name: `show ${id}`,
    args: ['show', id],
  })),
  { name: 'plan', args: ['plan'] },
  { name: 'progress', args: ['progress', '--to', '2026-11'] },
  { name: 'config', args: ['config'] },
  { name: 'config list trigger', args: ['config', 'list', 'trigger'] },
  { name: 'doctor', args: ['doctor'] },
  { name: 'log at 10, with the crisis lines', args: ['log', 'no reply since this morning', '-i', '10', '--no-input'], writes: true },
  {
    name: 'a pause still at 10 afterwards',
    args: ['pause', '--at', '1h ago', '--before', '9', '--after', '10', '--passed', 'no', '--urge', 'double-text', '--no-input'],
    writes: true,
  },
  { name: 'reflect', args: ['reflect', '-p', 'withdrawing', '--need', 'reassurance', '--no-input'], writes: true },
  { name: 'follow-up', args: ['follow-up', 'thu', '--fear', 'did-not', '-i', '2', '--no-input'], writes: true },
  { name: 'glimmer', args: ['glimmer', 'she texted good luck before my interview', '--no-input'], writes: true },
  {
    name: 'delete, asked on the terminal',
    args: ['delete', 'sun-1'],
    writes: true,
    rows: true,
    keys: [['? Delete this entry?', 'y', KEY.enter]],
  },
  { name: 'undo --list', args: ['undo', '--list'], setup: deleted, rows: true },
  { name: 'undo, asked on the terminal', args: ['undo'], setup: deleted, rows: true, keys: [['? Bring this entry back?', KEY.enter]] },
  { name: 'merge --dry-run', args: ['merge', '--dry-run'], setup: syncCopy },
  { name: 'merge', args: ['merge'], setup: syncCopy },
  { name: 'doctor, a sync copy waiting', args: ['doctor'], setup: syncCopy },
  { name: 'show without an id', args: ['show'] },
  { name: 'show with two ids', args: ['show', 'sun-1', 'p1'] },
  { name: 'an option without its value', args: ['log', '-i'] },
  { name: 'an unknown option', args: ['log', '--intensty', '5'] },
  { name: 'an unknown command', args: ['lgo'] },
  { name: 'words without a command', args: ['no reply since this morning'] },
  { name: 'a setting misspelt', args: ['config', 'set', 'pausminutes', '5'] },
  { name: 'a type that is not one', args: ['list', '--type', 'dream'] },
  {
    name: 'log, asked on the terminal',
    args: ['log'],
    writes: true,
    keys: [
      ['? What happened?', 'No reply for four hours after I texted him about the weekend', KEY.enter],
      ['? Who was it with?', KEY.down, KEY.enter],
      ['? What set it off?', KEY.space, KEY.enter],
      ['? How strong is it right now?', '6', KEY.enter],
      ['? Where do you feel it in your body?', KEY.space, KEY.enter],
      ['? What story is your mind telling you?', 'That I am too much for him and he is pulling away', KEY.enter],
      ['? What is the alarm pushing you to do?', KEY.space, KEY.enter],
      ["? Did you do something you'd call", KEY.enter],
      ['? Did you turn to anyone?', KEY.enter],
      ['? What did you do instead', KEY.enter],
    ],
  },
  {
    name: 'a pause, timed on the terminal',
    args: ['pause', '--minutes', '0.05', '--for', 'none', '--no-bell'],
    writes: true,
    keys: [
      ['? What is the urge right now?', KEY.down, KEY.enter],
      ['? How strong is it, right now?', '8', KEY.enter],
      ['? How strong is the urge now?', '9', KEY.enter],
      ['? Did the urge pass?', KEY.down, KEY.down, KEY.enter],
      ['? Did you do what the urge pushed for?', KEY.enter],
      ['? What did you do with the time?', KEY.space, KEY.enter],
      ['? Did you turn to anyone?', KEY.enter],
      ['? What will you do now?', KEY.enter],
    ],
  },
  {
    name: 'reflect, asked on the terminal',
    args: ['reflect', '--for', 'none'],
    writes: true,
    keys: [
      ['? What did you do?', KEY.space, KEY.enter],
      ['? What happened just before?', 'He said he needed a quiet evening on his own after a long week', KEY.enter],
      ['? Underneath it, what were you needing?', KEY.space, KEY.enter],
      ['? What did you hope would happen?', KEY.enter],
      ['? What actually happened?', KEY.enter],
      ['? How did it feel afterwards?', KEY.down, KEY.enter],
      ['? Words you could use.', KEY.down, KEY.enter],
      ['? Your words (change anything', KEY.enter],
    ],
  },
];

const boxes: Sandbox[] = [];
afterAll(() => {
  for (const box of boxes) box.cleanup();
});

const shared = newBox();
function newBox(): Sandbox {
  const box = sandbox();
  boxes.push(box);
  mkdirSync(path.dirname(box.journal), { recursive: true, mode: 0o700 });
  writeFileSync(box.journal, JSON.stringify({ version: 1, entries: screenJournal() }, null, 2), { mode: 0o600 });
  mkdirSync(path.join(box.dir, 'config', 'attach'), { recursive: true });
  return box;
}

async function show(c: Case, cols: number): Promise<Screen & { box: Sandbox }> {
  const own = c.writes || c.setup !== undefined;
  const box = own ? newBox() : shared;
  if (own) cpSync(shared.journal, box.journal);
  c.setup?.(box);
  const term = new Terminal(box, c.args, { cols, rows: 50 });
  try {
    for (const [question, ...keys] of c.keys ?? []) {
      await term.waitFor(question);
      term.type(...keys);
    }
    await term.exit(20_000);
  } finally {
    term.kill();
  }
  return { ...(await screenOf(term.raw, cols)), box };
}

/** What may differ from run to run: the sandbox's folder, new ids, today's date. */
function steady(rows: readonly string[], box: Sandbox): string {
  return (
    rows
      .join('\n')
      .replaceAll(box.dir, '<sandbox>')
      // A backup made while the case was set up is from the day the test runs.
      .replace(/newest from \d{4}-\d{2}-\d{2}/g, 'newest from <today>')
      .replace(/deleted \d+ seconds? ago/g, 'deleted <seconds> ago')
      .replace(/\b[0-9a-f]{8}\b/g, '<id>')
  );
}

describe.each(CASES)('$name', (c) => {
  it('fits 40, 80 and 120 columns, every word whole', async () => {
    const screens = new Map<number, Screen & { box: Sandbox }>();
    for (const cols of WIDTHS) screens.set(cols, await show(c, cols));
    for (const [cols, screen] of screens) {
      const tooWide = screen.wrapped.map((row) => `${cols} columns, row ${row}: ${screen.rows[row - 1]}${screen.rows[row]}`);
      expect(tooWide, `lines wider than ${cols} columns`).toEqual([]);
      for (const row of screen.rows) expect(displayWidth(row)).toBeLessThanOrEqual(cols);
    }
    // A row of `attach list` is cut to its width by design; every other screen keeps every word (new ids aside: each
    // width saved its own entry). A word too wide for a line once indented (a long path) has to be broken.
    if (!c.rows && (!c.args.includes('list') || c.args.includes('--help'))) {
      // Each width of a case with its own journal has its own sandbox folder: read as one name of the same length.
      const words = (cols: number) => {
        const { rows, box } = screens.get(cols)!;
        const same = `<${'s'.repeat(box.dir.length - 2)}>`;
        return wordsOf(rows.map((row) => row.replaceAll(box.dir, same).replace(/\b[0-9a-f]{8}\b/g, '<id>')));
      };
      const wide = words(120);
      for (const cols of [40, 80] as const) {
        const narrow = words(cols);
        const lost = [...wide].filter(([word, n]) => displayWidth(word) <= cols - 10 && (narrow.get(word) ?? 0) < n).map(([word]) => word);
        expect(lost.join(' '), `words of the 120-column screen not whole at ${cols}`).toBe('');
      }
    }
    expect(steady(screens.get(80)!.rows, screens.get(80)!.box)).toMatchSnapshot();
  });
});

describe('FORCE_COLOR', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv) => attach(shared, args, { NO_COLOR: undefined, ...env });
  it('forces colour even into a pipe, on the data and on the messages; --no-color and FORCE_COLOR=0 turn it off', () => {
    const forced = run(['report', '--to', '2026-11-22'], { FORCE_COLOR: '1' });
    expect(forced.stdout).toContain('\u001b[1mYour report: 16–22 Nov 2026');
    const said = run(['list', '--limit', '1'], { FORCE_COLOR: '1' });
    expect(said.stderr).toMatch(/\u001b\[2m1 of \d+ shown/);
    for (const off of [run(['report', '--to', '2026-11-22', '--no-color'], { FORCE_COLOR: '1' }), run(['report'], { FORCE_COLOR: '0' })])
      expect(`${off.stdout}${off.stderr}`).not.toContain('\u001b');
    expect(run(['report', '--to', '2026-11-22'], {}).stdout).not.toContain('\u001b');
  });
});
