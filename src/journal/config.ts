import { JournalError } from '../errors.js';
import { readText, writeAtomic } from './atomic-file.js';
import { CATALOGUES, type CatalogueName } from './fields.js';
import { configPath, type Env } from './paths.js';

/** Preferences in $XDG_CONFIG_HOME/attach/config.json, written by `attach config`. */
export interface Config {
  pauseMinutes?: number;
  breath?: string;
  lookbackWeeks?: number;
  journal?: string;
  /** A person's own items for the lists attach offers, by catalogue. */
  own?: Partial<Record<OwnList, string[]>>;
  [other: string]: unknown;
}

export const BREATHS = ['box', '478', 'coherent', 'none'] as const;

/** The catalogues a person may add their own items to (fields.ts). */
export type OwnList = { [C in CatalogueName]: (typeof CATALOGUES)[C]['own'] extends true ? C : never }[CatalogueName];

/** `attach config add trigger …` names a list in the singular (`one`); the catalogue's name is plural. */
export const OWN_LISTS = Object.fromEntries(
  (Object.keys(CATALOGUES) as CatalogueName[]).filter((name) => CATALOGUES[name].own).map((name) => [CATALOGUES[name].one, name]),
) as Record<string, OwnList>;

interface Setting {
  describe: string;
  /** What may be given, for messages: "a number from 0.05 to 180". */
  allowed: string;
  /** Reads a value from the command line; undefined when it is not allowed. */
  parse(raw: string): unknown;
  /** Checks a value read from the file. */
  valid(value: unknown): boolean;
}

const number = (min: number, max: number, whole: boolean): Pick<Setting, 'parse' | 'valid' | 'allowed'> => ({
  allowed: `${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`,
  parse: (raw) => {
    const value = Number(raw);
    if (!/^\d+(\.\d+)?$/.test(raw.trim()) || value < min || value > max || (whole && !Number.isInteger(value))) return undefined;
    return value;
  },
  valid: (value) => typeof value === 'number' && value >= min && value <= max && (!whole || Number.isInteger(value)),
});

export const SETTINGS: Record<string, Setting> = {
  pauseMinutes: { describe: 'the length of a pause, in minutes (default 20)', ...number(0.05, 180, false) },
  breath: {
    describe: 'the breathing pattern of a pause (default coherent)',
    allowed: BREATHS.join(', '),
    parse: (raw) => ((BREATHS as readonly string[]).includes(raw) ? raw : undefined),
    valid: (value) => (BREATHS as readonly unknown[]).includes(value),
  },
  lookbackWeeks: { describe: 'how many weeks a report searches for patterns (default 8)', ...number(1, 260, true) },
  journal: {
    describe: 'where your journal is, when not --file or $ATTACH_FILE',
    allowed: 'a path to a file',
    parse: (raw) => raw.trim() || undefined,
    valid: (value) => typeof value === 'string' && value.length > 0,
  },
};

/** Problems with a config's content, or null when it is fine. */
export function checkConfig(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'it is not a JSON object';
  const config = data as Record<string, unknown>;
  for (const [key, setting] of Object.entries(SETTINGS)) {
    if (config[key] !== undefined && !setting.valid(config[key])) return `"${key}" should be ${setting.allowed}`;
  }
  const own = config.own;
  if (own !== undefined) {
    if (typeof own !== 'object' || own === null || Array.isArray(own)) return '"own" should be an object of lists';
    for (const [list, items] of Object.entries(own)) {
      if (!(Object.values(OWN_LISTS) as string[]).includes(list)) return `"own" has an unknown list "${list}"`;
      if (!Array.isArray(items) || !items.every((item) => typeof item === 'string')) return `"own.${list}" should be a list of text`;
    }
  }
  return null;
}

/** A missing config is no preferences; one that can't be read safely is exit 3, like the journal, and is never overwritten. */
export async function readConfig(env: Env): Promise<Config> {
  const file = configPath(env);
  const text = await readText(file).catch((error: Error) => {
    throw new JournalError(`Your settings at ${file} can't be read: ${error.message}.`);
  });
  if (text === null) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new JournalError(
      `Your settings at ${file} are not valid JSON. The file was left as it is; fix it, or move it away to start afresh.`,
    );
  }
  const problem = checkConfig(data);
  if (problem)
    throw new JournalError(
      `Your settings at ${file} can't be used: ${problem}. The file was left as it is; fix it, or move it away to start afresh.`,
    );
  return data as Config;
}

export async function writeConfig(config: Config, env: Env): Promise<string> {
  const file = configPath(env);
  await writeAtomic(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
