import type { Catalogues, Item } from '../catalogue/catalogue.js';
import { ownOrItem } from '../catalogue/match.js';
import type { Question, Questions, Section } from '../catalogue/questions.js';
import { ENTRY_TYPES, type EntryType, type FieldSpec, fieldOf } from '../journal/fields.js';
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

/** A question's field, in the section's entry type (or, for the edit section, in `type`). */
function fieldFor(section: Section, question: Question, type?: EntryType): FieldSpec | undefined {
  const types = section.type ? [section.type] : type ? [type] : ENTRY_TYPES;
  for (const candidate of types) {
    const field = fieldOf(candidate, question.field);
    if (field) return field;
  }
  return undefined;
}

export interface AskOptions {
  /** Answers already given (when editing): each question starts from its own, and Enter keeps it. */
  defaults?: Record<string, string | string[]>;
  /** Where a 0-10 question's cursor lands on the first ↑↓, when nothing is chosen yet (the pause's "before"). */
  starts?: Record<string, number>;
  /** For a section without a type of its own (the edit questions): the entry's type. */
  type?: EntryType;
  /** The entry being edited: what an answer not asked again still holds. */
  stored?: Readonly<Record<string, unknown>>;
  /** Told each answer as it is given, so a Ctrl-C at a later question can keep it (the pause's answers after the timer). */
  onAnswer?: (field: string, value: unknown) => void;
}

/**
 * Asks the questions of one section of prompts/questions.json, in order,
 * skipping every field `known` already holds (the flags), and returns the
 * answers merged with `known`. What a question looks like follows from its
 * field's kind (journal/fields.ts). Optional questions are skipped with
 * Enter; lists end with "Something else" for the person's own words, kept
 * as typed.
 */
export async function askSection(
  ask: Asker,
  section: Section,
  questions: Questions,
  catalogues: Catalogues,
  known: Record<string, unknown>,
  options: AskOptions = {},
): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = { ...known };
  for (const question of section.questions) {
    if (answers[question.field] !== undefined) continue;
    const field = fieldFor(section, question, options.type);
    // A question that only fits another answer (how an ask landed, once it was made) is not asked otherwise.
    if (!field) continue;
    const rule = field.onlyWhen;
    if (rule && (answers[rule.field] ?? options.stored?.[rule.field]) !== rule.is) continue;
    const start = options.starts?.[question.field];
    answers[question.field] = await askOne(ask, question, field, questions, catalogues, options.defaults?.[question.field], start);
    options.onAnswer?.(question.field, answers[question.field]);
  }
  return answers;
}

async function askOne(
  ask: Asker,
  q: Question,
  field: FieldSpec,
  questions: Questions,
  catalogues: Catalogues,
  initial: string | string[] | undefined,
  start: number | undefined,
): Promise<unknown> {
  if (field.kind === 'notes') {
    // Each note in the line to change (deleting its words removes it), then room for one more.
    const notes: string[] = [];
    const current = Array.isArray(initial) ? initial : [];
    for (const [i, note] of current.entries()) {
      const kept = await ask.text({
        message: `${q.message}, ${i + 1} of ${current.length} (delete the words to remove it):`,
        default: note,
      });
      if (kept) notes.push(kept);
    }
    const more = await ask.text({ message: `${q.message}: one more? (optional)` });
    return more ? [...notes, more] : notes;
  }
  if (field.kind === 'list' && !field.catalogue) {
    // Tags: words of the person's own, typed with commas between them.
    const current = Array.isArray(initial) && initial.length ? { default: initial.join(', ') } : {};
    return dedupe((await ask.text({ message: q.message, ...current })).split(','));
  }
  switch (field.kind) {
    case 'score': {
      const labels = questions.scale.map(({ label }) => label);
      const current = typeof initial === 'string' ? { default: Number(initial) } : {};
      const required = field.required ? { required: questions.scaleRequired } : {};
      return ask.scale({ message: q.message, labels, ...current, ...required, ...(start === undefined ? {} : { start }) });
    }
    case 'yesno': {
      const choices = [
        { value: 'yes', name: q.yes ?? 'Yes' },
        { value: 'no', name: q.no ?? 'No' },
      ];
      const picked = await ask.one({ message: q.message, choices, ...(typeof initial === 'string' ? { default: initial } : {}) });
      return picked === null ? null : picked === 'yes';
    }
    case 'list':
    case 'words':
    case 'choice': {
      const items: Item[] = field.catalogue && field.catalogue !== 'breathing' ? catalogues[field.catalogue] : [];
      const choices: Choice[] = items.map((item) => ({ value: item.id, name: item.label }));
      // Own words already given (when editing) are offered too, so they are not lost.
      for (const value of [initial ?? []].flat()) {
        if (!choices.some((choice) => choice.value.toLowerCase() === value.toLowerCase())) choices.push({ value, name: value });
      }
      if (field.kind !== 'choice') choices.push({ value: OTHER, name: questions.other.choice });
      if (field.kind !== 'list') {
        const picked = await ask.one({ message: q.message, choices, ...(typeof initial === 'string' ? { default: initial } : {}) });
        if (picked !== OTHER) return picked;
        // Words that name an item ("Text again") are that item, not a second spelling of it.
        const typed = await ask.text({ message: questions.other.one });
        return typed ? ownOrItem(typed, items) : null;
      }
      const picked = await ask.many({ message: q.message, choices, checked: Array.isArray(initial) ? initial : [] });
      const typed = picked.includes(OTHER) ? (await ask.text({ message: questions.other.message })).split(',') : [];
      const own = typed.filter((text) => text.trim()).map((text) => ownOrItem(text, items));
      return dedupe([...picked.filter((value) => value !== OTHER), ...own]);
    }
    default: {
      // Text, and the rare field asked as text when editing (a time, the tags).
      const current = typeof initial === 'string' && initial ? { default: initial } : {};
      const answer = await ask.text({ message: q.message, ...(q.required ? { required: q.required } : {}), ...current });
      return answer || null;
    }
  }
}
