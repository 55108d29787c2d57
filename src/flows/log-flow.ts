import type { Catalogues } from '../catalogue/catalogue.js';
import type { Questions } from '../catalogue/questions.js';
import type { TriggerDraft } from '../journal/entries.js';
import type { Asker } from '../ui/prompts.js';
import { askSection } from './ask-section.js';

/** The questions of `attach log`, asking only what the flags did not say. */
export async function runLogFlow(
  ask: Asker,
  known: Partial<TriggerDraft>,
  questions: Questions,
  catalogues: Catalogues,
  /** Told each answer as it is given (how strong it was, should the person stop before the end). */
  onAnswer?: (field: string, value: unknown) => void,
): Promise<TriggerDraft> {
  return (await askSection(ask, questions.log, questions, catalogues, known, { onAnswer })) as unknown as TriggerDraft;
}
