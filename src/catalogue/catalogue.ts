import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * The questions and catalogues live in prompts/*.json as data. They are found
 * by walking up from this module, which works from the bundle (dist/), from
 * the sources under test (src/flows/) and from a global install alike.
 */

export interface Item {
  id: string;
  label: string;
}

export type CatalogueName = 'who' | 'triggers' | 'body' | 'urges' | 'protest' | 'needs' | 'feelings' | 'activities' | 'breathing';
export interface BreathingItem extends Item {
  steps: ['inhale' | 'hold' | 'exhale', number][];
}
export type Catalogues = Record<Exclude<CatalogueName, 'breathing'>, Item[]> & { breathing: BreathingItem[] };

export type Question =
  | { field: string; kind: 'text'; message: string; required?: string }
  | {
      field: string;
      kind: 'one' | 'many';
      message: string;
      /** The choices come from a catalogue, or are listed here. */
      catalogue?: CatalogueName;
      choices?: Item[];
      /** Whether "Something else" is offered (default true). */
      other?: boolean;
    }
  | { field: string; kind: 'scale'; message: string };

export interface Section {
  intro: string;
  questions: Question[];
}

/** prompts/questions.json: the wording shared by every flow, and each flow's questions. */
export interface Questions {
  scale: { value: number; label: string }[];
  other: { choice: string; message: string };
  skip: string;
  log: Section;
  pauseBefore: Section;
  pauseAfter: Section;
  reflect: Section;
}

const SECTIONS = ['log', 'pauseBefore', 'pauseAfter', 'reflect'] as const;

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
const CATALOGUES: readonly CatalogueName[] = [
  'who',
  'triggers',
  'body',
  'urges',
  'protest',
  'needs',
  'feelings',
  'activities',
  'breathing',
];
const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function promptsDir(from: string = import.meta.url): string {
  let dir = path.dirname(fileURLToPath(from));
  for (let up = 0; up < 6; up++) {
    const candidate = path.join(dir, 'prompts');
    if (existsSync(path.join(candidate, 'catalogues.json'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`attach's prompts folder was not found above ${fileURLToPath(from)}; the installation is incomplete`);
}

function readData(name: string): unknown {
  const file = path.join(promptsDir(), name);
  return JSON.parse(readFileSync(file, 'utf8'));
}

function invalid(file: string, what: string): never {
  throw new Error(`prompts/${file} is not valid: ${what}`);
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

export function checkCatalogues(data: unknown): Catalogues {
  const file = 'catalogues.json';
  if (typeof data !== 'object' || data === null) invalid(file, 'not an object');
  const record = data as Record<string, unknown>;
  for (const name of CATALOGUES) checkItems(record[name], file, name);
  (record.breathing as BreathingItem[]).forEach((item, i) => {
    const ok =
      Array.isArray(item.steps) &&
      item.steps.length > 0 &&
      item.steps.every(
        (step) => Array.isArray(step) && ['inhale', 'hold', 'exhale'].includes(step[0]) && typeof step[1] === 'number' && step[1] > 0,
      );
    if (!ok) invalid(file, `breathing[${i}].steps should be a list of [inhale|hold|exhale, seconds]`);
  });
  return record as unknown as Catalogues;
}

function checkItems(items: unknown, file: string, where: string): void {
  if (!Array.isArray(items) || items.length === 0) invalid(file, `${where} should be a non-empty list`);
  const ids = new Set<string>();
  items.forEach((item: Record<string, unknown>, i) => {
    if (!isText(item?.id) || !KEBAB.test(item.id)) invalid(file, `${where}[${i}].id should be kebab-case`);
    if (!isText(item.label)) invalid(file, `${where}[${i}].label should be text`);
    if (ids.has(item.id)) invalid(file, `${where} repeats the id "${item.id}"`);
    ids.add(item.id);
  });
}

export function checkQuestions(data: unknown): Questions {
  const file = 'questions.json';
  const set = data as Partial<Questions> | null;
  if (!set || typeof set !== 'object') invalid(file, 'not an object');
  const scale = set.scale;
  if (!Array.isArray(scale) || scale.length !== 11 || scale.some((s, i) => s?.value !== i || !isText(s.label))) {
    invalid(file, '"scale" should label each of 0 to 10 in order');
  }
  if (!isText(set.other?.choice) || !isText(set.other.message) || !isText(set.skip)) invalid(file, 'needs "other" and "skip" wording');
  for (const name of SECTIONS) {
    const section = set[name];
    if (!section || !isText(section.intro) || !Array.isArray(section.questions)) invalid(file, `"${name}" needs "intro" and "questions"`);
    section.questions.forEach((q, i) => {
      const where = `${name}.questions[${i}]`;
      if (!isText(q?.field) || !isText(q.message)) invalid(file, `${where} needs "field" and "message"`);
      if (!['text', 'one', 'many', 'scale'].includes(q.kind)) invalid(file, `${where}.kind "${String(q.kind)}" is unknown`);
      if (q.kind === 'one' || q.kind === 'many') {
        if (q.catalogue !== undefined && !CATALOGUES.includes(q.catalogue))
          invalid(file, `${where}.catalogue "${String(q.catalogue)}" is not a catalogue`);
        if (q.catalogue === undefined) checkItems(q.choices, file, `${where}.choices`);
      }
    });
  }
  return set as Questions;
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

export function loadCatalogues(): Catalogues {
  return checkCatalogues(readData('catalogues.json'));
}

export function loadQuestions(): Questions {
  return checkQuestions(readData('questions.json'));
}

// Which catalogue turns a stored id back into its words, field by field.
const CATALOGUE_OF_FIELD: Record<string, CatalogueName> = {
  who: 'who',
  triggers: 'triggers',
  body: 'body',
  urges: 'urges',
  protest: 'protest',
  needs: 'needs',
  activities: 'activities',
  felt: 'feelings',
};

/** `(field, stored value) -> words`: a catalogue id becomes its label; a person's own words stay as they are. */
export function fieldLabeller(catalogues: Catalogues = loadCatalogues()): (field: string, value: string) => string {
  return (field, value) => {
    const name = Object.hasOwn(CATALOGUE_OF_FIELD, field) ? CATALOGUE_OF_FIELD[field] : undefined;
    return (name && catalogues[name].find((item) => item.id === value)?.label) ?? value;
  };
}
