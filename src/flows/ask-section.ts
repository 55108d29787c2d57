import type { Catalogues, Item, Question, Questions, Section } from '../catalogue/catalogue.js';
import type { TriggerEntry } from '../journal/types.js';
import { dedupe } from '../parse/values.js';
import type { Asker, Choice } from '../ui/prompts.js';

/** A logged moment offered as what a pause or reflection is about, with the words that recall it. */
export interface LinkOffer {
  entry: TriggerEntry;
  summary: string;
}

/** The link: as the flags gave it, else the offered moment if the person says it is the one. */
export async function askLink(ask: Asker, given: string | null | undefined, offer: LinkOffer | null): Promise<string | null> {
  if (given !== undefined) return given;
  return offer && (await ask.confirm({ message: `Is this about ${offer.summary}?`, default: true })) ? offer.entry.id : null;
}

const OTHER = '__other';
const SKIP = '__skip';

/**
 * Asks the questions of one section of prompts/questions.json, in order,
 * skipping every field `known` already holds (the flags), and returns the
 * answers merged with `known`. Optional questions are skipped with Enter;
 * lists end with "Something else" for the person's own words, kept as typed.
 * `defaults` moves a question's starting point (the cursor of a scale or a
 * list, the boxes already ticked in a multi-select).
 */
export async function askSection(
  ask: Asker,
  section: Section,
  questions: Questions,
  catalogues: Catalogues,
  known: Record<string, unknown>,
  defaults: Record<string, string | string[]> = {},
): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = { ...known };
  for (const question of section.questions) {
    if (answers[question.field] !== undefined) continue;
    answers[question.field] = await askOne(ask, question, questions, catalogues, defaults[question.field]);
  }
  return answers;
}

async function askOne(
  ask: Asker,
  q: Question,
  questions: Questions,
  catalogues: Catalogues,
  initial: string | string[] | undefined,
): Promise<unknown> {
  switch (q.kind) {
    case 'text': {
      // A current answer (when editing) sits in the line, ready to change.
      const current = typeof initial === 'string' && initial ? { default: initial, editable: true } : {};
      const answer = await ask.text({ message: q.message, ...(q.required ? { required: q.required } : {}), ...current });
      return answer || null;
    }
    case 'scale': {
      const choices = questions.scale.map(({ value, label }) => ({ value: String(value), name: `${String(value).padStart(2)}  ${label}` }));
      return Number(await ask.one({ message: q.message, choices, default: typeof initial === 'string' ? initial : '5' }));
    }
    case 'one':
    case 'many': {
      const items: Item[] = q.catalogue ? catalogues[q.catalogue] : (q.choices ?? []);
      const choices: Choice[] = items.map((item) => ({ value: item.id, name: item.label }));
      // Own words already given (when editing) are offered too, so they are not lost.
      for (const value of [initial ?? []].flat()) {
        if (!choices.some((choice) => choice.value.toLowerCase() === value.toLowerCase())) choices.push({ value, name: value });
      }
      if (q.other !== false) choices.push({ value: OTHER, name: questions.other.choice });
      if (q.kind === 'one') {
        choices.push({ value: SKIP, name: questions.skip });
        const picked = await ask.one({ message: q.message, choices, ...(typeof initial === 'string' ? { default: initial } : {}) });
        if (picked === SKIP) return null;
        if (picked !== OTHER) return picked;
        return (await ask.text({ message: questions.other.message })) || null;
      }
      const picked = await ask.many({ message: q.message, choices, checked: Array.isArray(initial) ? initial : [] });
      const own = picked.includes(OTHER) ? (await ask.text({ message: questions.other.message })).split(',') : [];
      return dedupe([...picked.filter((value) => value !== OTHER), ...own]);
    }
  }
}
