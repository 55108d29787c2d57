import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newPause, newReflection, newTrigger } from '../../src/journal/entries.js';
import { serializeJournal } from '../../src/journal/format.js';
import type { Entry } from '../../src/journal/types.js';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';

/** `attach doctor` and `attach doctor --repair`, run as the built CLI without a terminal. */

const boxes: Sandbox[] = [];
afterEach(() => {
  for (const box of boxes.splice(0)) box.cleanup();
});
function box(): Sandbox {
  const made = sandbox();
  boxes.push(made);
  return made;
}

const STACK = /\n\s+at .+:\d+:\d+/;

function entries(count: number): Entry[] {
  return Array.from({ length: count }, (_, i): Entry => {
    const now = new Date(Date.parse('2026-11-01T08:00:00Z') + i * 3_600_000);
    if (i % 5 === 3)
      return newPause(
        {
          for: null,
          urge: 'text again',
          plannedSeconds: 1200,
          elapsedSeconds: 900,
          completed: false,
          before: 7,
          after: 4,
          passed: null,
          activities: [],
          notes: [],
          next: null,
        },
        now,
        now,
      );
    if (i % 5 === 4)
      return newReflection(
        {
          for: null,
          protest: ['withdrawing'],
          situation: null,
          needs: ['closeness'],
          hoped: null,
          happened: null,
          felt: null,
          ask: 'Could we talk tonight?',
        },
        now,
      );
    return newTrigger({ what: `moment ${i}: no reply, "still" {waiting}`, intensity: i % 11 }, now);
  });
}

function write(file: string, text: string, mode = 0o600): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, text, { mode });
  chmodSync(file, mode);
}

function writeJournal(b: Sandbox, list: readonly Entry[], mode = 0o600): string {
  const text = serializeJournal({ version: 1, entries: [...list] });
  write(b.journal, text, mode);
  return text;
}

const backup = (b: Sandbox, date: string) => path.join(path.dirname(b.journal), 'backups', `journal-${date}.json`);

/** The text cut in the middle of entry `k`'s line. */
function cutIn(text: string, entry: Entry): string {
  const line = JSON.stringify(entry);
  return text.slice(0, text.indexOf(line) + Math.floor(line.length / 2));
}

describe('attach doctor', () => {
  it('reports a healthy journal with its facts, exit 0', () => {
    const b = box();
    const list = [...entries(10), { id: 'd-1', type: 'dream', at: '2026-11-02T08:00:00Z' }];
    writeJournal(b, list);
    write(backup(b, '2026-11-20'), serializeJournal({ version: 1, entries: list.slice(0, 4) }));
    const r = attach(b, ['doctor']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const dir = path.dirname(b.journal);
    expect(r.stdout).toContain(`Journal   ${b.journal}\n`);
    expect(r.stdout).toMatch(/\d+\.\d KB, format 1, mode 0600/);
    expect(r.stdout).toContain('11 entries: 6 moments, 2 pauses, 2 reflections, 1 of other types');
    expect(r.stdout).toContain('opens and passes every check');
    expect(r.stdout).toContain(`Folder    ${dir} (mode 0700)`);
    expect(r.stdout).toContain(
      `Settings  ${path.join(b.dir, 'config', 'attach', 'config.json')}\n          none yet; the defaults are in use`,
    );
    expect(r.stdout).toContain(`Backups   ${path.join(dir, 'backups')}\n          newest from 2026-11-20, opens fine (1 backup kept)`);
    expect(r.stdout).toContain(`Lock      ${b.journal}.lock\n          none; no attach is writing right now`);
    expect(r.stdout).not.toContain('Worth a look');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('Your journal is healthy.');
  });

  it('is healthy without a journal, and creates nothing', () => {
    const b = box();
    const r = attach(b, ['doctor']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('no journal yet; attach log starts one');
    expect(r.stdout).toContain('All is ready for your first entry.');
    expect(existsSync(path.join(b.dir, 'data'))).toBe(false);
    expect(existsSync(path.join(b.dir, 'config'))).toBe(false);
  });

  it('warns about a journal and folder others can read, with the chmod that fixes each; still exit 0', () => {
    const b = box();
    writeJournal(b, entries(3), 0o644);
    chmodSync(path.dirname(b.journal), 0o755);
    const r = attach(b, ['doctor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('mode 0644');
    expect(r.stdout).toContain('Your journal can be read by others on this computer (mode 0644).');
    // The fixes as a person reads them, whatever the width broke them into.
    const said = r.stdout.replace(/\s+/g, ' ');
    expect(said).toContain(`To keep it yours only: chmod 600 ${b.journal}`);
    expect(said).toContain(`To keep it yours only: chmod 700 ${path.dirname(b.journal)}`);
    expect(r.stdout).toContain('Your journal is healthy.');
    // Doctor only looks.
    expect(statSync(b.journal).mode & 0o777).toBe(0o644);
  });

  it('says a corrupt journal is unusable, exit 3, and names the repair; the file is untouched', () => {
    const b = box();
    const list = entries(12);
    const cut = cutIn(writeJournal(b, list), list[7] as Entry);
    write(b.journal, cut);
    const r = attach(b, ['doctor']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("can't be used: it ends in the middle, as if cut short");
    expect(r.stdout).toContain('7 entries can still be read from it');
    expect(r.stderr).toContain(`Your journal at ${b.journal} can't be used: it ends in the middle, as if cut short.`);
    expect(r.stderr).toContain('Run attach doctor --repair');
    expect(r.stderr).not.toMatch(STACK);
    expect(readFileSync(b.journal, 'utf8')).toBe(cut);
  });

  it('says settings that cannot be used are unusable, exit 3', () => {
    const b = box();
    writeJournal(b, entries(2));
    write(path.join(b.dir, 'config', 'attach', 'config.json'), '{"pauseMinutes": "soon"');
    const r = attach(b, ['doctor']);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain("can't be used (see below)");
    expect(r.stderr).toMatch(/Your settings at .*config\.json/);
    expect(r.stderr).toContain('mv ');
  });

  it('reports a stale lock and a temporary file left by a writer that is gone', () => {
    const b = box();
    writeJournal(b, entries(2));
    const lock = `${b.journal}.lock`;
    mkdirSync(lock);
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, minuteAgo, minuteAgo);
    // The pid of a process that has exited.
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim();
    const temp = path.join(path.dirname(b.journal), `.journal.json.${gone}.a1b2c3d4e5f6.tmp`);
    write(temp, 'half a journal');
    const r = attach(b, ['doctor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/left over from an attach that stopped \(\d+ seconds? old\)/);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(`To remove it now: rmdir ${lock}`);
    expect(r.stdout.replace(/\s+/g, ' ').replace(/\/ /g, '/')).toContain(
      `left a temporary file, which may hold a copy of your journal: ${temp}`,
    );
    expect(r.stdout).toContain(`rm ${temp}`);

    // A lock refreshed a moment ago is someone else writing, not a problem.
    utimesSync(lock, new Date(), new Date());
    const fresh = attach(b, ['doctor', '--json']);
    expect(JSON.parse(fresh.stdout).lock).toMatchObject({ present: true, stale: false });
  });

  it('gives the findings as one JSON object with --json', () => {
    const b = box();
    writeJournal(b, entries(5), 0o640);
    const r = attach(b, ['doctor', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const f = JSON.parse(r.stdout);
    expect(Object.keys(f)).toEqual([
      'healthy',
      'journal',
      'folder',
      'settings',
      'backups',
      'lock',
      'leftoverTempFiles',
      'brokenCopies',
      'syncCopies',
      'waiting',
      'plainBeside',
      'warnings',
      'problems',
      'next',
    ]);
    expect(f).toMatchObject({
      healthy: true,
      journal: {
        path: b.journal,
        linkTarget: null,
        exists: true,
        size: statSync(b.journal).size,
        mode: '0640',
        version: 1,
        entries: { total: 5, trigger: 3, pause: 1, reflection: 1, other: 0 },
        valid: true,
        problem: null,
        recoverable: null,
      },
      folder: { path: path.dirname(b.journal), mode: '0700' },
      settings: { exists: false, valid: true, problem: null },
      backups: { count: 0, newest: null, newestValid: null },
      lock: { path: `${b.journal}.lock`, present: false, ageSeconds: null, stale: false },
      leftoverTempFiles: [],
      brokenCopies: [],
      problems: [],
      next: null,
    });
    expect(f.warnings).toEqual([{ message: expect.stringContaining('mode 0640'), fix: `To keep it yours only: chmod 600 ${b.journal}` }]);

    write(b.journal, '{"version": 1, "entries": [\n    {"id": "x", "type": "dream"},\n    {"id": "y", "ty');
    const bad = attach(b, ['doctor', '--json']);
    expect(bad.code).toBe(3);
    const g = JSON.parse(bad.stdout);
    expect(g).toMatchObject({
      healthy: false,
      journal: { valid: false, recoverable: 1, problem: 'it ends in the middle, as if cut short' },
    });
    expect(g.next).toContain('attach doctor --repair');
    expect(g.problems).toHaveLength(1);
  });

  it('follows a symlinked journal to where it really is', () => {
    const b = box();
    const real = path.join(b.dir, 'synced', 'journal.json');
    write(real, serializeJournal({ version: 1, entries: entries(2) }));
    mkdirSync(path.dirname(b.journal), { recursive: true, mode: 0o700 });
    symlinkSync(real, b.journal);
    const r = attach(b, ['doctor']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`a link to ${real}`);
    expect(r.stdout).toContain(`Backups   ${path.join(b.dir, 'synced', 'backups')}`);
  });
});

describe('attach doctor --repair', () => {
  it('refuses without a terminal and without --yes, exit 2, changing nothing', () => {
    const b = box();
    const cut = cutIn(writeJournal(b, entries(6)), entries(6)[0] as Entry).slice(0, 60);
    write(b.journal, cut);
    const r = attach(b, ['doctor', '--repair']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--yes');
    expect(r.stderr).toContain('Nothing was changed.');
    expect(readFileSync(b.journal, 'utf8')).toBe(cut);
    expect(readdirSync(path.dirname(b.journal))).toEqual(['journal.json']);
  });

  it('rebuilds a journal truncated in the middle from the entries before the cut and the newest backup that opens', () => {
    const b = box();
    const list = entries(30);
    const full = writeJournal(b, list);
    write(backup(b, '2026-11-20'), serializeJournal({ version: 1, entries: list.slice(0, 10) }));
    write(backup(b, '2026-11-21'), serializeJournal({ version: 1, entries: list.slice(0, 24) }));
    write(backup(b, '2026-11-22'), serializeJournal({ version: 1, entries: list.slice(0, 26) }).slice(0, 300));
    const cut = cutIn(full, list[18] as Entry);
    write(b.journal, cut);

    const r = attach(b, ['doctor', '--repair', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('18 entries can still be read from it, and your backup of 2026-11-21 holds 6 more.');
    expect(r.stderr).toContain('Recovered 18 entries from the damaged file and 6 more from the backup of 2026-11-21.');
    expect(r.stderr).toContain('1 damaged line could not be read; it is still in the kept copy.');
    expect(r.stderr).toContain('Your journal opens again, with 24 entries: attach list');

    const dir = path.dirname(b.journal);
    const copies = readdirSync(dir).filter((name) => name.startsWith('journal.broken-'));
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatch(/^journal\.broken-\d{8}-\d{6}\.json$/);
    const copy = path.join(dir, copies[0] as string);
    expect(r.stderr).toContain(`The damaged file is kept at ${copy}`);
    expect(readFileSync(copy, 'utf8')).toBe(cut);
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    expect(statSync(b.journal).mode & 0o777).toBe(0o600);

    const listed = attach(b, ['list', '--json']);
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as Entry[]).map((entry) => entry.id).sort()).toEqual(
      list
        .slice(0, 24)
        .map((entry) => entry.id)
        .sort(),
    );
    expect(JSON.parse(readFileSync(b.journal, 'utf8')).entries).toEqual(list.slice(0, 24));

    // Healthy now: nothing to repair, and the kept copy is listed.
    const again = attach(b, ['doctor', '--repair']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('Your journal opens and passes every check (24 entries). There is nothing to repair.');
    const report = attach(b, ['doctor']);
    expect(report.code).toBe(0);
    // A path too long for its line goes on after a "/".
    expect(report.stdout.replace(/\/\n +/g, '/')).toContain(copy);
  });

  it('gives the outcome as JSON with --json', () => {
    const b = box();
    const list = entries(4);
    write(b.journal, cutIn(serializeJournal({ version: 1, entries: list }), list[2] as Entry));
    const r = attach(b, ['doctor', '--repair', '--yes', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      state: 'repaired',
      recovered: 2,
      skipped: 1,
      fromBackup: 0,
      backup: null,
      entries: 2,
      journal: b.journal,
      brokenCopy: expect.stringMatching(/journal\.broken-/),
    });
  });

  it('never touches a journal of a newer format, damaged or not: exit 3, update attach', () => {
    const b = box();
    const newer = serializeJournal({ version: 2, entries: entries(3) });
    for (const text of [newer, newer.slice(0, -40)]) {
      write(b.journal, text);
      const r = attach(b, ['doctor', '--repair', '--yes']);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('Update attach');
      expect(readFileSync(b.journal, 'utf8')).toBe(text);
      expect(readdirSync(path.dirname(b.journal))).toEqual(['journal.json']);
    }
  });

  it('has nothing to repair without a journal', () => {
    const b = box();
    const r = attach(b, ['doctor', '--repair']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('nothing to repair');
    expect(existsSync(path.join(b.dir, 'data'))).toBe(false);
  });
});
