import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { resolveTarget } from '../journal/atomic-file.js';
import { findConflictCopies, isConflictCopyOf, keepMergedCopy, mergedDir } from '../journal/conflict-copies.js';
import type { MergeChange } from '../journal/merge-change.js';
import { mergeJournals, mergeWithChange } from '../journal/merge-journals.js';
import { currentVersion, type OpenedCopy, openCopy } from '../journal/open-copy.js';
import { emptyJournal, type Journal } from '../journal/types.js';
import { plural } from '../render/amounts.js';
import { clean } from '../render/clean.js';
import { mergeLines } from '../render/merge.js';
import { say } from '../ui/stream.js';

/*
 * `attach merge [file...]`: the copies a sync tool left beside the journal
 * (or the files given) merged into it under the lock (src/journal/merge-journals.ts),
 * then the copies found beside it moved into `merged/`, kept. A given file
 * elsewhere is only read. A given file that can't be merged is exit 2 and
 * nothing is written; a copy found that can't be is left where it is, named.
 */

export interface MergeOptions {
  dryRun?: boolean;
}

type Opened = Extract<OpenedCopy, { ok: true }>;
type Left = { file: string; reason: string };

/** The copies merged together first, then into the journal: the same journal (a merge is associative), counted once. */
function mergeAll(journal: Journal, copies: readonly Opened[], now: Date) {
  const [first, ...more] = copies.map((copy) => copy.journal);
  return mergeWithChange(
    journal,
    more.reduce((merged, copy) => mergeJournals(merged, copy, now), first ?? emptyJournal()),
    now,
  );
}

/** Puts the merged journal's contents into the one read under the lock (the store writes that object). */
function replaceContents(journal: Journal, merged: Journal): void {
  for (const key of Object.keys(journal)) if (!Object.hasOwn(merged, key)) delete journal[key];
  Object.assign(journal, merged);
}

async function openAll(
  files: readonly string[],
  named: boolean,
  ctx: Context,
  ask: (file: string) => Promise<string>,
  plainJournal: boolean,
) {
  const opened: Opened[] = [];
  const left: Left[] = [];
  for (const file of files) {
    const copy = await openCopy(file, ctx.passphrase ? ask : undefined, plainJournal);
    if (copy.ok) opened.push(copy);
    // A copy found a moment ago and gone now was merged by another attach meanwhile.
    else if (named || existsSync(file)) left.push({ file, reason: copy.reason });
  }
  return { opened, left };
}

export async function run(files: string[], options: MergeOptions, ctx: Context): Promise<void> {
  const store = ctx.journal();
  const target = await resolveTarget(ctx.file).catch(() => ctx.file);
  const named = files.length > 0;
  const candidates = named ? files.map((file) => path.resolve(file)) : (await findConflictCopies(target)).map((copy) => copy.file);
  if (candidates.length === 0) {
    say(ctx.stderr, 'No copies made by a sync tool are waiting beside your journal; there is nothing to merge.');
    return;
  }
  for (const [i, file] of candidates.entries()) {
    if ((await resolveTarget(file).catch(() => file)) === target)
      throw new UsageError(`${clean(files[i]!)} is your journal itself; give the other copy to merge into it.`);
  }

  const now = ctx.now();
  let opened: Opened[] = [];
  let left: Left[] = [];
  /** Opens the copies once the journal is read (so its passphrase, asked once, opens them too) and merges them in. */
  const mergeInto = async (journal: Journal) => {
    ({ opened, left } = await openAll(candidates, named, ctx, (file) => store.keyring.passphrase(file), store.keyring.sealer === null));
    if (named && left.length > 0) {
      const [first, ...more] = left.map(({ file, reason }) => `${clean(file)} can't be merged: ${clean(reason)}.`);
      throw new UsageError(`${first} Nothing was written.`, more);
    }
    if (opened.length === 0) return { merged: journal, change: { added: [], changed: [], deleted: 0, trashed: 0, any: false } };
    const { journal: merged, change } = mergeAll(journal, opened, now);
    return { merged, change };
  };

  let moved = 0;
  let change: MergeChange;
  if (options.dryRun) change = (await mergeInto(await store.read())).change;
  else {
    const keep = async () => {
      for (const copy of opened.filter((found) => isConflictCopyOf(target, found.file))) {
        // A copy the sync tool rewrote meanwhile holds what was not merged: it stays for the next merge.
        if ((await currentVersion(copy.file)) !== copy.version) {
          left.push({ file: copy.file, reason: 'it changed while it was being merged; run attach merge again' });
          continue;
        }
        await keepMergedCopy(copy.file, target, store.keyring.sealer);
        moved++;
      }
    };
    // Under the lock, on the journal as it is now; nothing changed is nothing written, so the sync tool has nothing new to send.
    change = (
      await store.update(
        async (current) => {
          const found = await mergeInto(current);
          if (found.change.any) replaceContents(current, found.merged);
          return found;
        },
        { afterWrite: keep, unchanged: (found) => !found.change.any },
      )
    ).change;
  }
  if (opened.length === 0) {
    for (const { file, reason } of left) say(ctx.stderr, `Left where it is: ${clean(file)}: ${clean(reason)}.`);
    return;
  }
  const what = named
    ? opened.length === 1
      ? clean(files[0]!)
      : plural(opened.length, 'file')
    : plural(opened.length, 'copy made by a sync tool', 'copies made by a sync tool');
  const counts = { added: change.added.length, changed: change.changed.length, deleted: change.deleted, trashed: change.trashed };
  const summary = { what, counts, changed: change.any, dryRun: Boolean(options.dryRun), moved, left, keptIn: mergedDir(target) };
  for (const text of mergeLines(summary)) say(ctx.stderr, text);
}
