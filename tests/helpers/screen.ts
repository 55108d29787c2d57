import { loadCatalogues } from '../../src/catalogue/catalogue.js';
import { loadQuestions } from '../../src/catalogue/questions.js';
import { type EntryType, fieldOf } from '../../src/journal/fields.js';
import type { Entry } from '../../src/journal/types.js';

/*
 * What the screen said a person answered, for keystroke tests: every
 * answered question is left on the terminal as "✔ <question> <answer>". The
 * tests compare that with what was saved, field by field, through the words
 * a person reads (catalogue labels, "7 · hard to ...", "(skipped)").
 */

const catalogues = loadCatalogues();
const questions = loadQuestions();
const SECTION_OF: Record<EntryType, (keyof typeof questions)[]> = {
  trigger: ['log'],
  pause: ['pauseBefore', 'pauseAfter'],
  reflection: ['reflect'],
  'follow-up': ['followUpMoment', 'followUpReflection'],
  plan: ['plan'],
  glimmer: ['glimmer'],
};

/** The last answer the screen shows to a question, or undefined when it was never answered on screen. */
export function answerOnScreen(text: string, message: string): string | undefined {
  const lines = text.replace(/\r/g, '').split('\n');
  let found: string | undefined;
  for (const line of lines) {
    const at = line.indexOf(`✔ ${message}`);
    if (at >= 0) found = line.slice(at + message.length + 2).trim();
  }
  return found;
}

/** A stored value as the prompts show it once answered. */
export function shownAs(type: EntryType, field: string, value: unknown): string {
  const spec = fieldOf(type, field)!;
  const words = (id: string) =>
    (spec.catalogue && spec.catalogue !== 'breathing' ? catalogues[spec.catalogue].find((i) => i.id === id)?.label : undefined) ?? id;
  if (spec.kind === 'score') return value === null ? '(skipped)' : `${value} · ${questions.scale[value as number]!.label}`;
  if (spec.kind === 'yesno') {
    const q = SECTION_OF[type]
      .flatMap((name) => (questions[name] as { questions: { field: string; yes?: string; no?: string }[] }).questions)
      .find((x) => x.field === field)!;
    return value === null ? '(skipped)' : value ? q.yes! : q.no!;
  }
  if (Array.isArray(value)) return value.map((item) => words(String(item))).join(', ');
  if (value === null) return spec.kind === 'text' ? '' : '(skipped)';
  return words(String(value));
}

/**
 * Every question of the entry's type that the screen shows as answered,
 * against the saved entry: [question, on screen, saved as words].
 */
export function screenAgainstSaved(text: string, entry: Entry): [string, string | undefined, string][] {
  const type = entry.type as EntryType;
  const rows: [string, string | undefined, string][] = [];
  for (const name of SECTION_OF[type]) {
    for (const q of (questions[name] as { questions: { field: string; message: string }[] }).questions) {
      const onScreen = answerOnScreen(text, q.message);
      if (onScreen === undefined) continue;
      rows.push([q.message, onScreen, shownAs(type, q.field, entry[q.field])]);
    }
  }
  return rows;
}
