import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJournal, serializeJournal } from '../../src/journal/format.js';
import type { Entry, Journal } from '../../src/journal/types.js';
import { toOffsetIso } from '../../src/time/calendar.js';
import { attach, type Sandbox, sandboxes } from '../helpers/cli.js';

/** attach delete, delete --purge, undo and the trash, run as the built CLI without a terminal. */

const newBox = sandboxes();
const journalOf = (box: Sandbox): Journal => parseJournal(readFileSync(box.journal, 'utf8'), box.journal);
function logged(box: Sandbox, what: string): Entry {
  const r = attach(box, ['log', what, '-i', '4', '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Entry;
}
const short = (entry: Entry) => entry.id.slice(0, 8);

describe('delete and undo', () => {
  it('delete leaves a tombstone and the entry in the trash; undo brings it back, and the link with it', () => {
    const box = newBox();
    const moment = logged(box, 'no reply all evening');
    const pause = attach(box, ['pause', '--at', '1 minute ago', '--for', short(moment), '--before', '6', '-m', '1', '--json']);
    expect(pause.code, pause.stderr).toBe(0);
    const pauseId = (JSON.parse(pause.stdout) as Entry).id;

    const deleted = attach(box, ['delete', short(moment), '--yes']);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(deleted.stderr).toContain(`Deleted ${short(moment)}. You can bring it back with attach undo for 7 days.`);
    expect(deleted.stderr).toContain(
      `One entry linked to it stays: pause ${pauseId.slice(0, 8)}; its link comes back if you bring it back.`,
    );
    const after = journalOf(box);
    expect(after.version).toBe(1);
    expect(after.entries.map((e) => e.id)).toEqual([pauseId]);
    expect(after.entries[0]!.for).toBe(moment.id);
    expect(after.deleted).toEqual([{ id: moment.id, deletedAt: expect.any(String) }]);
    expect(after.trash).toEqual([{ trashedAt: after.deleted![0]!.deletedAt, entry: moment }]);
    // While it is deleted, the pause shows no link.
    expect(attach(box, ['show', pauseId.slice(0, 8)]).stdout).not.toContain('about');

    const listed = attach(box, ['undo', '--list']);
    expect(listed.stdout).toMatch(new RegExp(`^${short(moment)} .*no reply all evening  \\(deleted \\d+ seconds? ago\\)\\n$`));
    const undone = attach(box, ['undo']);
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stderr).toContain(`Brought back: ${short(moment)}`);
    expect(undone.stderr).toContain(`Its link from pause ${pauseId.slice(0, 8)} is back too.`);
    const restored = journalOf(box);
    expect(restored.entries.map((e) => e.id)).toEqual([moment.id, pauseId]);
    expect(restored.entries[0]).toEqual(moment);
    expect(restored.deleted![0]!.restoredAt).toEqual(expect.any(String));

    const nothing = attach(box, ['undo']);
    expect(nothing.code).toBe(0);
    // Something was deleted, and is back: not "nothing was deleted".
    expect(nothing.stderr).toBe('There is nothing left to bring back; what undo brought back is in your journal.\n');
    expect(attach(box, ['undo', '--list']).stderr).toBe(nothing.stderr);
  });

  it('undo <id> brings back that deletion; a wrong id is exit 2 and says why', () => {
    const box = newBox();
    const first = logged(box, 'first');
    const second = logged(box, 'second');
    const kept = logged(box, 'kept');
    for (const entry of [first, second]) expect(attach(box, ['delete', short(entry), '--yes']).code).toBe(0);
    const before = readFileSync(box.journal);
    const cases: [string, RegExp][] = [
      ['ffffffff', /Nothing deleted has an id starting with "ffffffff"; attach undo --list shows what can come back\./],
      [short(kept), new RegExp(`"${short(kept)}" is in your journal, not deleted; there is nothing to bring back\\.`)],
    ];
    for (const [id, message] of cases) {
      const r = attach(box, ['undo', id]);
      expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(message)]);
    }
    expect(readFileSync(box.journal).equals(before)).toBe(true);
    expect(attach(box, ['undo', short(first)]).code).toBe(0);
    expect(journalOf(box).entries.map((e) => e.what)).toEqual(['first', 'kept']);
  });

  it('delete --purge removes the words at once and leaves only the tombstone; also of an entry already in the trash', () => {
    const box = newBox();
    const gone = logged(box, 'words to remove now');
    const later = logged(box, 'words to remove later');
    const purged = attach(box, ['delete', short(gone), '--purge', '--yes']);
    expect(purged.code, purged.stderr).toBe(0);
    expect(purged.stderr).toContain(`Deleted ${short(gone)} for good: only its id stays in your journal`);
    expect(readFileSync(box.journal, 'utf8')).not.toContain('words to remove now');
    expect(journalOf(box).deleted).toEqual([{ id: gone.id, deletedAt: expect.any(String), purged: true }]);
    const undo = attach(box, ['undo', short(gone)]);
    expect([undo.code, undo.stderr]).toEqual([2, expect.stringContaining('was deleted for good, or more than 7 days ago')]);

    expect(attach(box, ['delete', short(later), '--yes']).code).toBe(0);
    expect(readFileSync(box.journal, 'utf8')).toContain('words to remove later');
    const again = attach(box, ['delete', short(later), '--purge', '--yes']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain(`Removed the words of ${short(later)} for good`);
    expect(readFileSync(box.journal, 'utf8')).not.toContain('words to remove');
  });

  it('the trash lets go of what was deleted more than 7 days ago at the next write, and the tombstone stays', () => {
    const box = newBox();
    const old = logged(box, 'deleted long ago');
    const recent = logged(box, 'deleted yesterday');
    const days = (n: number) => toOffsetIso(new Date(Date.now() - n * 86_400_000));
    const journal = journalOf(box);
    writeFileSync(
      box.journal,
      serializeJournal({
        version: 1,
        entries: [],
        deleted: [
          { id: old.id, deletedAt: days(8) },
          { id: recent.id, deletedAt: days(1) },
        ],
        trash: journal.entries.map((entry, i) => ({ trashedAt: days(i === 0 ? 8 : 1), entry })),
      }),
    );
    chmodSync(box.journal, 0o600);
    expect(attach(box, ['undo', '--list']).stdout).toContain('deleted long ago');
    expect(attach(box, ['log', 'a new moment', '-i', '2']).code).toBe(0);
    const after = journalOf(box);
    expect(after.trash!.map((item) => item.entry.what)).toEqual(['deleted yesterday']);
    expect(after.deleted!.map((t) => t.id)).toEqual([old.id, recent.id]);
    expect(statSync(box.journal).mode & 0o777).toBe(0o600);
  });

  it('import brings back nothing deleted here, and says so', () => {
    const box = newBox();
    const entry = logged(box, 'deleted, then offered again');
    const exported = `${box.dir}/export.json`;
    expect(attach(box, ['export', '-o', exported]).code).toBe(0);
    expect(attach(box, ['delete', short(entry), '--yes']).code).toBe(0);
    for (const args of [
      ['import', exported],
      ['import', exported, '--prefer', 'theirs'],
    ]) {
      const r = attach(box, args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('1 entry in the file was deleted here, and stays deleted.');
      expect(journalOf(box).entries).toEqual([]);
    }
  });
});
