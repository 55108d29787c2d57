import { plural } from './amounts.js';
import { clean } from './clean.js';
import { command } from './wrap.js';

/*
 * What `attach merge` says it did, and the one line `list` and `report`
 * say while copies made by a sync tool are waiting. Pure: counts and paths
 * in, lines out.
 */

/** "2 copies made by a sync tool are waiting: attach merge" */
export function copiesWaitingLine(count: number): string {
  const copies = count === 1 ? '1 copy' : `${count} copies`;
  return `${copies} made by a sync tool ${count === 1 ? 'is' : 'are'} waiting: ${command('attach merge')}`;
}

export interface MergeCounts {
  added: number;
  changed: number;
  deleted: number;
  trashed: number;
}

export interface MergeSummary {
  /** What was merged, in words: "2 copies made by a sync tool", "laptop.json". */
  what: string;
  counts: MergeCounts;
  /** Whether the journal holds anything new at all (a new tombstone counts). */
  changed: boolean;
  dryRun: boolean;
  /** Where the merged copies are kept, when any were moved. */
  keptIn?: string;
  moved: number;
  /** Copies left where they are, each with why. */
  left: { file: string; reason: string }[];
}

/** "3 entries added, 1 changed to its newer edit and 1 version kept in the trash for 7 days" (or as it would be). */
function parts(counts: MergeCounts, dryRun: boolean): string {
  const words: string[] = [];
  if (counts.added)
    words.push(dryRun ? `add ${plural(counts.added, 'entry', 'entries')}` : `${plural(counts.added, 'entry', 'entries')} added`);
  if (counts.changed) {
    const edit = counts.changed === 1 ? 'its newer edit' : 'their newer edits';
    words.push(dryRun ? `change ${counts.changed} to ${edit}` : `${counts.changed} changed to ${edit}`);
  }
  if (counts.deleted) words.push(dryRun ? `delete ${counts.deleted}` : `${counts.deleted} deleted`);
  if (counts.trashed) {
    const versions = plural(counts.trashed, 'version');
    words.push(dryRun ? `keep ${versions} in the trash for 7 days` : `${versions} kept in the trash for 7 days`);
  }
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

export function mergeLines(summary: MergeSummary): string[] {
  const lines: string[] = [];
  const { counts, what } = summary;
  const described = parts(counts, summary.dryRun);
  if (summary.dryRun) {
    if (!summary.changed) lines.push(`Merging ${what} would change nothing: your journal already holds everything in it.`);
    else lines.push(`Merging ${what} would ${described || 'change no entry, only bring in what it knows of deleted ones'}.`);
  } else if (!summary.changed) {
    lines.push(`Your journal already held everything in ${what}; nothing changed.`);
  } else {
    lines.push(`Merged ${what} into your journal: ${described || 'no entry changed, only what it knew of deleted ones came in'}.`);
  }
  if (summary.moved > 0 && summary.keptIn) {
    const [they, them] = summary.moved === 1 ? ['It is', 'it'] : ['They are', 'them'];
    lines.push(`${they} kept in ${clean(summary.keptIn)} (readable only by you); attach never deletes ${them}.`);
  }
  for (const { file, reason } of summary.left) lines.push(`Left where it is: ${clean(file)}: ${clean(reason)}.`);
  if (summary.dryRun) lines.push('This was a dry run: nothing was written or moved. Run it again without --dry-run to merge.');
  return lines;
}
