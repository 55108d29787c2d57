import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { conflictCopyTool, findConflictCopies, keepMergedCopy } from '../../src/journal/conflict-copies.js';

describe('conflictCopyTool', () => {
  const copies: [string, string, string][] = [
    ['journal.json', 'journal.sync-conflict-20261122-101500-ABCDEF7.json', 'syncthing'],
    ['journal.json', 'journal.sync-conflict-20261122-101500-ABCDEF7.sync-conflict-20261123-090000-ZYX2345.json', 'syncthing'],
    ['journal.json', "journal (Sam's conflicted copy 2026-11-22).json", 'dropbox'],
    ['journal.json', 'journal (Sam’s MacBook Pro’s conflicted copy 2026-11-22 (1)).json', 'dropbox'],
    ['journal.json', 'journal (conflicted copy 2026-11-22).json', 'dropbox'],
    ['journal.json', 'journal (conflicted copy 2026-11-22 101500).json', 'nextcloud'],
    ['journal.json', 'journal (conflicted copy sam 2026-11-22 101500).json', 'nextcloud'],
    ['journal.json', 'journal_conflict-20261122-101500.json', 'nextcloud'],
    ['my diary.v2.json', 'my diary.v2.sync-conflict-20261122-101500-ABCDEF7.json', 'syncthing'],
    ['my diary.v2.json', 'my diary.v2 (conflicted copy 2026-11-22 101500).json', 'nextcloud'],
    ['journal', 'journal.sync-conflict-20261122-101500-ABCDEF7', 'syncthing'],
    ['journal', "journal (Sam's conflicted copy 2026-11-22)", 'dropbox'],
    ['attach.enc', 'attach.sync-conflict-20261122-101500-ABCDEF7.enc', 'syncthing'],
  ];
  it.each(copies)('%s: %s is a copy left by %s', (journal, name, tool) => {
    expect(conflictCopyTool(journal, name)).toBe(tool);
  });

  const others: [string, string][] = [
    ['journal.json', 'journal.json'],
    ['journal.json', 'journal.broken-20261128-101500.json'],
    ['journal.json', '.journal.json.1234.abcdef.tmp'],
    ['journal.json', 'journal-2026-11-22.json'],
    ['journal.json', 'work.sync-conflict-20261122-101500-ABCDEF7.json'],
    ['journal.json', 'journal2 (conflicted copy 2026-11-22 101500).json'],
    ['journal.json', 'journal.sync-conflict-20261122-101500-ABCDEF7.json.tmp'],
    ['journal.json', 'journal (2).json'],
    ['journal.json', 'journal.sync-conflict-2026-101500-ABCDEF7.json'],
    ['journal.json', 'journal.json.sync-conflict-20261122-101500-ABCDEF7'],
  ];
  it.each(others)('%s: %s is not a conflict copy of it', (journal, name) => {
    expect(conflictCopyTool(journal, name)).toBeNull();
  });
});

describe('finding and keeping copies', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'attach-copies-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the regular files beside the journal, by name, and no folder', async () => {
    const target = path.join(dir, 'journal.json');
    writeFileSync(target, '{}');
    writeFileSync(path.join(dir, 'journal (conflicted copy 2026-11-22 101500).json'), '{}');
    writeFileSync(path.join(dir, 'journal.sync-conflict-20261122-101500-ABCDEF7.json'), '{}');
    mkdirSync(path.join(dir, 'journal.sync-conflict-20261122-101501-ABCDEF7.json'));
    writeFileSync(path.join(dir, 'other.sync-conflict-20261122-101500-ABCDEF7.json'), '{}');
    expect((await findConflictCopies(target)).map((copy) => [path.basename(copy.file), copy.tool])).toEqual([
      ['journal (conflicted copy 2026-11-22 101500).json', 'nextcloud'],
      ['journal.sync-conflict-20261122-101500-ABCDEF7.json', 'syncthing'],
    ]);
    expect(await findConflictCopies(path.join(dir, 'missing', 'journal.json'))).toEqual([]);
  });

  it('moves a copy into merged/, 0600 in a 0700 folder, never over a copy of the same name kept before', async () => {
    const target = path.join(dir, 'journal.json');
    const name = "journal (Sam's conflicted copy 2026-11-22).json";
    writeFileSync(path.join(dir, name), 'first', { mode: 0o644 });
    const first = await keepMergedCopy(path.join(dir, name), target);
    writeFileSync(path.join(dir, name), 'second', { mode: 0o666 });
    const second = await keepMergedCopy(path.join(dir, name), target);
    expect([first, second].map((file) => path.relative(dir, file))).toEqual([
      `merged/${name}`,
      "merged/journal (Sam's conflicted copy 2026-11-22)-2.json",
    ]);
    expect([readFileSync(first, 'utf8'), readFileSync(second, 'utf8')]).toEqual(['first', 'second']);
    expect(statSync(first).mode & 0o777).toBe(0o600);
    expect(statSync(second).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(dir, 'merged')).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir).sort()).toEqual(['merged']);
  });
});
