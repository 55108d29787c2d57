import type { EntryType, FIELDS, FieldSpec, FlagSpec } from './fields.js';

/* The TypeScript types of the entries and of their flags, derived from the table in fields.ts. */

type Nullable<F, T> = F extends { required: true } ? T : T | null;
type ValueOf<F extends FieldSpec> = F['kind'] extends 'text' | 'words' | 'link'
  ? Nullable<F, string>
  : F['kind'] extends 'list'
    ? string[]
    : F['kind'] extends 'score'
      ? Nullable<F, number>
      : F['kind'] extends 'yesno'
        ? Nullable<F, boolean>
        : F['kind'] extends 'choice'
          ? F extends { values: readonly (infer V)[] }
            ? V | null
            : never
          : F['kind'] extends 'seconds'
            ? number
            : F['kind'] extends 'time'
              ? string
              : unknown[];

type Fields<T extends EntryType> = (typeof FIELDS)[T][number];

/**
 * The stored fields of an entry type: `{ what: string; who: string | null; ... }`;
 * a field added after 0.1 may be absent from entries written before it.
 */
export type FieldValues<T extends EntryType> = {
  -readonly [F in Fields<T> as F extends { since: string } ? never : F['name']]: ValueOf<F>;
} & {
  -readonly [F in Fields<T> as F extends { since: string } ? F['name'] : never]?: ValueOf<F>;
};

/** What a flag gives, once read: link and time flags stay text until the command resolves them. */
type FlagValueOf<F extends FieldSpec> = F['kind'] extends 'link' | 'time' ? string : NonNullable<ValueOf<F>>;

/** The options a creating command gets from the table: by field name, each already read. */
export type FlagValues<T extends EntryType> = {
  -readonly [F in (typeof FIELDS)[T][number] as F extends { flag: FlagSpec } ? F['name'] : never]?: FlagValueOf<F>;
};
