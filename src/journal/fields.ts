import type { CatalogueName } from './catalogue-names.js';

export { CATALOGUES, type CatalogueName } from './catalogue-names.js';

/*
 * Every entry type's fields, declared once (DESIGN.md section 2). The
 * validator's checks, the entry types, the CSV columns, the words `show`,
 * `list` and the Markdown use, which catalogue turns a stored id back into
 * words, the commander options of log, pause, reflect and edit, and the kind
 * of question a flow asks are all derived from this table; a new field is
 * added here and nowhere else.
 */

/** How a field is stored. */
export type Kind =
  /** Free text: a string (null when optional and empty). */
  | 'text'
  /** One catalogue item or a person's own words: a string or null. */
  | 'words'
  /** Catalogue items and own words: a list of strings. */
  | 'list'
  /** A whole number from 0 to 10 (null when optional). */
  | 'score'
  /** true or false (null when optional). */
  | 'yesno'
  /** One of a fixed set of values, or null. */
  | 'choice'
  /** Whole seconds, 0 or more. */
  | 'seconds'
  /** The id of another entry, or null. */
  | 'link'
  /** ISO 8601 local time with its UTC offset. */
  | 'time'
  /** A list of anything (pause notes are kept as written). */
  | 'notes';

/** The option a field has on the command that makes its entry (and on `attach edit`). */
export interface FlagSpec {
  /** `--trigger`: the long name, without the dashes. */
  long: string;
  short?: string;
  /** What the value is called in help: `<name>`. */
  value: string;
  help: string;
  /** Taken as the creating command's words (`attach log no reply`) instead; `edit` still has the flag. */
  argument?: boolean;
  /** Other names `edit` accepts for it (0.1 named the pause's urge `--urge-text` there). */
  editAliases?: readonly string[];
}

export interface FieldSpec {
  name: string;
  kind: Kind;
  /** Never null (and for text, always present). */
  required?: boolean;
  /** Where a stored id gets its words, and where the choices of a question come from. */
  catalogue?: CatalogueName;
  /** The allowed values of a `choice`. */
  values?: readonly string[];
  /** The field in words, for people: `show`, `list`, the Markdown journal. */
  label: string;
  flag?: FlagSpec;
  /** Whether `attach edit` may change it (default: yes, except ids and times attach keeps). */
  edit?: boolean;
}

const f = <const F extends FieldSpec>(spec: F): F => spec;

/** Fields every entry has, after its own. */
const COMMON = [
  f({
    name: 'at',
    kind: 'time',
    required: true,
    label: 'when',
    flag: { long: 'at', value: '<when>', help: 'when it happened: 2026-11-22T21:30, "yesterday 21:30", "2h ago" (default: now)' },
  }),
  f({ name: 'recordedAt', kind: 'time', required: true, label: 'recorded', edit: false }),
  f({ name: 'tags', kind: 'list', label: 'tags', flag: { long: 'tag', value: '<tag>', help: 'a tag of your own (repeat or use commas)' } }),
  f({ name: 'note', kind: 'text', label: 'note', flag: { long: 'note', value: '<text>', help: 'anything else' } }),
] as const;

const TRIGGER = [
  f({
    name: 'what',
    kind: 'text',
    required: true,
    label: 'what happened',
    flag: { long: 'what', value: '<text>', help: 'what happened, in a few words', argument: true },
  }),
  f({
    name: 'who',
    kind: 'words',
    catalogue: 'who',
    label: 'who',
    flag: { long: 'who', value: '<who>', help: 'who it was with (partner, friend, work, ... or your own words)' },
  }),
  f({
    name: 'triggers',
    kind: 'list',
    catalogue: 'triggers',
    label: 'set off by',
    flag: { long: 'trigger', short: 't', value: '<name>', help: 'what set it off (repeat or use commas)' },
  }),
  f({
    name: 'intensity',
    kind: 'score',
    required: true,
    label: 'intensity',
    flag: { long: 'intensity', short: 'i', value: '<0-10>', help: 'how strong it is, 0 to 10' },
  }),
  f({
    name: 'body',
    kind: 'list',
    catalogue: 'body',
    label: 'in the body',
    flag: { long: 'body', short: 'b', value: '<signal>', help: 'where you feel it, e.g. tight-chest (repeat or use commas)' },
  }),
  f({
    name: 'thought',
    kind: 'text',
    label: 'the story',
    flag: { long: 'thought', value: '<text>', help: 'the story your mind is telling' },
  }),
  f({
    name: 'urges',
    kind: 'list',
    catalogue: 'urges',
    label: 'urges',
    flag: { long: 'urge', short: 'u', value: '<urge>', help: 'what the alarm pushes you to do, e.g. double-text (repeat or use commas)' },
  }),
  f({
    name: 'protest',
    kind: 'list',
    catalogue: 'protest',
    label: 'protest behaviour',
    flag: {
      long: 'protest',
      short: 'p',
      value: '<behaviour>',
      help: 'a protest behaviour, if you would call it one (repeat or use commas)',
    },
  }),
  f({ name: 'instead', kind: 'text', label: 'instead', flag: { long: 'instead', value: '<text>', help: 'what you did instead' } }),
] as const;

const PAUSE = [
  f({
    name: 'for',
    kind: 'link',
    label: 'about',
    flag: {
      long: 'for',
      value: '<id>',
      help: 'the logged moment this is about, or none (default: offers the latest of the last 2 hours)',
    },
  }),
  f({
    name: 'urge',
    kind: 'words',
    catalogue: 'urges',
    label: 'the urge',
    flag: { long: 'urge', value: '<text>', help: 'the urge you are pausing with', editAliases: ['urge-text'] },
  }),
  f({ name: 'plannedSeconds', kind: 'seconds', required: true, label: 'planned', edit: false }),
  f({ name: 'elapsedSeconds', kind: 'seconds', required: true, label: 'paused', edit: false }),
  f({ name: 'completed', kind: 'yesno', required: true, label: 'to the end', edit: false }),
  f({
    name: 'before',
    kind: 'score',
    required: true,
    label: 'before',
    flag: { long: 'before', value: '<0-10>', help: 'how strong the urge is now (needed when attach cannot ask)' },
  }),
  f({
    name: 'after',
    kind: 'score',
    label: 'after',
    flag: { long: 'after', value: '<0-10>', help: 'how strong it is afterwards, when not asked' },
  }),
  f({
    name: 'passed',
    kind: 'yesno',
    label: 'the urge passed',
    flag: { long: 'passed', value: '<yes|no>', help: 'whether the urge passed, when not asked' },
  }),
  f({
    name: 'activities',
    kind: 'list',
    catalogue: 'activities',
    label: 'what helped',
    flag: { long: 'activity', value: '<way>', help: 'what you did with the time, e.g. walk (repeat or use commas)' },
  }),
  f({ name: 'notes', kind: 'notes', label: 'notes during the pause' }),
  f({
    name: 'next',
    kind: 'words',
    catalogue: 'next',
    label: 'what next',
    flag: { long: 'next', value: '<step>', help: 'what you will do now, e.g. wait, ask-directly, or your own words' },
  }),
] as const;

const REFLECTION = [
  f({
    name: 'for',
    kind: 'link',
    label: 'about',
    flag: {
      long: 'for',
      value: '<id>',
      help: 'the logged moment this is about, or none (default: offers the latest of the last 24 hours)',
    },
  }),
  f({
    name: 'protest',
    kind: 'list',
    catalogue: 'protest',
    label: 'protest behaviour',
    flag: {
      long: 'protest',
      short: 'p',
      value: '<behaviour>',
      help: 'what you did, e.g. excessive-contact, withdrawing (repeat or use commas)',
    },
  }),
  f({
    name: 'situation',
    kind: 'text',
    label: 'just before',
    flag: { long: 'situation', value: '<text>', help: 'what happened just before' },
  }),
  f({
    name: 'needs',
    kind: 'list',
    catalogue: 'needs',
    label: 'the need underneath',
    flag: { long: 'need', value: '<need>', help: 'the need underneath, e.g. reassurance, closeness (repeat or use commas)' },
  }),
  f({ name: 'hoped', kind: 'text', label: 'hoped for', flag: { long: 'hoped', value: '<text>', help: 'what you hoped would happen' } }),
  f({
    name: 'happened',
    kind: 'text',
    label: 'what happened',
    flag: { long: 'happened', value: '<text>', help: 'what actually happened' },
  }),
  f({
    name: 'felt',
    kind: 'words',
    catalogue: 'feelings',
    label: 'felt after',
    flag: { long: 'felt', value: '<feeling>', help: 'how it felt afterwards, e.g. insecure, lonely, or your own words' },
  }),
  f({ name: 'ask', kind: 'text', label: 'the direct ask', flag: { long: 'ask', value: '<text>', help: 'the direct ask, in your words' } }),
] as const;

/**
 * Each type's own fields, in the order they are asked and shown, then the
 * common ones. Tests may add a field to a list here to see it flow through
 * everything derived from it.
 */
export const FIELDS = {
  trigger: [...TRIGGER, ...COMMON],
  pause: [...PAUSE, ...COMMON],
  reflection: [...REFLECTION, ...COMMON],
} as const;

export type EntryType = keyof typeof FIELDS;
export const ENTRY_TYPES = Object.keys(FIELDS) as EntryType[];

/** Each entry type in words, for `list --type` and messages. */
export const TYPE_WORDS: Record<EntryType, { one: string; many: string }> = {
  trigger: { one: 'moment', many: 'moments' },
  pause: { one: 'pause', many: 'pauses' },
  reflection: { one: 'reflection', many: 'reflections' },
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
