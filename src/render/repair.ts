import type { RepairOutcome, RepairPlan } from '../journal/repair.js';
import { plural } from './amounts.js';

/* What `attach doctor --repair` says before it repairs (what it would do) and after (where each entry came from). */

/** Before the question: what is wrong, what can be read back, and what a repair would write. */
export function repairPreviewLines(target: string, plan: Extract<RepairPlan, { state: 'broken' }>): string[] {
  const { recovered } = plan.recovery;
  const { backup, fromBackup } = plan;
  const readable = `${plural(recovered, 'entry', 'entries')} can still be read from it`;
  const more = backup
    ? fromBackup > 0
      ? `, and your backup of ${backup.date} holds ${fromBackup} more`
      : `; your backup of ${backup.date} holds nothing more`
    : '; there is no backup that opens to add more from';
  const total = recovered + fromBackup;
  const rebuilt =
    total === 0
      ? 'starts your journal again, empty'
      : `writes your journal again with ${total === 1 ? 'that entry' : `those ${total} entries`}`;
  return [
    `Your journal at ${target} does not open: ${plan.problem}.`,
    `${readable}${more}.`,
    `A repair keeps the damaged file as it is, beside it, and ${rebuilt}.`,
  ];
}

/** After a repair: where each entry came from, where the damaged file is kept, and how the journal is now. */
export function repairedLines(outcome: Extract<RepairOutcome, { state: 'repaired' }>): string[] {
  const { recovered, fromBackup, backup, skipped, brokenCopy, entries } = outcome;
  const fromFile = `Recovered ${plural(recovered, 'entry', 'entries')} from the damaged file`;
  const more = backup
    ? fromBackup > 0
      ? ` and ${fromBackup} more from the backup of ${backup.date}`
      : `; the backup of ${backup.date} had nothing more`
    : '; there was no backup that opens to add more from';
  const lines = [`${fromFile}${more}.`];
  if (skipped > 0) {
    lines.push(`${plural(skipped, 'damaged line')} could not be read; ${skipped === 1 ? 'it is' : 'they are'} still in the kept copy.`);
  }
  lines.push(`The damaged file is kept at ${brokenCopy}; attach never removes it.`);
  lines.push(
    entries > 0
      ? `Your journal opens again, with ${plural(entries, 'entry', 'entries')}: attach list`
      : 'Your journal opens again, empty for now.',
  );
  return lines;
}

/** When there is nothing to repair. */
export function nothingToRepairLine(target: string, outcome: Extract<RepairOutcome, { state: 'missing' | 'healthy' }>): string {
  return outcome.state === 'missing'
    ? `There is no journal at ${target} yet, so there is nothing to repair. attach log starts one.`
    : `Your journal opens and passes every check (${plural(outcome.entries, 'entry', 'entries')}). There is nothing to repair.`;
}
