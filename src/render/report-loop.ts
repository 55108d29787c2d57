import type { Labeller, ReportData } from '../analysis/report.js';
import { glimmerWords, heldWords, lookedBackWords, plansWords, supportWords, waitingWords } from './report-loop-words.js';

/** What the report says about closing the loop, section by section (the same sentences in every format). */
export interface LoopSections {
  lookingBack: string[];
  glimmers: string[];
  support: string[];
  /** The one line at the end, when moments or reflections have no follow-up yet. */
  waiting: string | null;
}

export function loopSections(r: ReportData, label: Labeller): LoopSections {
  const span = r.period.days === 7 ? 'this week' : 'in these days';
  return {
    lookingBack: [
      ...lookedBackWords(r.followUps),
      ...heldWords(r.pauses.count, r.pauses.acted, r.pauses.drafts),
      ...plansWords(r.plans, span),
    ],
    glimmers: glimmerWords(r.glimmers, label),
    support: supportWords(r, label),
    waiting: waitingWords(r.followUps.waiting, span),
  };
}
