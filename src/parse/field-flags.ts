import { Option } from 'commander';
import { UsageError } from '../errors.js';
import { ENTRY_TYPES, type EntryType, editable, type FieldSpec, fieldsOf, TYPE_WORDS } from '../journal/fields.js';
import { clean } from '../render/clean.js';
import { dedupe, parseChoice, parseList, parseScore, parseText } from './values.js';

/*
 * The commander options of log, pause, reflect and edit, derived from the
 * table of fields (journal/fields.ts). A creating command's option reads its
 * value at once (`.argParser`), so a typo is exit 2 with attach's own message
 * before anything is asked, and the command receives each value under its
 * field's name, already read. `edit` takes the options of every type, as text,
 * and reads them once it knows the entry's type.
 */

const flagName = (long: string) => `--${long}`;

/** An option whose value lands under the field's name (`--trigger` -> `triggers`). */
class FieldOption extends Option {
  constructor(
    flags: string,
    help: string,
    private readonly field: string,
  ) {
    super(flags, help);
  }

  override attributeName(): string {
    return this.field;
  }
}

function flags(spec: NonNullable<FieldSpec['flag']>, long = spec.long): string {
  return `${spec.short && long === spec.long ? `-${spec.short}, ` : ''}${flagName(long)} ${spec.value}`;
}

/** Reads one value of a field's flag; lists add to what earlier uses of the flag gave. */
export function readFlagValue(field: FieldSpec, raw: string, previous: unknown, flag = flagName(field.flag?.long ?? field.name)): unknown {
  switch (field.kind) {
    case 'list': {
      const items = parseList([raw], flag)!;
      return dedupe([...((previous as string[] | undefined) ?? []), ...items]);
    }
    case 'score':
      return parseScore(raw, flag);
    case 'yesno':
      return parseChoice(raw, flag, ['yes', 'no'] as const) === 'yes';
    case 'choice':
      return parseChoice(raw, flag, field.values ?? []);
    default:
      // Text and own words; a link or a time is read by the command, which knows the journal and the clock.
      return parseText(raw, flag);
  }
}

/** The options of the command that makes entries of `type`; fields taken as the command's words are left out. */
export function createOptions(type: EntryType, help: Record<string, string> = {}): Option[] {
  return fieldsOf(type)
    .filter((field) => field.flag && !field.flag.argument)
    .map((field) => {
      const spec = field.flag!;
      const option = new FieldOption(flags(spec), help[field.name] ?? spec.help, field.name);
      return option.argParser((raw: string, previous: unknown) => readFlagValue(field, raw, previous));
    });
}

interface EditFlag {
  long: string;
  short?: string;
  value: string;
  help: string;
  types: EntryType[];
  /** A list: the flag's values replace the whole list. */
  list: boolean;
}

/** Every flag an edit may take, once each, with the types it applies to (an alias is a flag of its own). */
function editFlags(): EditFlag[] {
  const byLong = new Map<string, EditFlag>();
  for (const type of ENTRY_TYPES) {
    for (const field of fieldsOf(type)) {
      if (!field.flag || !editable(field)) continue;
      for (const long of [field.flag.long, ...(field.flag.editAliases ?? [])]) {
        const known = byLong.get(long);
        if (known) {
          if (!known.types.includes(type)) known.types.push(type);
        } else {
          const help = long === 'at' ? 'when it happened' : field.flag.help;
          byLong.set(long, {
            long,
            ...(field.flag.short && long === field.flag.long ? { short: field.flag.short } : {}),
            value: field.flag.value,
            help,
            list: field.kind === 'list',
            types: [type],
          });
        }
      }
    }
  }
  return [...byLong.values()];
}

/** `attach edit`'s options: every editable field's flag, collected as text (`--tag` may repeat). */
export function editOptions(): Option[] {
  return editFlags().map((flag) => {
    const which = flag.types.length === ENTRY_TYPES.length ? '' : `${flag.types.map((type) => TYPE_WORDS[type].one).join(' or ')}: `;
    const list = flag.list ? ' (replaces the list)' : '';
    // The creating command's notes on defaults and repeats don't apply to an edit.
    const help = `${which}${flag.help.replace(/ \((repeat|default|needed)[^)]*\)$/, '').replace(/, when not asked$/, '')}${list}`;
    return new FieldOption(`${flag.short ? `-${flag.short}, ` : ''}${flagName(flag.long)} ${flag.value}`, help, flag.long).argParser(
      (raw: string, previous: string[] | undefined) => [...(previous ?? []), raw],
    );
  });
}

/** The field of `type` that an edit flag (by its long name, or an alias) sets. */
export function fieldOfFlag(type: string, long: string): FieldSpec | undefined {
  return fieldsOf(type).find(
    (field) => field.flag && editable(field) && (field.flag.long === long || field.flag.editAliases?.includes(long)),
  );
}

/** The flags an entry of this type takes in `edit`, for a message. */
export function editFlagsOf(type: string): string[] {
  return fieldsOf(type)
    .filter((field) => field.flag && editable(field))
    .map((field) => flagName(field.flag!.long));
}

/**
 * Reads the edit flags that apply to an entry of `type`: each value in its
 * field's kind, one value for a field that holds one. Links and times are
 * returned as text, under the field's name, for the command to resolve.
 */
export function readEditFlags(type: string, given: Record<string, string[] | undefined>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [long, values] of Object.entries(given)) {
    if (values === undefined) continue;
    const field = fieldOfFlag(type, long);
    if (!field) {
      const words = Object.hasOwn(TYPE_WORDS, type) ? TYPE_WORDS[type as EntryType].one : type;
      throw new UsageError(`${flagName(long)} doesn't apply to a ${words}; its options are ${editFlagsOf(type).join(', ')}.`);
    }
    if (field.kind !== 'list' && values.length > 1) throw new UsageError(`${flagName(long)} takes one value (you gave ${values.length}).`);
    let value: unknown;
    for (const raw of values) value = readFlagValue(field, raw, value, flagName(long));
    changes[field.name] = value;
  }
  return changes;
}

/** The empty value of a field that may be empty: [] for a list, null otherwise; undefined when it must hold something. */
function emptyOf(field: FieldSpec): unknown {
  if (field.required || !editable(field)) return undefined;
  return field.kind === 'list' || field.kind === 'notes' ? [] : null;
}

/**
 * `--clear thought,note`: the fields to empty, by field name or flag name.
 * A field that must hold something (when, how strong) is exit 2, naming
 * the flag that changes it instead.
 */
export function readClear(type: string, values: readonly string[]): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  const clearable = fieldsOf(type).filter((field) => emptyOf(field) !== undefined);
  for (const name of values
    .flatMap((value) => value.split(','))
    .map((text) => text.trim())
    .filter(Boolean)) {
    const field = fieldsOf(type).find((spec) => spec.name.toLowerCase() === name.toLowerCase() || spec.flag?.long === name.toLowerCase());
    if (field && emptyOf(field) === undefined) {
      const change = field.flag ? `; change it with --${field.flag.long}` : '';
      throw new UsageError(`--clear: ${field.name} can't be left empty${change}.`);
    }
    if (!field) {
      const words = Object.hasOwn(TYPE_WORDS, type) ? TYPE_WORDS[type as EntryType].one : type;
      throw new UsageError(
        `--clear: a ${words} has no field "${clean(name)}"; it can clear ${clearable.map((spec) => spec.name).join(', ')}.`,
      );
    }
    changes[field.name] = emptyOf(field);
  }
  return changes;
}
