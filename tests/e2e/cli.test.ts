import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';
import * as make from '../helpers/entries.js';

/** The built CLI run as a process, without a terminal, in a temporary home. */

let box: Sandbox;
beforeAll(() => {
  box = sandbox();
});
afterAll(() => box.cleanup());

const entries = () => JSON.parse(readFileSync(box.journal, 'utf8')).entries as Record<string, unknown>[];
const STACK = /\n\s+at .+:\d+:\d+/;

describe('attach log without a terminal', () => {
  it('saves an entry from flags, with the time in the local zone and its offset', () => {
    const r = attach(
      box,
      [
        'log',
        'No',
        'reply',
        'for',
        'four',
        'hours',
        '-i',
        '7',
        '--who',
        'partner',
        '-t',
        'delayed-reply',
        '-b',
        'tight-chest',
        '-b',
        'racing-heart,shallow-breath',
        '--thought',
        "They're losing interest",
        '-u',
        'double-text',
        '-p',
        'excessive-contact',
        '--instead',
        'wrote it here',
        '--tag',
        'weekend',
        '--note',
        'first one',
        '--at',
        '2026-11-22T21:14',
      ],
      { TZ: 'America/Los_Angeles' },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Saved to your journal \([0-9a-f]{8}\)\./);
    // Logged days later: no pause is suggested for a moment long past.
    expect(r.stderr).not.toContain('pause can help');
    expect(r.stderr).not.toContain('988');
    const [entry] = entries();
    expect(entry).toMatchObject({
      type: 'trigger',
      at: '2026-11-22T21:14:00-08:00',
      what: 'No reply for four hours',
      who: 'partner',
      triggers: ['delayed-reply'],
      intensity: 7,
      body: ['tight-chest', 'racing-heart', 'shallow-breath'],
      thought: "They're losing interest",
      urges: ['double-text'],
      protest: ['excessive-contact'],
      instead: 'wrote it here',
      tags: ['weekend'],
      note: 'first one',
    });
    expect(entry?.recordedAt).toMatch(/-0[78]:00$/);
    expect(entry?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(statSync(box.journal).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(box.journal)).mode & 0o777).toBe(0o700);
  });

  it('prints the saved entry as JSON on stdout with --json, messages staying on stderr', () => {
    const r = attach(box, ['log', 'short reply', '--intensity', '3', '--json', '--at', '2h ago']);
    expect(r.code).toBe(0);
    const saved = JSON.parse(r.stdout);
    expect(saved).toMatchObject({ type: 'trigger', what: 'short reply', intensity: 3 });
    expect(entries().at(-1)).toEqual(saved);
    expect(r.stderr).not.toContain('attach pause');
  });

  it('shows the crisis resources once after an entry at 10', () => {
    const r = attach(box, ['log', 'everything at once', '-i', '10']);
    expect(r.code).toBe(0);
    expect(r.stderr.match(/call or text 988/g)).toHaveLength(1);
    expect(r.stderr).toContain('1-800-799-7233');
    expect(r.stderr).toContain('findahelpline.com');
  });

  it('never prompts or waits with --no-input, even when stdin is open', () => {
    const r = attach(box, ['--no-input', 'log', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--intensity/);
  });

  const bad: [string, string[], RegExp][] = [
    ['-i 11', ['log', 'x', '-i', '11'], /--intensity takes a whole number from 0 to 10 \(you gave "11"\)/],
    ['-i -1', ['log', 'x', '-i', '-1'], /--intensity takes a whole number from 0 to 10 \(you gave "-1"\)/],
    ['-i 7.5', ['log', 'x', '-i', '7.5'], /--intensity .*"7\.5"/],
    ['-i seven', ['log', 'x', '-i', 'seven'], /--intensity .*"seven"/],
    ['no --intensity', ['log', 'x'], /Add --intensity <0-10>/],
    ['no what', ['log', '-i', '5'], /Say what happened/],
    ['--at tomorrow', ['log', 'x', '-i', '5', '--at', 'tomorrow'], /--at: "tomorrow" is in the future/],
    ['--at not a date', ['log', 'x', '-i', '5', '--at', 'not a date'], /--at: "not a date" isn't a time I can read/],
    ['--who ""', ['log', 'x', '-i', '5', '--who', ''], /--who is empty/],
    ['-b ","', ['log', 'x', '-i', '5', '-b', ','], /--body needs at least one value/],
    ['an unknown option', ['log', 'x', '-i', '5', '--mood', 'low'], /attach log has no option --mood/],
    ['an unknown command', ['lgo', 'x'], /attach has no command "lgo"\. Did you mean attach log\?/],
    ['a missing option value', ['log', 'x', '-i'], /--intensity needs a value after it/],
    ['list --type', ['list', '--type', 'dream'], /--type takes moment \(trigger\), pause, reflection/],
    ['list --limit', ['list', '--limit', '0'], /--limit takes a whole number/],
  ];
  it.each(bad)('refuses %s with exit 2, one calm message, no stack, and the journal untouched', (_name, args, message) => {
    const before = readFileSync(box.journal);
    const r = attach(box, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(r.stdout).toBe('');
    expect(readFileSync(box.journal).equals(before)).toBe(true);
  });
});

describe('reading back', () => {
  it('lists newest first, one line each, and as JSON', () => {
    const text = attach(box, ['list']);
    expect(text.code).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(entries().length);
    expect(lines.at(-1)).toMatch(/^[0-9a-f]{8} {2}Sun 22 Nov(?: 2026)? 21:14 {2}moment {7}7 {2}No reply for four hours$/);
    const json = JSON.parse(attach(box, ['list', '--json']).stdout) as { at: string }[];
    const times = json.map((entry) => Date.parse(entry.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(JSON.parse(attach(box, ['list', '--json', '--limit', '1', '--type', 'trigger']).stdout)).toHaveLength(1);
  });

  it('shows one entry by a unique prefix, readable and as JSON with linked ids', () => {
    const [first] = entries();
    const id = String(first?.id);
    const text = attach(box, ['show', id.slice(0, 6)]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^what happened +No reply for four hours$/m);
    expect(text.stdout).toMatch(/^in the body +Tight chest, Racing heart, Shallow breath$/m);
    const json = JSON.parse(attach(box, ['show', id.slice(0, 6).toUpperCase(), '--json']).stdout);
    expect(json).toMatchObject({ id, linked: [] });
  });

  it('links entries whose "for" points to the shown one', () => {
    const own = sandbox();
    try {
      mkdirSync(path.dirname(own.journal), { recursive: true });
      const times = { at: '2026-11-22T21:14:00-08:00', recordedAt: '2026-11-22T21:14:00-08:00' };
      const journal = make.journalOf(
        make.trigger({ ...times, id: 'aaaa1111-t', what: 'w', intensity: 8 }),
        make.pause({ ...times, id: 'aaaa2222-p', for: 'aaaa1111-t', urge: 'text', before: 8, after: 4, passed: true }),
        make.reflection({
          ...times,
          id: 'bbbb3333-r',
          for: 'aaaa1111-t',
          protest: ['withdrawing'],
          needs: ['reassurance'],
          ask: 'Could we talk tonight?',
        }),
      );
      writeFileSync(own.journal, JSON.stringify(journal));
      const shown = JSON.parse(attach(own, ['show', 'aaaa1', '--json']).stdout);
      expect(shown.linked).toEqual(['aaaa2222-p', 'bbbb3333-r']);
      const text = attach(own, ['show', 'aaaa1']).stdout;
      expect(text).toMatch(/linked\n {2}aaaa2222 .*pause .*8→4 {2}text, the urge passed/);
      const ambiguous = attach(own, ['show', 'aaaa']);
      expect(ambiguous.code).toBe(2);
      expect(ambiguous.stderr).toMatch(/"aaaa" matches 2 entries/);
      expect(ambiguous.stderr).toMatch(/\n {2}aaaa2222 .*\n {2}aaaa1111 /); // same moment: the later in the file first
      const missing = attach(own, ['show', 'zzzz']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/No entry has an id starting with "zzzz"/);
    } finally {
      own.cleanup();
    }
  });
});

describe('files and the error boundary', () => {
  it('uses --file, then $ATTACH_FILE, then $XDG_DATA_HOME, and takes global options after the command', () => {
    const flagFile = path.join(box.dir, 'flag', 'j.json');
    const envFile = path.join(box.dir, 'env', 'j.json');
    expect(attach(box, ['log', 'a', '-i', '1', '--file', flagFile], { ATTACH_FILE: envFile }).code).toBe(0);
    expect(attach(box, ['--file', flagFile, 'log', 'b', '-i', '1']).code).toBe(0);
    expect(attach(box, ['log', 'c', '-i', '1'], { ATTACH_FILE: envFile }).code).toBe(0);
    expect(JSON.parse(readFileSync(flagFile, 'utf8')).entries).toHaveLength(2);
    expect(JSON.parse(readFileSync(envFile, 'utf8')).entries).toHaveLength(1);
    const home = sandbox();
    try {
      delete home.env.XDG_DATA_HOME;
      expect(attach(home, ['log', 'd', '-i', '1']).code).toBe(0);
      expect(existsSync(path.join(home.env.HOME!, '.local', 'share', 'attach', 'journal.json'))).toBe(true);
    } finally {
      home.cleanup();
    }
  });

  it('refuses a corrupt or newer journal with exit 3, the path, no stack, and the file unchanged', () => {
    const own = sandbox();
    try {
      mkdirSync(path.dirname(own.journal), { recursive: true });
      for (const text of ['{"version":1,"entries":[{"id":"a","type":"trig', '{"version":9,"entries":[]}']) {
        writeFileSync(own.journal, text);
        for (const args of [['log', 'x', '-i', '3'], ['list'], ['show', 'a']]) {
          const r = attach(own, args);
          expect(r.code).toBe(3);
          expect(r.stderr).toContain(own.journal);
          expect(r.stderr).not.toMatch(STACK);
          expect(readFileSync(own.journal, 'utf8')).toBe(text);
        }
      }
      writeFileSync(own.journal, '{"version":9,"entries":[]}');
      expect(attach(own, ['list']).stderr).toMatch(/newer than this attach reads[\s\S]*Update attach/);
      // --debug adds the stack for a bug report.
      expect(attach(own, ['list', '--debug']).stderr).toMatch(STACK);
    } finally {
      own.cleanup();
    }
  });

  it('gives every command help with examples, and the safety note in the main help', () => {
    const main = attach(box, ['--help']);
    expect(main.code).toBe(0);
    expect(main.stdout).toContain('not a diagnosis, not therapy');
    expect(main.stdout).toContain('988');
    for (const command of ['log', 'list', 'show']) {
      const help = attach(box, [command, '--help']);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`Examples:\\n {2}attach ${command}`));
    }
    expect(attach(box, ['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(attach(box, []).stdout).toContain('Usage: attach');
  });

  it('prints no colour codes when piped or with NO_COLOR, even at intensity 10', () => {
    const r = attach(box, ['log', 'x', '-i', '10']);
    expect(r.stderr).not.toMatch(/\u001b\[/);
    const forced = attach(box, ['log', 'x', '-i', '8'], { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(forced.stderr).toMatch(/\u001b\[/);
    const flag = attach(box, ['log', 'x', '-i', '8', '--no-color'], { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(flag.stderr).not.toMatch(/\u001b\[/);
  });
});
