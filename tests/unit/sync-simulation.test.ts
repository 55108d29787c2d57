import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeJournals } from '../../src/journal/merge-journals.js';
import { deleteEntry, restoreEntry, undoable } from '../../src/journal/tombstones.js';
import type { Entry, Journal } from '../../src/journal/types.js';
import { sameValue, stampOf } from '../../src/journal/versions.js';
import { toOffsetIso } from '../../src/time/calendar.js';
import { empty, moment } from '../helpers/sync-journals.js';

/*
 * Two and three devices, each with its own copy of the journal, that add,
 * edit, delete, undo and purge entries and sync pairs of copies in random
 * orders (a sync: both sides take the merge, as Syncthing plus `attach
 * merge` does), on one clock that moves a second per step. After a last
 * round of syncs every copy must be the same, with every entry that was not
 * deleted in its latest version, nothing deleted back, and every version a
 * sync ever saw kept as the entry or in the trash.
 */

type Op =
  | { kind: 'add'; device: number }
  | { kind: 'edit' | 'delete' | 'purge'; device: number; pick: number }
  | { kind: 'undo'; device: number }
  | { kind: 'sync'; device: number; other: number };

const opArb = (devices: number): fc.Arbitrary<Op> => {
  const device = fc.integer({ min: 0, max: devices - 1 });
  const pick = fc.nat(20);
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('add' as const), device }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit' as const), device, pick }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), device, pick }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('purge' as const), device, pick }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), device }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), device, other: device }) },
  );
};

/** What happened, as an observer outside every device saw it. */
interface World {
  copies: Journal[];
  clock: number;
  added: Set<string>;
  lastDelete: Map<string, number>;
  lastUndo: Map<string, number>;
  purged: Set<string>;
  made: Map<string, Entry[]>;
}

function tick(world: World): Date {
  world.clock += 1000;
  return new Date(world.clock);
}

/** Whether `version` is still somewhere in `journal`: the entry, or kept in the trash. */
const keeps = (journal: Journal, version: Entry) =>
  journal.entries.some((entry) => sameValue(entry, version)) || (journal.trash ?? []).some((item) => sameValue(item.entry, version));

function sync(world: World, i: number, j: number): void {
  const now = tick(world);
  const merged = mergeJournals(world.copies[i]!, world.copies[j]!, now);
  // Not a word lost in a merge: every version either side had is still there, unless purged.
  for (const version of [...world.copies[i]!.entries, ...world.copies[j]!.entries, ...(world.copies[i]!.trash ?? []).map((t) => t.entry)]) {
    if (!world.purged.has(version.id)) expect(keeps(merged, version), `a version of ${version.id} was lost in a merge`).toBe(true);
  }
  world.copies[i] = merged;
  world.copies[j] = structuredClone(merged);
}

function apply(world: World, op: Op): void {
  const copy = world.copies[op.device]!;
  const now = tick(world);
  if (op.kind === 'add') {
    const id = `m${world.added.size + 1}`;
    const entry = moment(id, { what: `new on device ${op.device}`, at: toOffsetIso(now), recordedAt: toOffsetIso(now) });
    world.added.add(id);
    world.made.set(id, [entry]);
    copy.entries.push(entry);
  } else if (op.kind === 'undo') {
    const last = undoable(copy)[0];
    if (last && restoreEntry(copy, last.id, now)) world.lastUndo.set(last.id, now.getTime());
  } else if (op.kind === 'sync') {
    if (op.other !== op.device) sync(world, op.device, op.other);
    else sync(world, op.device, (op.device + 1) % world.copies.length);
  } else {
    if (copy.entries.length === 0) return;
    const index = op.pick % copy.entries.length;
    const entry = copy.entries[index]!;
    if (op.kind === 'edit') {
      const edited = { ...entry, what: `edited on device ${op.device} at ${now.getTime()}`, editedAt: toOffsetIso(now) };
      copy.entries[index] = edited;
      world.made.get(entry.id)!.push(edited);
      return;
    }
    deleteEntry(copy, entry.id, now, op.kind === 'purge');
    world.lastDelete.set(entry.id, now.getTime());
    if (op.kind === 'purge') world.purged.add(entry.id);
  }
}

function simulate(devices: number, ops: readonly Op[]): World {
  const world: World = {
    copies: Array.from({ length: devices }, empty),
    clock: Date.parse('2026-11-22T08:00:00Z'),
    added: new Set(),
    lastDelete: new Map(),
    lastUndo: new Map(),
    purged: new Set(),
    made: new Map(),
  };
  for (const op of ops) apply(world, op);
  // The last round: every copy into the first, then the first back into every other.
  for (let i = 1; i < devices; i++) sync(world, 0, i);
  for (let i = 1; i < devices; i++) sync(world, 0, i);
  return world;
}

function check(world: World): void {
  const [first, ...others] = world.copies;
  for (const other of others) expect(other).toEqual(first);
  const final = first!;
  const live = new Map(final.entries.map((entry) => [entry.id, entry]));
  for (const id of world.added) {
    const deleted = world.purged.has(id) || (world.lastDelete.get(id) ?? -1) > (world.lastUndo.get(id) ?? -1);
    // Nothing deleted came back, and nothing that was not deleted was lost.
    expect(live.has(id), `${id} should be ${deleted ? 'deleted' : 'in the journal'}`).toBe(!deleted);
    if (deleted) continue;
    // The latest edit made anywhere is the one kept.
    const latest = world.made.get(id)!.reduce((best, version) => (stampOf(version) > stampOf(best) ? version : best));
    expect(live.get(id)).toEqual(latest);
  }
  for (const id of world.purged) expect((final.trash ?? []).some((item) => item.entry.id === id)).toBe(false);
}

describe('devices that add, edit, delete and sync in random orders', () => {
  for (const devices of [2, 3]) {
    it(`${devices} devices end with the same journal, and no entry lost or brought back`, () => {
      fc.assert(
        fc.property(fc.array(opArb(devices), { minLength: 1, maxLength: 60 }), (ops) => check(simulate(devices, ops))),
        { numRuns: 300 },
      );
    });
  }

  it('a delete made on one device while another edits the entry wins, and the edit is kept in the trash', () => {
    const world = simulate(2, [
      { kind: 'add', device: 0 },
      { kind: 'sync', device: 0, other: 1 },
      { kind: 'delete', device: 0, pick: 0 },
      { kind: 'edit', device: 1, pick: 0 },
    ]);
    check(world);
    expect(world.copies[0]!.entries).toEqual([]);
    expect(world.copies[0]!.trash!.some((item) => String(item.entry.what).startsWith('edited on device 1'))).toBe(true);
  });

  it('an undo holds when the copies meet again, though the other copy still has the tombstone', () => {
    const world = simulate(2, [
      { kind: 'add', device: 0 },
      { kind: 'sync', device: 0, other: 1 },
      { kind: 'delete', device: 0, pick: 0 },
      { kind: 'sync', device: 0, other: 1 },
      { kind: 'undo', device: 1 },
      { kind: 'add', device: 0 },
    ]);
    check(world);
    expect(world.copies[0]!.entries.map((entry) => entry.id).sort()).toEqual(['m1', 'm2']);
  });

  it('a delete made after an undo wins again', () => {
    const world = simulate(2, [
      { kind: 'add', device: 0 },
      { kind: 'delete', device: 0, pick: 0 },
      { kind: 'sync', device: 0, other: 1 },
      { kind: 'undo', device: 1 },
      { kind: 'sync', device: 0, other: 1 },
      { kind: 'delete', device: 0, pick: 0 },
    ]);
    check(world);
    expect(world.copies[1]!.entries).toEqual([]);
    expect(world.copies[1]!.deleted).toMatchObject([{ id: 'm1', restoredAt: expect.any(String) }]);
  });
});
