import type { FieldSpec } from './field-spec.js';
import { COMMON } from './fields/common.js';
import { FOLLOW_UP } from './fields/follow-up.js';
import { GLIMMER } from './fields/glimmer.js';
import { PAUSE } from './fields/pause.js';
import { PLAN } from './fields/plan.js';
import { REFLECTION } from './fields/reflection.js';
import { TRIGGER } from './fields/trigger.js';

export { CATALOGUES, type CatalogueName } from './catalogue-names.js';
export type { FieldSpec, FlagSpec, Kind } from './field-spec.js';

/*
 * Every entry type's fields, declared once (DESIGN.md section 2). The
 * validator's checks, the entry types, the CSV columns, the words `show`,
 * `list` and the Markdown use, which catalogue turns a stored id back into
 * words, the commander options of log, pause, reflect and edit, and the kind
 * of question a flow asks are all derived from this table; a new field is
 * added here and nowhere else.
 */

/**
 * Each type's own fields, in the order they are asked and shown, then the
 * common ones. Tests may add a field to a list here to see it flow through
 * everything derived from it.
 */
export const FIELDS = {
  trigger: [...TRIGGER, ...COMMON],
  pause: [...PAUSE, ...COMMON],
  reflection: [...REFLECTION, ...COMMON],
  'follow-up': [...FOLLOW_UP, ...COMMON],
  plan: [...PLAN, ...COMMON],
  glimmer: [...GLIMMER, ...COMMON],
} as const;

export type EntryType = keyof typeof FIELDS;
export const ENTRY_TYPES = Object.keys(FIELDS) as EntryType[];

/** Each entry type in words, for `list --type` and messages. */
export const TYPE_WORDS: Record<EntryType, { one: string; many: string }> = {
  trigger: { one: 'moment', many: 'moments' },
  pause: { one: 'pause', many: 'pauses' },
  reflection: { one: 'reflection', many: 'reflections' },
  'follow-up': { one: 'follow-up', many: 'follow-ups' },
  plan: { one: 'plan', many: 'plans' },
  glimmer: { one: 'glimmer', many: 'glimmers' },
};

/** The fields of a type, as a plain list (the table above, widened). */
export function fieldsOf(type: string): readonly FieldSpec[] {
  return Object.hasOwn(FIELDS, type) ? (FIELDS[type as EntryType] as readonly FieldSpec[]) : [];
}

export function fieldOf(type: string, name: string): FieldSpec | undefined {
  return fieldsOf(type).find((field) => field.name === name);
}

/** Kept by attach itself: never asked, never changed by `edit`. */
export const SYSTEM_FIELDS = ['id', 'type', 'recordedAt', 'editedAt'] as const;

export function editable(field: FieldSpec): boolean {
  return field.edit !== false && !(SYSTEM_FIELDS as readonly string[]).includes(field.name);
}

/**
 * Why these values can't go together, or null: a field set while the one its
 * `onlyWhen` names holds something else (how an ask landed, with no ask made).
 * `follow-up` and `edit` refuse such an entry; the report would otherwise count
 * an ask that landed but was never made.
 */
export function checkOnlyWhen(type: string, values: Readonly<Record<string, unknown>>, editing = false): string | null {
  for (const field of fieldsOf(type)) {
    const rule = field.onlyWhen;
    if (!rule || values[field.name] === undefined || values[field.name] === null || values[rule.field] === rule.is) continue;
    const flag = `--${field.flag?.long ?? field.name}`;
    const needs = `--${fieldOf(type, rule.field)?.flag?.long ?? rule.field} ${rule.is}`;
    return `${flag} goes with ${needs}: add ${needs}, or ${editing ? `--clear ${field.name}` : `leave ${flag} out`}.`;
  }
  return null;
}
