import { type FieldLabeller, fieldLabeller } from '../catalogue/catalogue.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { shortId } from '../journal/entries.js';
import { restoreEntry, TRASH_DAYS, type Undoable, undoable } from '../journal/tombstones.js';
import type { Journal } from '../journal/types.js';
import { timeOf } from '../journal/versions.js';
import { age } from '../render/amounts.js';
import { clean } from '../render/clean.js';
import { entryLine, typeWords } from '../render/entries.js';
import { command } from '../render/wrap.js';
import { line, say, widthOf } from '../ui/stream.js';

/*
 * `attach undo [id]`: brings back the most recent deletion, or the one
 * named, from the trash (src/journal/tombstones.ts). Without an id, on a
 * terminal, it shows what would come back and asks first; an id, or no
 * terminal, brings it back at once (it can be deleted again).
 */

export interface UndoOptions {
  list?: boolean;
}

const deletedAgo = (item: Undoable, now: Date) =>
  `deleted ${age(Math.max(0, Math.round((now.getTime() - timeOf(item.deletedAt)) / 1000)))} ago`;

/**
 * A deleted entry's row with how long ago it was deleted: beside it where the
 * width leaves a row room, under it (indented) where it does not. Piped
 * (`width` undefined), one whole row.
 */
function rowsWithAge(item: Undoable, now: Date, width: number | undefined, label: FieldLabeller): string[] {
  const when = `(${deletedAgo(item, now)})`;
  if (width === undefined) return [`${entryLine(item.entry, now, undefined, label)}  ${when}`];
  if (width - when.length - 2 >= 40) return [`${entryLine(item.entry, now, width - when.length - 2, label)}  ${when}`];
  return [entryLine(item.entry, now, width, label), `  ${when}`];
}

/** The deletion `prefix` names, or exit 2 saying why there is none. */
function pick(journal: Journal, items: readonly Undoable[], prefix: string, now: Date, label: FieldLabeller): Undoable {
  const wanted = prefix.trim().toLowerCase();
  const matches = items.filter((item) => item.id.toLowerCase().startsWith(wanted));
  if (matches.length === 1 || matches[0]?.id.toLowerCase() === wanted) return matches[0]!;
  const name = clean(prefix);
  if (matches.length > 1) {
    throw new UsageError(
      `"${name}" matches ${matches.length} deleted entries; add a few more characters of the one you mean:`,
      matches.map((item) => `  ${entryLine(item.entry, now, undefined, label)}`),
    );
  }
  if (journal.entries.some((entry) => entry.id.toLowerCase().startsWith(wanted)))
    throw new UsageError(`"${name}" is in your journal, not deleted; there is nothing to bring back.`);
  if ((journal.deleted ?? []).some((tombstone) => tombstone.id.toLowerCase().startsWith(wanted)))
    throw new UsageError(`"${name}" was deleted for good, or more than ${TRASH_DAYS} days ago, so its words are no longer kept.`);
  throw new UsageError(`Nothing deleted has an id starting with "${name}"; ${command('attach undo --list')} shows what can come back.`);
}

/** Why nothing can come back: nothing was deleted, or what was is back already (it said "nothing was deleted" then too). */
function nothingToBringBack(journal: Journal): string {
  const broughtBack = (journal.deleted ?? []).some((tombstone) => tombstone.restoredAt !== undefined && !tombstone.purged);
  return broughtBack
    ? 'There is nothing left to bring back; what undo brought back is in your journal.'
    : `Nothing was deleted in the last ${TRASH_DAYS} days, so there is nothing to bring back.`;
}

export async function run(id: string | undefined, options: UndoOptions, ctx: Context): Promise<void> {
  const store = ctx.journal();
  const now = ctx.now();
  const journal = await store.read();
  const items = undoable(journal);
  const label = fieldLabeller();
  if (options.list) {
    if (items.length === 0) say(ctx.stderr, nothingToBringBack(journal));
    const width = ctx.stdout.isTTY ? widthOf(ctx.stdout) : undefined;
    for (const item of items) for (const text of rowsWithAge(item, now, width, label)) line(ctx.stdout, text);
    return;
  }
  if (items.length === 0 && id === undefined) {
    say(ctx.stderr, nothingToBringBack(journal));
    return;
  }
  const chosen = id === undefined ? items[0]! : pick(journal, items, id, now, label);
  const asked = id === undefined && ctx.interactive;
  if (asked) {
    for (const text of rowsWithAge(chosen, now, widthOf(ctx.stderr), label)) line(ctx.stderr, text);
    if (!(await (await ctx.asker()).confirm({ message: 'Bring this entry back?', default: true }))) {
      const others = items.length > 1 ? ` ${command('attach undo --list')} shows the other ${items.length - 1}.` : '';
      say(ctx.stderr, `Left it in the trash; nothing changed.${others}`);
      return;
    }
  }
  const { restored, linked } = await store.update((current) => {
    // Under the lock, on the journal as it is now: another attach may have brought it back a moment ago.
    const entry = restoreEntry(current, chosen.id, ctx.now());
    if (!entry) throw new UsageError(`${shortId(chosen.id)} is no longer in the trash (brought back already?); nothing changed.`);
    return { restored: entry, linked: current.entries.filter((other) => other.for === chosen.id) };
  });
  say(ctx.stderr, asked ? 'Brought it back.' : `Brought back: ${entryLine(restored, now, undefined, label)}`);
  if (linked.length > 0) {
    const names = linked.map((entry) => `${typeWords(entry.type)} ${shortId(clean(entry.id))}`).join(', ');
    say(ctx.stderr, `${linked.length === 1 ? 'Its link from' : 'Its links from'} ${names} ${linked.length === 1 ? 'is' : 'are'} back too.`);
  }
}
