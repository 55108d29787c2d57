import { ENTRY_TYPES, type EntryType, fieldOf } from '../journal/fields.js';
import type { Catalogues } from './catalogue.js';
import { invalid, isText, readData } from './files.js';

/**
 * One question of a flow. What kind of question it is (text, a pick from a
 * catalogue, a 0-10 scale, yes or no) follows from its field's kind in
 * journal/fields.ts; this holds only the words.
 */
export interface Question {
  field: string;
  message: string;
  /** For a required text: the hint shown when it is left empty. */
  required?: string;
  /** For a yes/no field: the words of each answer. */
  yes?: string;
  no?: string;
}

export interface Section {
  /** The entry type whose fields the questions fill (absent: any type that has the field). */
  type?: EntryType;
  intro: string;
  questions: Question[];
}

/** prompts/questions.json: the wording shared by every flow, and each flow's questions. */
export interface Questions {
  scale: { value: number; label: string }[];
  /** "Something else…", and what it asks: several own words (a list), or one (a single answer). */
  other: { choice: string; message: string; one: string };
  /** Shown when Enter is pressed on a required 0-10 question with no number chosen. */
  scaleRequired: string;
  log: Section;
  pauseBefore: Section;
  pauseAfter: Section;
  reflect: Section;
  /** Looking back on a moment: what really happened, and whether the feared story came true. */
  followUpMoment: Section;
  /** Looking back on a reflection: whether the ask was made, and how it landed. */
  followUpReflection: Section;
  plan: Section;
  glimmer: Section;
  /** The questions `attach edit` adds for fields no other flow asks (when, tags, note ...). */
  edit: Section;
}

const SECTIONS = [
  'log',
  'pauseBefore',
  'pauseAfter',
  'reflect',
  'followUpMoment',
  'followUpReflection',
  'plan',
  'glimmer',
  'edit',
] as const;
const FILE = 'questions.json';

export function checkQuestions(data: unknown): Questions {
  const set = data as Partial<Questions> | null;
  if (!set || typeof set !== 'object') invalid(FILE, 'not an object');
  const scale = set.scale;
  if (!Array.isArray(scale) || scale.length !== 11 || scale.some((s, i) => s?.value !== i || !isText(s.label))) {
    invalid(FILE, '"scale" should label each of 0 to 10 in order');
  }
  if (!isText(set.other?.choice) || !isText(set.other.message) || !isText(set.other.one) || !isText(set.scaleRequired)) {
    invalid(FILE, 'needs "other" and "scaleRequired" wording');
  }
  for (const name of SECTIONS) {
    const section = set[name];
    if (!section || !isText(section.intro) || !Array.isArray(section.questions)) invalid(FILE, `"${name}" needs "intro" and "questions"`);
    if (section.type !== undefined && !ENTRY_TYPES.includes(section.type))
      invalid(FILE, `"${name}".type "${section.type}" is not an entry type`);
    section.questions.forEach((q, i) => {
      const where = `${name}.questions[${i}]`;
      if (!isText(q?.field) || !isText(q.message)) invalid(FILE, `${where} needs "field" and "message"`);
      const types = section.type ? [section.type] : ENTRY_TYPES;
      const fields = types.map((type) => fieldOf(type, q.field)).filter((field) => field !== undefined);
      if (fields.length === 0) invalid(FILE, `${where}: "${q.field}" is not a field of ${types.join(' or ')}`);
      if (fields.some((field) => field.kind === 'yesno') && (!isText(q.yes) || !isText(q.no)))
        invalid(FILE, `${where} needs "yes" and "no"`);
    });
  }
  return set as Questions;
}

export function loadQuestions(): Questions {
  return checkQuestions(readData(FILE));
}

/** prompts/asks.json: the templates that draft a direct ask from a feeling and a need. */
export interface AskTemplates {
  sentence: string;
  withoutFeeling: string;
  needs: Record<string, string>;
  ownNeed: string;
  choose: string;
  ownWords: string;
  edit: string;
  write: string;
}

/** Every need of the catalogue must have its words, or a draft would fall back to the raw id. */
export function checkAskTemplates(data: unknown, catalogues: Catalogues): AskTemplates {
  const file = 'asks.json';
  const t = data as Partial<AskTemplates> | null;
  if (!t || typeof t !== 'object') invalid(file, 'not an object');
  for (const key of ['sentence', 'withoutFeeling', 'ownNeed', 'choose', 'ownWords', 'edit', 'write'] as const) {
    if (!isText(t[key])) invalid(file, `"${key}" should be text`);
  }
  if (!t.sentence!.includes('{feeling}') || !t.sentence!.includes('{need}')) invalid(file, '"sentence" needs {feeling} and {need}');
  if (!t.withoutFeeling!.includes('{need}') || !t.ownNeed!.includes('{need}')) invalid(file, '"withoutFeeling" and "ownNeed" need {need}');
  for (const need of catalogues.needs) {
    if (!isText(t.needs?.[need.id])) invalid(file, `"needs" has no words for the need "${need.id}"`);
  }
  return t as AskTemplates;
}

export function loadAskTemplates(catalogues: Catalogues): AskTemplates {
  return checkAskTemplates(readData('asks.json'), catalogues);
}
