import { type Catalogues, wordsFrom } from '../catalogue/catalogue.js';
import type { Question, Questions, Section } from '../catalogue/questions.js';
import { editable, fieldOf, fieldsOf } from '../journal/fields.js';
import type { KnownEntry } from '../journal/types.js';
import type { Asker } from '../ui/prompts.js';
import { askSection } from './ask-section.js';

/** The sections whose questions made an entry of each type. */
const MADE_BY: Record<KnownEntry['type'], (keyof Questions)[]> = {
  trigger: ['log'],
  pause: ['pauseBefore', 'pauseAfter'],
  reflection: ['reflect'],
  'follow-up': ['followUpMoment', 'followUpReflection'],
  plan: ['plan'],
  glimmer: ['glimmer'],
};

/** The questions that can change an entry of this type: its editable fields in the table's order, each in the words it was asked with. */
export function questionsFor(entry: KnownEntry, questions: Questions): Question[] {
  const sections = [...MADE_BY[entry.type].map((name) => questions[name] as Section), questions.edit];
  const out: Question[] = [];
  for (const field of fieldsOf(entry.type)) {
    if (!editable(field)) continue;
    // Notes another tool wrote as something other than text are kept, not offered as lines to change.
    if (field.kind === 'notes' && [entry[field.name]].flat().some((note) => typeof note !== 'string')) continue;
    const question = sections.flatMap((section) => section.questions).find((q) => q.field === field.name);
    if (question) out.push(question);
  }
  return out;
}

/** The stored value as a prompt's starting point: numbers as text, yes or no, lists as they are. */
function current(entry: KnownEntry, field: string): string | string[] | undefined {
  const value = entry[field];
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string' || Array.isArray(value)) return value as string | string[];
  return undefined;
}

/** The current answer in words (a catalogue id as its label), short enough for one line of the list. */
function shown(value: unknown, words: (value: string) => string): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '—';
  const text = Array.isArray(value)
    ? value.map((item) => words(String(item))).join(', ')
    : typeof value === 'boolean'
      ? value
        ? 'yes'
        : 'no'
      : words(String(value));
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/**
 * Editing on a terminal: pick what to change, then answer just those
 * questions, each starting from the current answer. Returns the changed
 * fields only (a time as typed: the command reads it).
 */
export async function runEditFlow(
  ask: Asker,
  entry: KnownEntry,
  questions: Questions,
  catalogues: Catalogues,
): Promise<Record<string, unknown>> {
  const all = questionsFor(entry, questions);
  // "How strong is it right now: 8": each question cut to its first clause, with the answer now in words.
  const choice = (q: Question) => {
    const words = wordsFrom(catalogues);
    const now = shown(entry[q.field], (value) => words(fieldOf(entry.type, q.field)?.catalogue, value));
    return { value: q.field, name: `${q.message.replace(/\s*\(.*$/, '').replace(/[?:].*$/, '')}: ${now}` };
  };
  const picked = await ask.many({ message: 'What would you like to change?', choices: all.map(choice) });
  const chosen = all.filter((q) => picked.includes(q.field));
  const defaults: Record<string, string | string[]> = {};
  for (const q of chosen) {
    const value = current(entry, q.field);
    if (value !== undefined) defaults[q.field] = value;
  }
  return askSection(ask, { intro: '', questions: chosen }, questions, catalogues, {}, { defaults, type: entry.type, stored: entry });
}
