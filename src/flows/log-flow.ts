import type { TriggerDraft } from '../journal/entries.js';
import { dedupe } from '../parse/values.js';
import type { Asker, Choice } from '../ui/prompts.js';
import type { Catalogues, Question, QuestionSet } from './catalogue.js';

const OTHER = '__other';
const SKIP = '__skip';

/**
 * Asks, in the order of prompts/log.json, only what `known` (the flags) did
 * not already say, and returns the whole draft. Optional questions are
 * skipped with Enter; catalogue lists end with "Something else" for the
 * person's own words, stored as they typed them.
 */
export async function runLogFlow(ask: Asker, known: Partial<TriggerDraft>, set: QuestionSet, catalogues: Catalogues): Promise<TriggerDraft> {
  const draft: Record<string, unknown> = { ...known };
  for (const question of set.questions) {
    if (draft[question.field] !== undefined) continue;
    draft[question.field] = await askOne(ask, question, set, catalogues);
  }
  return draft as unknown as TriggerDraft;
}

async function askOne(ask: Asker, question: Question, set: QuestionSet, catalogues: Catalogues): Promise<unknown> {
  switch (question.kind) {
    case 'text': {
      const answer = await ask.text({ message: question.message, ...(question.required ? { required: question.required } : {}) });
      return answer || null;
    }
    case 'scale': {
      const choices = set.scale.map(({ value, label }) => ({ value: String(value), name: `${String(value).padStart(2)}  ${label}` }));
      return Number(await ask.one({ message: question.message, choices, default: '5' }));
    }
    case 'one': {
      const choices: Choice[] = [...toChoices(catalogues[question.catalogue]), { value: OTHER, name: set.other.choice }, { value: SKIP, name: set.skip }];
      const picked = await ask.one({ message: question.message, choices });
      if (picked === SKIP) return null;
      if (picked !== OTHER) return picked;
      return (await ask.text({ message: set.other.message })) || null;
    }
    case 'many': {
      const choices: Choice[] = [...toChoices(catalogues[question.catalogue]), { value: OTHER, name: set.other.choice }];
      const picked = await ask.many({ message: question.message, choices });
      const own = picked.includes(OTHER) ? (await ask.text({ message: set.other.message })).split(',') : [];
      return dedupe([...picked.filter((value) => value !== OTHER), ...own]);
    }
  }
}

function toChoices(items: readonly { id: string; label: string }[]): Choice[] {
  return items.map((item) => ({ value: item.id, name: item.label }));
}
