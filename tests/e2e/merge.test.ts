import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJournal } from '../../src/journal/format.js';
import type { Entry, Journal } from '../../src/journal/types.js';
import { attach, type Result, type Sandbox, sandboxes } from '../helpers/cli.js';
import { squashed } from '../helpers/unwrap.js';

/*
 * attach merge, and the copies sync tools leave: found for list, report and
 * doctor, merged under the lock, then kept in merged/. Run as the built CLI
 * without a terminal.
 */

const newBox = sandboxes();
const read = (file: string): Journal => parseJournal(readFileSync(file, 'utf8'), file);
const ok = (r: Result): Result => {
  expect(r.code, r.stderr).toBe(0);
  return r;
};
const logIn = (box: Sandbox, file: string, what: string, env: NodeJS.ProcessEnv = {}): Entry =>
  JSON.parse(ok(attach(box, ['--file', file, 'log', what, '-i', '3', '--json'], env)).stdout) as Entry;

const SYNCTHING = 'journal.sync-conflict-20261122-101500-ABCDEF7.json';
const DROPBOX = "journal (Sam's conflicted copy 2026-11-22).json";
const NEXTCLOUD = 'journal (conflicted copy 2026-11-22 101500).json';

/**
 * A journal and a copy of it that went apart, as two devices make them: both
 * start from `shared`; the laptop (the copy) adds one, edits `shared` later
 * and deletes `doomed`; the phone (the journal) adds one.
 */
function divergedCopy(box: Sandbox, name: string, env: NodeJS.ProcessEnv = {}) {
  const dir = path.dirname(box.journal);
  const shared = logIn(box, box.journal, 'shared moment', env);
  const doomed = logIn(box, box.journal, 'to be deleted on the laptop', env);
  const laptop = path.join(dir, 'laptop.json');
  copyFileSync(box.journal, laptop);
  const phoneOnly = logIn(box, box.journal, 'logged on the phone', env);
  const laptopOnly = logIn(box, laptop, 'logged on the laptop', env);
  ok(attach(box, ['--file', laptop, 'edit', shared.id.slice(0, 8), '--note', 'edited on the laptop'], env));
  ok(attach(box, ['--file', laptop, 'delete', doomed.id.slice(0, 8), '--yes'], env));
  const copy = path.join(dir, name);
  renameSync(laptop, copy);
  return { copy, shared, doomed, phoneOnly, laptopOnly };
}

describe('copies a sync tool left', () => {
  it('list and report say once on stderr that copies are waiting; log and list --json keep quiet', () => {
    const box = newBox();
    divergedCopy(box, SYNCTHING);
    copyFileSync(box.journal, path.join(path.dirname(box.journal), NEXTCLOUD));
    for (const args of [['list'], ['report'], ['list', '--json']]) {
      const r = ok(attach(box, args));
      expect(r.stderr.match(/2 copies made by a sync tool are waiting: attach merge/g)).toHaveLength(1);
      expect(r.stdout).not.toContain('sync tool');
    }
    const log = ok(attach(box, ['log', 'a raw moment', '-i', '8']));
    expect(log.stderr).not.toContain('sync tool');
  });

  it('doctor lists them, with the tool that made each, in its text and its --json', () => {
    const box = newBox();
    divergedCopy(box, DROPBOX);
    const dir = path.dirname(box.journal);
    const text = ok(attach(box, ['doctor'])).stdout;
    // Read as words: doctor breaks its lines for 80 columns, and a long path goes on under itself.
    expect(squashed(text)).toContain(squashed(`${path.join(dir, DROPBOX)} (Dropbox)`));
    expect(squashed(text)).toContain(squashed('1 copy of your journal made by a sync tool is waiting beside it'));
    const json = JSON.parse(ok(attach(box, ['doctor', '--json'])).stdout) as { syncCopies: unknown };
    expect(json.syncCopies).toEqual([{ file: path.join(dir, DROPBOX), tool: 'dropbox' }]);
  });
});

describe('attach merge', () => {
  it('merges a copy: adds, takes the newer edit, deletes, keeps the other version in the trash; then keeps it in merged/', () => {
    const box = newBox();
    const { copy, shared, doomed, phoneOnly, laptopOnly } = divergedCopy(box, SYNCTHING);
    chmodSync(box.journal, 0o640);
    const copyBytes = readFileSync(copy);

    const dry = ok(attach(box, ['merge', '--dry-run']));
    expect(dry.stderr).toBe(
      'Merging 1 copy made by a sync tool would add 1 entry, change 1 to its newer edit, delete 1 ' +
        'and keep 2 versions in the trash for 7 days.\n' +
        'This was a dry run: nothing was written or moved. Run it again without --dry-run to merge.\n',
    );
    expect(readFileSync(copy).equals(copyBytes)).toBe(true);

    const r = ok(attach(box, ['merge']));
    const kept = path.join(path.dirname(box.journal), 'merged');
    expect(r.stderr).toBe(
      'Merged 1 copy made by a sync tool into your journal: 1 entry added, 1 changed to its newer edit, 1 deleted ' +
        'and 2 versions kept in the trash for 7 days.\n' +
        `It is kept in ${kept} (readable only by you); attach never deletes it.\n`,
    );
    const journal = read(box.journal);
    expect(journal.entries.map((e) => e.what).sort()).toEqual(['logged on the laptop', 'logged on the phone', 'shared moment']);
    expect(journal.entries.find((e) => e.id === shared.id)!.note).toBe('edited on the laptop');
    expect(journal.deleted!.map((t) => t.id)).toEqual([doomed.id]);
    expect(journal.trash!.map((item) => item.entry)).toEqual(expect.arrayContaining([shared, doomed]));
    expect([phoneOnly, laptopOnly].every((e) => journal.entries.some((kept) => kept.id === e.id))).toBe(true);
    // Merging never widens the journal's mode; the copy is kept whole, readable only by its owner.
    expect(statSync(box.journal).mode & 0o777).toBe(0o640);
    expect(existsSync(copy)).toBe(false);
    expect(readFileSync(path.join(kept, SYNCTHING)).equals(copyBytes)).toBe(true);
    expect(statSync(path.join(kept, SYNCTHING)).mode & 0o777).toBe(0o600);

    const before = readFileSync(box.journal);
    const again = ok(attach(box, ['merge']));
    expect(again.stderr).toBe('No copies made by a sync tool are waiting beside your journal; there is nothing to merge.\n');
    expect(readFileSync(box.journal).equals(before)).toBe(true);
    expect(ok(attach(box, ['list'])).stderr).not.toContain('sync tool');
  });

  it('merges the copies of all three tools at once, and a copy that holds nothing new moves without a write', () => {
    const box = newBox();
    const dir = path.dirname(box.journal);
    divergedCopy(box, DROPBOX);
    const laptop = path.join(dir, 'other.json');
    copyFileSync(box.journal, laptop);
    logIn(box, laptop, 'only in the nextcloud copy');
    renameSync(laptop, path.join(dir, NEXTCLOUD));
    copyFileSync(box.journal, path.join(dir, SYNCTHING));
    const r = ok(attach(box, ['merge']));
    expect(r.stderr).toMatch(/^Merged 3 copies made by a sync tool into your journal: 2 entries added, /);
    expect(readdirSync(path.join(dir, 'merged')).sort()).toEqual([DROPBOX, NEXTCLOUD, SYNCTHING].sort());

    copyFileSync(box.journal, path.join(dir, SYNCTHING));
    const before = readFileSync(box.journal);
    const same = ok(attach(box, ['merge']));
    expect(same.stderr).toContain('Your journal already held everything in 1 copy made by a sync tool; nothing changed.');
    expect(readFileSync(box.journal).equals(before)).toBe(true);
    expect(readdirSync(path.join(dir, 'merged'))).toContain('journal.sync-conflict-20261122-101500-ABCDEF7-2.json');
  });

  it('merges a file given by name and leaves it where it is; merging it again changes nothing', () => {
    const box = newBox();
    const { copy } = divergedCopy(box, 'from-the-laptop.json');
    const r = ok(attach(box, ['merge', copy]));
    expect(r.stderr).toMatch(/^Merged .*from-the-laptop\.json into your journal: 1 entry added/);
    expect(existsSync(copy)).toBe(true);
    const before = readFileSync(box.journal);
    const again = ok(attach(box, ['merge', copy]));
    expect(again.stderr).toBe(`Your journal already held everything in ${copy}; nothing changed.\n`);
    expect(readFileSync(box.journal).equals(before)).toBe(true);
  });

  it('refuses a file given by name that is not an attach journal, is newer or damaged: exit 2, naming it, nothing written', () => {
    const box = newBox();
    logIn(box, box.journal, 'mine');
    const dir = box.dir;
    const files: [string, string, RegExp][] = [
      ['notes.txt', 'just some notes', /notes\.txt can't be merged: it is not valid JSON/],
      ['shape.json', '{"hello": "world"}', /shape\.json can't be merged: it is not an attach journal that can be merged/],
      [
        'newer.json',
        '{"version": 2, "entries": []}',
        /newer\.json can't be merged: it was written in format 2, newer than this attach reads \(1\); update/,
      ],
      ['cut.json', readFileSync(box.journal, 'utf8').slice(0, 60), /cut\.json can't be merged: it is not valid JSON/],
      ['missing.json', '', /missing\.json can't be merged: there is no file there/],
    ];
    for (const [name, text] of files) if (name !== 'missing.json') writeFileSync(path.join(dir, name), text);
    const good = path.join(dir, 'good.json');
    copyFileSync(box.journal, good);
    logIn(box, good, 'would be added');
    const before = readFileSync(box.journal);
    for (const [name, text, message] of files) {
      const r = attach(box, ['merge', good, path.join(dir, name)]);
      expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(message)]);
      expect(r.stderr).toContain('Nothing was written.');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(box.journal).equals(before)).toBe(true);
      if (name !== 'missing.json') expect(readFileSync(path.join(dir, name), 'utf8')).toBe(text);
    }
    const itself = attach(box, ['merge', box.journal]);
    expect([itself.code, itself.stderr]).toEqual([2, expect.stringContaining('is your journal itself')]);
  });

  it('leaves a copy found beside the journal that is not a journal where it is, names it, and merges the others', () => {
    const box = newBox();
    divergedCopy(box, SYNCTHING);
    const damaged = path.join(path.dirname(box.journal), NEXTCLOUD);
    writeFileSync(damaged, '{"version": 1, "entries": [');
    const r = ok(attach(box, ['merge']));
    expect(r.stderr).toContain('Merged 1 copy made by a sync tool into your journal');
    expect(r.stderr).toContain(`Left where it is: ${damaged}: it is not valid JSON, so it is not an attach journal (or it is damaged).`);
    expect(readFileSync(damaged, 'utf8')).toBe('{"version": 1, "entries": [');
  });
});

describe('attach merge, encrypted', () => {
  const PASS = { ATTACH_PASSPHRASE: 'correct horse battery staple' };
  const OTHER = { ATTACH_PASSPHRASE: 'another passphrase, long enough' };

  it('opens an encrypted copy with the journal passphrase, and the merged journal stays encrypted', () => {
    const box = newBox();
    logIn(box, box.journal, 'before encrypting');
    ok(attach(box, ['encrypt'], PASS));
    const { copy } = divergedCopy(box, SYNCTHING, PASS);
    expect(readFileSync(copy, 'utf8')).toContain('"attach.encrypted"');
    const r = ok(attach(box, ['merge'], PASS));
    expect(r.stderr).toContain('Merged 1 copy made by a sync tool into your journal: 1 entry added');
    const text = readFileSync(box.journal, 'utf8');
    expect(text).toContain('"attach.encrypted"');
    expect(text).not.toContain('logged on the laptop');
    expect(ok(attach(box, ['list'], PASS)).stdout).toContain('logged on the laptop');
  });

  it('leaves a copy that does not open with the passphrase where it is, and one encrypted beside a plain journal', () => {
    const box = newBox();
    const dir = path.dirname(box.journal);
    logIn(box, box.journal, 'mine');
    const other = path.join(dir, 'other.json');
    logIn(box, other, 'theirs');
    ok(attach(box, ['--file', other, 'encrypt'], OTHER));
    renameSync(other, path.join(dir, SYNCTHING));
    const plain = ok(attach(box, ['merge'], OTHER));
    expect(squashed(plain.stderr)).toContain(
      squashed(`Left where it is: ${path.join(dir, SYNCTHING)}: it is encrypted and your journal is not`),
    );

    ok(attach(box, ['encrypt'], PASS));
    const before = readFileSync(box.journal);
    const wrong = ok(attach(box, ['merge'], PASS));
    expect(squashed(wrong.stderr)).toBe(
      squashed(`Left where it is: ${path.join(dir, SYNCTHING)}: it doesn't open with your journal's passphrase.`),
    );
    expect(readFileSync(box.journal).equals(before)).toBe(true);
    expect(existsSync(path.join(dir, SYNCTHING))).toBe(true);
    const named = attach(box, ['merge', path.join(dir, SYNCTHING)], PASS);
    expect([named.code, named.stderr]).toEqual([
      2,
      expect.stringContaining("can't be merged: it doesn't open with your journal's passphrase"),
    ]);
  });
});

describe('an export, merged elsewhere', () => {
  it('carries the tombstones, never the words in the trash, so a delete made here holds there too', () => {
    const laptop = newBox();
    const phone = newBox();
    const kept = logIn(laptop, laptop.journal, 'kept everywhere');
    const gone = logIn(laptop, laptop.journal, 'deleted on the laptop, private words');
    mkdirSync(path.dirname(phone.journal), { recursive: true, mode: 0o700 });
    copyFileSync(laptop.journal, phone.journal);
    ok(attach(laptop, ['delete', gone.id.slice(0, 8), '--yes']));
    const out = path.join(laptop.dir, 'export.json');
    ok(attach(laptop, ['export', '-o', out]));
    expect(readFileSync(out, 'utf8')).not.toContain('private words');
    expect(read(out).deleted).toEqual([{ id: gone.id, deletedAt: expect.any(String) }]);
    const r = ok(attach(phone, ['merge', out]));
    expect(r.stderr).toContain('1 deleted');
    expect(read(phone.journal).entries.map((e) => e.id)).toEqual([kept.id]);
  });
});
