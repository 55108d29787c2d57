import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeJournal } from '../../src/journal/format.js';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';
import { journalOf, trigger } from '../helpers/entries.js';
import { STACK_LINE } from '../helpers/hostile.js';

/*
 * Issue 13, terminal: a value a person passed and attach echoes back in a
 * message (a mistyped id, intensity, time, week, type, setting, option or
 * command; a journal's path) reaches the terminal neutralised like entry
 * text (src/render/clean.ts): an escape sequence in it is shown, never run.
 */

/** A clear screen, a red colour, a changed window title, a bell, a C1 CSI: what a pasted value might carry. */
const EVIL = 'x\u001b[2J\u001b[31mred\u001b]0;pwned\u0007\u009b1m';
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

let box: Sandbox;
beforeAll(() => {
  box = sandbox();
  mkdirSync(path.dirname(box.journal), { recursive: true, mode: 0o700 });
  writeFileSync(box.journal, serializeJournal(journalOf(trigger())), { mode: 0o600 });
});
afterAll(() => box.cleanup());

const cases: [string, string[], number][] = [
  ['show <id>', ['show', EVIL], 2],
  ['edit <id>', ['edit', EVIL, '--note', 'n'], 2],
  ['delete <id>', ['delete', EVIL, '--yes'], 2],
  ['follow-up <id>', ['follow-up', EVIL, '--happened', 'h'], 2],
  ['plan retire <id>', ['plan', 'retire', EVIL], 2],
  ['pause --for', ['pause', '--for', EVIL, '--before', '5', '--at', 'yesterday 10:00'], 2],
  ['--intensity', ['log', 'words', '--intensity', EVIL], 2],
  ['--at', ['log', 'words', '-i', '5', '--at', EVIL], 2],
  ['--week', ['report', '--week', EVIL], 2],
  ['--from', ['report', '--from', EVIL], 2],
  ['--lookback', ['report', '--lookback', EVIL], 2],
  ['--format', ['report', '--format', EVIL], 2],
  ['--type', ['list', '--type', EVIL], 2],
  ['--limit', ['list', '--limit', EVIL], 2],
  ['--minutes', ['pause', '--minutes', EVIL], 2],
  ['--breath', ['pause', '--breath', EVIL], 2],
  ['--prefer', ['import', 'x.json', '--prefer', EVIL], 2],
  ['--clear', ['edit', '5f0c', '--clear', EVIL], 2],
  ['config set, the value', ['config', 'set', 'pauseMinutes', EVIL], 2],
  ['config set, the name', ['config', 'set', EVIL, '5'], 2],
  ['config, the action', ['config', EVIL], 2],
  ['an unknown option', ['list', `--${EVIL}`], 2],
  ['an unknown command', [EVIL], 2],
  ['import <file>', ['import', path.join('/nowhere', EVIL)], 2],
];

describe('a value echoed in a message', () => {
  it.each(cases)('%s: shown, never run', (_name, args, code) => {
    const r = attach(box, args);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr, 'raw control on stderr').not.toMatch(CONTROL);
    expect(r.stdout, 'raw control on stdout').not.toMatch(CONTROL);
    expect(r.stderr).toContain('\\x1b[2J');
  });
});

describe("doctor and a journal's path", () => {
  it('prints a path with escapes in it neutralised, in the report and in its messages', () => {
    const folder = path.join(box.dir, `notes ${EVIL}`);
    mkdirSync(folder, { mode: 0o700 });
    writeFileSync(path.join(folder, 'journal.json'), 'not json at all');
    const r = attach(box, ['--file', path.join(folder, 'journal.json'), 'doctor']);
    expect(r.code).toBe(3);
    expect(r.stdout).not.toMatch(CONTROL);
    expect(r.stderr).not.toMatch(CONTROL);
    // doctor breaks a long path for 80 columns (at its space here): read as words.
    expect(r.stdout.replace(/\n\s+/g, ' ')).toContain('notes x\\x1b[2J');
    const list = attach(box, ['--file', path.join(folder, 'journal.json'), 'list']);
    expect(list.code).toBe(3);
    expect(list.stderr).not.toMatch(CONTROL);
    expect(list.stderr.replace(/\n\s+/g, ' ')).toContain('notes x\\x1b[2J');
  });
});
