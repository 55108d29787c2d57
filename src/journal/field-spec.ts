import type { CatalogueName } from './catalogue-names.js';

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
  /** For a link: the types of entry it may point to. */
  linksTo?: readonly string[];
  /** The field in words, for people: `show`, `list`, the Markdown journal. */
  label: string;
  flag?: FlagSpec;
  /** Whether `attach edit` may change it (default: yes, except ids and times attach keeps). */
  edit?: boolean;
  /**
   * The version that added it to a type that existed before: entries written
   * earlier don't have it, and read as if it were empty (journals stay
   * version 1; nothing is rewritten to add it).
   */
  since?: string;
  /**
   * Only meaningful when another field of the entry holds a value: how an ask
   * landed, only for an ask that was made. A flow does not ask it otherwise, and
   * `follow-up` and `edit` refuse it (checkOnlyWhen); the validator does not,
   * so a journal written before the rule still opens.
   */
  onlyWhen?: { field: string; is: string };
}

/** Declares one field, keeping its literal types (the entry types are derived from them). */
export const f = <const F extends FieldSpec>(spec: F): F => spec;
