import type { Catalogues } from '../catalogue/catalogue.js';
import type { Questions } from '../catalogue/questions.js';
import type { PauseDraft } from '../journal/entries.js';
import type { Asker } from '../ui/prompts.js';
import { askLink, askSection, type LinkOffer } from './ask-section.js';

export interface Before {
  for: string | null;
  urge: string | null;
  before: number;
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
  const defaults = linkedUrge ? { defaults: { urge: linkedUrge } } : {};
  const answers = await askSection(ask, questions.pauseBefore, questions, catalogues, known, defaults);
  return { for: link, urge: (answers.urge as string | null) ?? null, before: answers.before as number };
}

/** What the timer left for the person to finish: a note being typed, the message held. */
export interface Unfinished {
  note?: string;
  message?: string;
}

/**
 * After the timer, on a terminal. `draft` is the pause as it will be saved
 * and is filled in answer by answer, so a Ctrl-C at any question keeps
 * everything said before it:
 * - a note being typed when the time ran out goes on, its words in the line;
 * - the message the urge wanted sent is shown, with a choice (attach never
 *   sends anything: "send it" shows it to copy);
 * - then how strong now (the first ↑↓ lands on "before"), whether it passed,
 *   whether the urge was acted on, what helped, who you turned to, what next.
 */
export async function askAfter(
  ask: Asker,
  draft: PauseDraft,
  left: Unfinished,
  show: (lines: string[]) => void,
  questions: Questions,
  catalogues: Catalogues,
): Promise<void> {
  if (left.note !== undefined) {
    const notes = [...(draft.notes ?? [])];
    draft.notes = [...notes, left.note.trim()];
    const finished = await ask.text({ message: 'Your note, to finish (Enter keeps it):', default: left.note });
    draft.notes = finished ? [...notes, finished] : notes;
  }
  if (draft.draft) await askAboutMessage(ask, draft, show, catalogues);
  const known = Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== null && value !== undefined));
  for (const field of ['activities', 'reachedOut'])
    if (Array.isArray(known[field]) && (known[field] as unknown[]).length === 0) delete known[field];
  // Into the draft answer by answer: askSection's own result would come only after the last question.
  const keep = (field: string, value: unknown) => Object.assign(draft, { [field]: value });
  await askSection(ask, questions.pauseAfter, questions, catalogues, known, { starts: { after: draft.before }, onAnswer: keep });
}

async function askAboutMessage(ask: Asker, draft: PauseDraft, show: (lines: string[]) => void, catalogues: Catalogues): Promise<void> {
  show(['', 'The message you held:', `  ${draft.draft}`]);
  const choices = catalogues.draftOutcome.map((item) => ({ value: item.id, name: item.label }));
  const outcome = await ask.one({ message: 'What would you like to do with it?', choices });
  draft.draftOutcome = outcome as PauseDraft['draftOutcome'];
  if (outcome === 'changed') {
    const changed = await ask.text({ message: 'Your message (change anything, Enter keeps it):', default: draft.draft ?? '' });
    if (changed) draft.draft = changed;
  }
  if (outcome === 'sent' || outcome === 'changed') {
    show(['attach never sends anything. Here it is, to copy when you are ready:', '', `  ${draft.draft}`, '']);
  }
}
