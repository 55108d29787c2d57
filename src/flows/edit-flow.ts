import type { Catalogues, Question, Questions } from '../catalogue/catalogue.js';
import type { KnownEntry } from '../journal/types.js';
import type { Asker } from '../ui/prompts.js';
import { askSection } from './ask-section.js';

/** The questions that made an entry of this type, in their order. */
export function questionsFor(entry: KnownEntry, questions: Questions): Question[] {
  switch (entry.type) {
    case 'trigger':
      return questions.log.questions;
    case 'pause':
      return [...questions.pauseBefore.questions, ...questions.pauseAfter.questions];
    case 'reflection':
      return [...questions.reflect.questions, { field: 'ask', kind: 'text', message: 'The direct ask, in your words (optional)' }];
  }
}

/** The stored value as a prompt's starting point: numbers as text, passed as yes / not yet. */
function current(entry: KnownEntry, field: string): string | string[] | undefined {
  const value = entry[field];
  if (field === 'passed') return value === null ? undefined : value ? 'yes' : 'not-yet';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' || Array.isArray(value)) return value as string | string[];
  return undefined;
}

function shown(value: unknown): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '—';
  const text = Array.isArray(value) ? value.join(', ') : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * Editing on a terminal: pick what to change, then answer just those
 * questions, each starting from the current answer. Returns the changed
 * fields only.
 */
export async function runEditFlow(
  ask: Asker,
  entry: KnownEntry,
  questions: Questions,
  catalogues: Catalogues,
): Promise<Record<string, unknown>> {
  const all = questionsFor(entry, questions);
  const picked = await ask.many({
    message: 'What would you like to change?',
    choices: all.map((q) => ({
      value: q.field,
      name: `${q.message.replace(/\s*\(optional\)$/, '').replace(/[?:].*$/, '')}: ${shown(entry[q.field])}`,
    })),
  });
  const chosen = all.filter((q) => picked.includes(q.field));
  const defaults: Record<string, string | string[]> = {};
  for (const q of chosen) {
    const value = current(entry, q.field);
    if (value !== undefined) defaults[q.field] = value;
  }
  const answers = await askSection(ask, { intro: '', questions: chosen }, questions, catalogues, {}, defaults);
  if ('passed' in answers) answers.passed = answers.passed === null ? null : answers.passed === 'yes';
  return answers;
}
