import type { Context } from '../context.js';
import { AttachError, JournalError, UsageError } from '../errors.js';
import { resolveTarget } from '../journal/atomic-file.js';
import { Keyring } from '../journal/crypto.js';
import { fileSystemReason, isFileSystemError } from '../journal/fs-errors.js';
import { checkHealth } from '../journal/health.js';
import { previewRepair, type RepairOutcome, type RepairPlan, repairJournal } from '../journal/repair.js';
import { describeHealth, heldCommand, type Problem, renderFindings } from '../render/doctor.js';
import { nothingToRepairLine, repairedLines, repairPreviewLines } from '../render/repair.js';
import { line, say, widthOf, writeJson } from '../ui/stream.js';

/*
 * `attach doctor`: where every file is and whether it is healthy, as data on
 * stdout (text or --json). Exit 0 when the journal and settings can be used,
 * warnings included; exit 3 when one of them can't, with the next step.
 * `attach doctor --repair` rebuilds a journal that no longer opens.
 */

export interface DoctorOptions {
  repair?: boolean;
  yes?: boolean;
  json?: boolean;
}

export async function run(options: DoctorOptions, ctx: Context): Promise<void> {
  if (options.repair) return repair(options, ctx);
  const health = await checkHealth({ file: ctx.file, env: ctx.env, now: ctx.now(), settings: ctx.settings });
  const findings = describeHealth(health);
  if (options.json) writeJson(ctx.stdout, findings);
  else for (const text of renderFindings(findings, widthOf(ctx.stdout))) line(ctx.stdout, text);
  const [first, ...more] = findings.problems;
  if (first) {
    const next = (problem: Problem) => heldCommand(problem.next);
    throw new JournalError(first.message, [next(first), ...more.flatMap((problem) => [problem.message, next(problem)])]);
  }
}

async function repair(options: DoctorOptions, ctx: Context): Promise<void> {
  const target = await resolveTarget(ctx.file).catch(() => ctx.file);
  // Asked only if an encrypted journal or backup is met.
  const keyring = new Keyring(ctx.passphrase);
  let plan: RepairPlan;
  try {
    plan = await previewRepair(target, keyring);
  } catch (error) {
    if (error instanceof AttachError) throw error;
    throw new JournalError(`Your journal at ${target} can't be read: ${fileSystemReason(error)}. Nothing was changed.`, [
      'Run attach doctor to see what is wrong.',
    ]);
  }

  let outcome: RepairOutcome;
  if (plan.state !== 'broken') outcome = plan;
  else {
    for (const text of repairPreviewLines(target, plan)) say(ctx.stderr, text);
    if (!(await agreed(options, ctx))) {
      say(ctx.stderr, 'Nothing was changed. Whenever you are ready: attach doctor --repair');
      if (options.json) writeJson(ctx.stdout, { state: 'declined', journal: target });
      return;
    }
    const onWait = () => say(ctx.stderr, ctx.style.dim('Waiting for another attach to finish with your journal…'));
    try {
      outcome = await repairJournal(target, ctx.now(), { onWait }, keyring);
    } catch (error) {
      if (error instanceof AttachError || !isFileSystemError(error)) throw error;
      // The rewrite is atomic: a failure leaves the damaged journal as it was.
      throw new JournalError(`Your journal at ${target} could not be repaired: ${fileSystemReason(error)}. It was left as it was.`, [
        'Check the space on the disk and who owns the folder, then run attach doctor --repair again.',
      ]);
    }
  }

  if (options.json) writeJson(ctx.stdout, { ...outcome, journal: target });
  if (outcome.state === 'newer') {
    throw new JournalError(`Your journal at ${target} can't be repaired here: ${outcome.problem}. It was not touched.`, [
      'Update attach to the newest version to open it.',
    ]);
  }
  if (outcome.state === 'repaired') for (const text of repairedLines(outcome)) say(ctx.stderr, text);
  else say(ctx.stderr, nothingToRepairLine(target, outcome));
  // --repair mends the journal only; settings that can't be used are still exit 3.
  const [problem, ...more] = (await ctx.settings()).problems;
  if (problem) throw new JournalError(problem, more);
}

/** --yes, or yes on the terminal (yes by default: nothing is lost either way, and --repair is already a choice). */
async function agreed(options: DoctorOptions, ctx: Context): Promise<boolean> {
  if (options.yes) return true;
  if (!ctx.interactive) {
    throw new UsageError(
      'attach doctor --repair rewrites your journal, so without a terminal to ask you it needs --yes: attach doctor --repair --yes. ' +
        'Nothing was changed.',
    );
  }
  return (await ctx.asker()).confirm({ message: 'Repair your journal now?', default: true });
}
