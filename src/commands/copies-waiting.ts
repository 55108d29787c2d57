import type { Context } from '../context.js';
import { countConflictCopies } from '../journal/conflict-copies.js';
import { copiesWaitingLine } from '../render/merge.js';
import { say } from '../ui/stream.js';

/**
 * One line on stderr while copies a sync tool made wait beside the journal
 * (`list` and `report` say it; `log` never interrupts a raw moment with it).
 * Finding them never stops the command.
 */
export async function sayCopiesWaiting(ctx: Context): Promise<void> {
  const count = await countConflictCopies(ctx.file).catch(() => 0);
  if (count > 0) say(ctx.stderr, ctx.style.dim(copiesWaitingLine(count)));
}
