import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../src/commands/report.js';
import { UsageError } from '../../src/errors.js';
import { openerFor, openWithSystem } from '../../src/ui/open-page.js';
import { fakeContext } from '../helpers/fake-context.js';
import { richJournal } from '../helpers/report-journals.js';

/*
 * `attach report --format html` through run(): where the page goes (stdout
 * when piped, attach's own folder on a terminal, -o), and --open with a real
 * opener process: a script on PATH standing in for xdg-open, or none at all.
 */

let dir: string;
let savedPath: string | undefined;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'attach-html-'));
  writeFileSync(path.join(dir, 'journal.json'), JSON.stringify({ version: 1, entries: richJournal() }));
  savedPath = process.env.PATH;
});
afterEach(() => {
  process.env.PATH = savedPath;
  rmSync(dir, { recursive: true, force: true });
});

const mode = (file: string) => statSync(file).mode & 0o777;
const OPENER = openerFor(process.platform);

/** A folder holding a stand-in opener that logs what it was asked to open and exits with `code`. */
function fakeOpener(code = 0): { bin: string; log: string } {
  const bin = path.join(dir, 'bin');
  const log = path.join(dir, 'opened.log');
  mkdirSync(bin, { recursive: true });
  writeFileSync(path.join(bin, OPENER), `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}'\nexit ${code}\n`);
  chmodSync(path.join(bin, OPENER), 0o755);
  return { bin, log };
}

function terminal() {
  const fake = fakeContext({ dir });
  fake.stdout.isTTY = true;
  return fake;
}

describe('report --format html', () => {
  it('writes the page to stdout when piped, and nothing else', async () => {
    const { ctx, stdout, stderr } = fakeContext({ dir });
    await run({ week: '2026-W47', format: 'html' }, ctx);
    expect(stdout.text.startsWith('<!doctype html>')).toBe(true);
    expect(stdout.text).toContain('Your report: 16–22 Nov 2026');
    expect(stderr.text).toBe('');
  });

  it('on a terminal, writes a private page in attach’s own 0700 folder and says where', async () => {
    const { ctx, stdout, stderr } = terminal();
    await run({ week: '2026-W47', format: 'html' }, ctx);
    const file = path.join(ctx.pagesDir, 'report.html');
    expect(stdout.text).toBe('');
    expect(readFileSync(file, 'utf8')).toContain('Your report: 16–22 Nov 2026');
    expect(mode(file)).toBe(0o600);
    expect(mode(ctx.pagesDir)).toBe(0o700);
    expect(stderr.text).toBe(
      `Report page written to ${file} (readable only by you).\nOpen it in any browser: it loads nothing from the internet.\n`,
    );
  });

  it('replaces the one page rather than piling up copies, and narrows a widened folder', async () => {
    const { ctx } = terminal();
    await run({ week: '2026-W46', format: 'html' }, ctx);
    chmodSync(ctx.pagesDir, 0o755);
    await run({ week: '2026-W47', format: 'html' }, ctx);
    expect(readFileSync(path.join(ctx.pagesDir, 'report.html'), 'utf8')).toContain('16–22 Nov 2026');
    expect(mode(ctx.pagesDir)).toBe(0o700);
  });

  it('writes -o <file> at 0600, on a terminal or not', async () => {
    const { ctx, stdout, stderr } = terminal();
    const out = path.join(dir, 'week.html');
    await run({ week: '2026-W47', format: 'html', out }, ctx);
    expect(readFileSync(out, 'utf8')).toContain('<!doctype html>');
    expect(mode(out)).toBe(0o600);
    expect(stdout.text).toBe('');
    expect(stderr.text).toBe(`Report written to ${out} (readable only by you).\n`);
  });

  it('refuses a place it cannot write with one calm line, exit 2', async () => {
    const { ctx } = fakeContext({ dir });
    const out = path.join(dir, 'journal.json', 'inside-a-file.html');
    await expect(run({ week: '2026-W47', format: 'html', out }, ctx)).rejects.toThrow(UsageError);
    await expect(run({ week: '2026-W47', format: 'html', out }, ctx)).rejects.toThrow(/^-o, --out: can't write .* choose another place\.$/);
  });
});

describe('report --format html --open', () => {
  it('opens the page with the system’s opener, given the file’s own path', async () => {
    const { bin, log } = fakeOpener();
    process.env.PATH = bin;
    const { ctx, stderr } = fakeContext({ dir });
    await run({ week: '2026-W47', format: 'html', open: true }, ctx);
    const file = path.join(ctx.pagesDir, 'report.html');
    expect(readFileSync(log, 'utf8')).toBe(`${file}\n`);
    expect(stderr.text).toBe(`Report page written to ${file} (readable only by you).\nOpening it in your browser.\n`);
  });

  it('opens a page written with -o', async () => {
    const { bin, log } = fakeOpener();
    process.env.PATH = bin;
    const { ctx } = fakeContext({ dir });
    const out = path.join(dir, 'week.html');
    await run({ week: '2026-W47', format: 'html', out, open: true }, ctx);
    expect(readFileSync(log, 'utf8')).toBe(`${out}\n`);
  });

  it('says so calmly when there is no opener, and keeps the page', async () => {
    process.env.PATH = path.join(dir, 'nothing-here');
    const { ctx, stderr } = fakeContext({ dir });
    await run({ week: '2026-W47', format: 'html', open: true }, ctx);
    expect(readFileSync(path.join(ctx.pagesDir, 'report.html'), 'utf8')).toContain('<!doctype html>');
    expect(stderr.text.split('\n').at(-2)).toBe(`There is no ${OPENER} here to open it with; open the file in any browser.`);
  });

  it('says so in one line when the opener fails', async () => {
    const { bin } = fakeOpener(4);
    process.env.PATH = bin;
    const { ctx, stderr } = fakeContext({ dir });
    await run({ week: '2026-W47', format: 'html', open: true }, ctx);
    expect(stderr.text.split('\n').at(-2)).toBe(`${OPENER} could not open it (exit 4); open the file in any browser.`);
  });

  it('goes only with --format html', async () => {
    const { ctx } = fakeContext({ dir });
    await expect(run({ week: '2026-W47', open: true }, ctx)).rejects.toThrow('--open opens the page: use it with --format html.');
    await expect(run({ week: '2026-W47', format: 'md', open: true }, ctx)).rejects.toThrow(UsageError);
  });
});

describe('openWithSystem', () => {
  it('knows the opener of each system', () => {
    expect(openerFor('linux')).toBe('xdg-open');
    expect(openerFor('freebsd')).toBe('xdg-open');
    expect(openerFor('darwin')).toBe('open');
  });

  it('starts the opener detached, with no terminal, and never waits for the browser', async () => {
    const calls: unknown[][] = [];
    const { EventEmitter } = await import('node:events');
    const child = Object.assign(new EventEmitter(), { unref: () => calls.push(['unref']) });
    const spawner = ((command: string, args: string[], options: unknown) => {
      calls.push([command, args, options]);
      setImmediate(() => child.emit('spawn'));
      return child;
    }) as never;
    // An opener that stays running (as some do, until the browser closes) is left to run once it settles.
    expect(await openWithSystem('/tmp/x/report.html', { platform: 'darwin', spawner, settleMs: 1 })).toEqual({ state: 'opened' });
    expect(calls).toEqual([['open', ['/tmp/x/report.html'], { detached: true, stdio: 'ignore' }], ['unref']]);
  });
});
