import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseJournal, serializeJournal } from '../../src/journal/format.js';
import { mergeJournals } from '../../src/journal/merge-journals.js';
import type { Journal } from '../../src/journal/types.js';
import { latest, sameValue } from '../../src/journal/versions.js';
import { attach, BIN, type Result, type Sandbox, sandbox } from '../helpers/cli.js';

/*
 * `attach merge-driver %O %A %B` as git runs it: a real repository, two
 * branches that both added, edited and deleted entries, and `git merge`.
 */

const boxes: Sandbox[] = [];
afterEach(() => {
  for (const box of boxes.splice(0)) box.cleanup();
});
function newBox(): Sandbox {
  const box = sandbox();
  // The driver and this test write times in one zone, so the merge made here is the driver's, byte for byte.
  box.env.TZ = Intl.DateTimeFormat().resolvedOptions().timeZone;
  boxes.push(box);
  return box;
}
const ok = (r: Result): Result => {
  expect(r.code, r.stderr).toBe(0);
  return r;
};

function git(repo: string, box: Sandbox, ...args: string[]): Result {
  const r = spawnSync('git', args, { cwd: repo, env: { ...box.env, GIT_CONFIG_NOSYSTEM: '1' }, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('attach merge-driver in a git repository', () => {
  it('merges two branches that both added, edited and deleted entries, without conflict markers, as merge() does', () => {
    const box = newBox();
    const repo = path.join(box.dir, 'repo');
    mkdirSync(repo);
    const journal = path.join(repo, 'journal.json');
    const run = (...args: string[]) => ok(attach(box, ['--file', journal, ...args]));
    const idOf = (what: string) => (JSON.parse(run('list', '--json').stdout) as Journal['entries']).find((e) => e.what === what)!.id;

    ok(git(repo, box, 'init', '-q', '-b', 'main'));
    ok(git(repo, box, 'config', 'user.email', 'sam@example.com'));
    ok(git(repo, box, 'config', 'user.name', 'Sam'));
    // README, "Several devices": the two lines that set the driver up (attach here is the build under test).
    writeFileSync(path.join(repo, '.gitattributes'), 'journal.json merge=attach\n');
    ok(git(repo, box, 'config', 'merge.attach.driver', `'${process.execPath}' '${BIN}' merge-driver %O %A %B`));
    writeFileSync(path.join(repo, '.gitignore'), 'backups/\n*.lock\n');
    for (const what of ['shared one', 'shared two', 'shared three']) run('log', what, '-i', '4');
    ok(git(repo, box, 'add', '.'));
    ok(git(repo, box, 'commit', '-qm', 'three moments'));

    ok(git(repo, box, 'checkout', '-qb', 'laptop'));
    run('log', 'added on the laptop', '-i', '5');
    run('edit', idOf('shared one').slice(0, 8), '--note', 'the laptop says');
    run('delete', idOf('shared two').slice(0, 8), '--yes');
    ok(git(repo, box, 'commit', '-qam', 'laptop'));

    ok(git(repo, box, 'checkout', '-q', 'main'));
    run('log', 'added on the phone', '-i', '6');
    run('edit', idOf('shared one').slice(0, 8), '--intensity', '2');
    run('edit', idOf('shared three').slice(0, 8), '--note', 'the phone says');
    run('delete', idOf('shared three').slice(0, 8), '--yes');
    ok(git(repo, box, 'commit', '-qam', 'phone'));

    const ours = parseJournal(ok(git(repo, box, 'show', 'main:journal.json')).stdout, 'ours');
    const theirs = parseJournal(ok(git(repo, box, 'show', 'laptop:journal.json')).stdout, 'theirs');
    const merged = git(repo, box, 'merge', '--no-edit', 'laptop');
    expect(merged.code, merged.stdout + merged.stderr).toBe(0);
    expect(merged.stdout + merged.stderr).not.toMatch(/CONFLICT/);
    const text = readFileSync(journal, 'utf8');
    expect(text).not.toMatch(/^(<<<<<<<|=======|>>>>>>>)/m);
    expect(ok(git(repo, box, 'status', '--porcelain')).stdout).toBe('');

    const result = parseJournal(text, journal);
    // Both branches edited "shared one": the later edit is the entry, and the other is in the trash, at the driver's time.
    const versions = [ours, theirs].map((side) => side.entries.find((e) => e.what === 'shared one')!);
    const winner = latest(versions);
    expect(result.entries.find((e) => e.what === 'shared one')).toEqual(winner);
    const replaced = (result.trash ?? []).find((item) =>
      sameValue(
        item.entry,
        versions.find((v) => v !== winner),
      ),
    );
    expect(replaced).toBeDefined();
    const expected = mergeJournals(ours, theirs, new Date(Date.parse(replaced!.trashedAt)));
    expect(result).toEqual(expected);
    expect(text).toBe(serializeJournal(expected));
    expect(result.entries.map((e) => e.what).sort()).toEqual(['added on the laptop', 'added on the phone', 'shared one']);
    expect(result.deleted!.map((t) => t.id).sort()).toEqual([ours.deleted![0]!.id, theirs.deleted![0]!.id].sort());
    expect(ok(attach(box, ['--file', journal, 'undo', '--list'])).stdout).toContain('shared two');
  });

  it('exits non-zero and leaves ours as it was when a side is not a journal; opens and keeps encrypted sides sealed', () => {
    const box = newBox();
    const dir = box.dir;
    const pass = { ATTACH_PASSPHRASE: 'correct horse battery staple' };
    const [ancestor, ours, theirs] = ['base.json', 'ours.json', 'theirs.json'].map((name) => path.join(dir, name)) as [
      string,
      string,
      string,
    ];
    ok(attach(box, ['--file', ours, 'log', 'ours', '-i', '3']));
    writeFileSync(ancestor, '');
    writeFileSync(theirs, 'not a journal at all');
    const bytes = readFileSync(ours);
    const bad = attach(box, ['merge-driver', ancestor, ours, theirs]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^attach merge-driver: theirs \(.*theirs\.json\) can't be merged: it is not valid JSON.*git will show a conflict\.\n$/,
    );
    expect(readFileSync(ours).equals(bytes)).toBe(true);

    ok(attach(box, ['--file', ours, 'encrypt'], pass));
    copyFileSync(ours, theirs);
    ok(attach(box, ['--file', theirs, 'log', 'theirs', '-i', '4'], pass));
    ok(attach(box, ['merge-driver', ancestor, ours, theirs], pass));
    expect(readFileSync(ours, 'utf8')).toContain('"attach.encrypted"');
    // Both sides' moments, whatever their order: logged within the same second (a quick machine), they tie on the clock.
    const whats = JSON.parse(ok(attach(box, ['--file', ours, 'list', '--json'], pass)).stdout).map((e: { what: string }) => e.what);
    expect(whats.sort()).toEqual(['ours', 'theirs']);
  });
});
