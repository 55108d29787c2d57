import type { Catalogues } from '../catalogue/catalogue.js';
import type { Questions } from '../catalogue/questions.js';
import type { Asker } from '../ui/prompts.js';
import { askLink, askSection, type LinkOffer } from './ask-section.js';

export interface Before {
  for: string | null;
  urge: string | null;
  before: number;
}

export interface After {
  after: number | null;
  passed: boolean | null;
  activities: string[];
  next: string | null;
}

/**
 * Before the timer: offers to link the trigger just logged (so its urge
 * needs no retelling), then asks the urge and how strong it is, skipping
 * what the flags gave.
 */
export async function askBefore(
  ask: Asker,
  known: { for?: string | null; urge?: string; before?: number },
  offer: LinkOffer | null,
  questions: Questions,
  catalogues: Catalogues,
): Promise<Before> {
  const link = await askLink(ask, known.for, offer);
  const linkedUrge = link && offer?.entry.id === link ? offer.entry.urges[0] : undefined;
  const answers = await askSection(
    ask,
    questions.pauseBefore,
    questions,
    catalogues,
    known,
    linkedUrge ? { defaults: { urge: linkedUrge } } : {},
  );
  return { for: link, urge: (answers.urge as string | null) ?? null, before: answers.before as number };
}

/** After the timer: how strong now (the cursor starts at the "before" value), whether it passed, what helped, what next. */
export async function askAfter(
  ask: Asker,
  known: { after?: number; passed?: boolean },
  before: number,
  questions: Questions,
  catalogues: Catalogues,
): Promise<After> {
  const answers = await askSection(ask, questions.pauseAfter, questions, catalogues, { ...known }, { starts: { after: before } });
  return {
    after: (answers.after as number | null) ?? null,
    passed: (answers.passed as boolean | null | undefined) ?? null,
    activities: (answers.activities as string[] | undefined) ?? [],
    next: (answers.next as string | null) ?? null,
  };
}
