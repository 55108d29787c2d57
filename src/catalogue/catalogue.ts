import { CATALOGUES, type CatalogueName, ENTRY_TYPES, type FieldSpec, fieldsOf } from '../journal/fields.js';
import { invalid, isText, readData } from './files.js';

export type { CatalogueName };

export interface Item {
  id: string;
  label: string;
}

export interface BreathingItem extends Item {
  steps: ['inhale' | 'hold' | 'exhale', number][];
}

export type Catalogues = Record<Exclude<CatalogueName, 'breathing'>, Item[]> & { breathing: BreathingItem[] };

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FILE = 'catalogues.json';

/** prompts/catalogues.json, checked: every catalogue the table names, kebab-case ids, and words for every fixed choice. */
export function checkCatalogues(data: unknown): Catalogues {
  if (typeof data !== 'object' || data === null) invalid(FILE, 'not an object');
  const record = data as Record<string, unknown>;
  for (const name of Object.keys(CATALOGUES)) checkItems(record[name], FILE, name);
  (record.breathing as BreathingItem[]).forEach((item, i) => {
    const ok =
      Array.isArray(item.steps) &&
      item.steps.length > 0 &&
      item.steps.every(
        (step) => Array.isArray(step) && ['inhale', 'hold', 'exhale'].includes(step[0]) && typeof step[1] === 'number' && step[1] > 0,
      );
    if (!ok) invalid(FILE, `breathing[${i}].steps should be a list of [inhale|hold|exhale, seconds]`);
  });
  // A choice's values are fixed by the table; the words for them live here, and none may be missing.
  for (const type of ENTRY_TYPES) {
    for (const field of fieldsOf(type)) {
      if (field.kind !== 'choice' || !field.catalogue) continue;
      const ids = new Set((record[field.catalogue] as Item[]).map((item) => item.id));
      for (const value of field.values ?? []) if (!ids.has(value)) invalid(FILE, `${field.catalogue} has no words for "${value}"`);
    }
  }
  return record as unknown as Catalogues;
}

export function checkItems(items: unknown, file: string, where: string): void {
  if (!Array.isArray(items) || items.length === 0) invalid(file, `${where} should be a non-empty list`);
  const ids = new Set<string>();
  items.forEach((item: Record<string, unknown>, i) => {
    if (!isText(item?.id) || !KEBAB.test(item.id)) invalid(file, `${where}[${i}].id should be kebab-case`);
    if (!isText(item.label)) invalid(file, `${where}[${i}].label should be text`);
    if (ids.has(item.id)) invalid(file, `${where} repeats the id "${item.id}"`);
    ids.add(item.id);
  });
}

export function loadCatalogues(): Catalogues {
  return checkCatalogues(readData(FILE));
}

/** A stored value in words: a catalogue id becomes its label; a person's own words stay as they are. */
export type Words = (catalogue: CatalogueName | undefined, value: string) => string;

export function wordsFrom(catalogues: Catalogues): Words {
  return (catalogue, value) => (catalogue && catalogues[catalogue].find((item) => item.id === value)?.label) ?? value;
}

/** The ids of the catalogue items whose words hold `search` (lower case): "tight chest" finds `tight-chest`. */
export function idsNamed(search: string, catalogues: Catalogues = loadCatalogues()): Set<string> {
  const ids = new Set<string>();
  for (const items of Object.values(catalogues)) for (const item of items) if (item.label.toLowerCase().includes(search)) ids.add(item.id);
  return ids;
}

/** `(field, stored value) -> words`, for renderers that walk an entry's fields. */
export type FieldLabeller = (field: FieldSpec, value: string) => string;

export function fieldLabeller(catalogues: Catalogues = loadCatalogues()): FieldLabeller {
  const words = wordsFrom(catalogues);
  return (field, value) => words(field.catalogue, value);
}
