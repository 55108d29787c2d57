import { rename } from 'node:fs/promises';
import { JournalError } from '../errors.js';
import { localTimeStamp } from '../time/calendar.js';
import { readText, writeAtomic } from './atomic-file.js';
import { CATALOGUES, type CatalogueName } from './fields.js';
import { configPath, type Env } from './paths.js';

/** Preferences in $XDG_CONFIG_HOME/attach/config.json, written by `attach config`. */
export interface Config {
  pauseMinutes?: number;
  breath?: string;
  lookbackWeeks?: number;
  journal?: string;
  glimmerReminders?: 'on' | 'off';
  /** A person's own items for the lists attach offers, by catalogue. */
  own?: Partial<Record<OwnList, string[]>>;
  [other: string]: unknown;
}

import { command } from '../held-together.js';
import { BREATHS } from './breaths.js';

export { BREATHS };

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
  /** A value it takes, for the message that refuses one it doesn't. */
  example: string;
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
  pauseMinutes: { describe: 'the length of a pause, in minutes (default 20)', example: '15', ...number(0.05, 180, false) },
  breath: {
    describe: 'the breathing pattern of a pause (default coherent)',
    allowed: BREATHS.join(', '),
    example: 'box',
    parse: (raw) => ((BREATHS as readonly string[]).includes(raw) ? raw : undefined),
    valid: (value) => (BREATHS as readonly unknown[]).includes(value),
  },
  lookbackWeeks: { describe: 'how many weeks a report searches for patterns (default 8)', example: '12', ...number(1, 260, true) },
  journal: {
    describe: 'where your journal is, when not --file or $ATTACH_FILE',
    allowed: 'a path to a file',
    example: '~/notes/journal.json',
    parse: (raw) => raw.trim() || undefined,
    valid: (value) => typeof value === 'string' && value.length > 0,
  },
  glimmerReminders: {
    describe: 'after a hard moment, show one earlier glimmer with the same person, once a day (default on)',
    allowed: 'on or off',
    example: 'off',
    parse: (raw) => (['on', 'off'].includes(raw.trim().toLowerCase()) ? raw.trim().toLowerCase() : undefined),
    valid: (value) => value === 'on' || value === 'off',
  },
};

/** What a setting is when it is not set (or set wrongly), in words for a message. */
const DEFAULTS: Record<string, string> = {
  pauseMinutes: '20',
  breath: 'coherent',
  lookbackWeeks: '8',
  journal: 'the usual place',
  glimmerReminders: 'on',
};

/** The settings file as read: the settings that can be used, and calm words for what can't. */
export interface Settings {
  file: string;
  exists: boolean;
  /** Only the settings that can be used: a bad value is left out, so its default applies. */
  config: Config;
  /** The file's object as written, bad values included (for `config set` to keep what it doesn't change); null when there is none. */
  raw: Record<string, unknown> | null;
  /** One line for each thing ignored, saying what to do. */
  problems: string[];
  /** The file is there but isn't a settings object at all (unreadable, not JSON): keep it aside before writing a new one. */
  unreadable: boolean;
}

/** Splits a parsed config into what can be used and what is ignored, with a line for each. */
export function checkConfig(data: unknown): Pick<Settings, 'config' | 'problems'> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { config: {}, problems: ['they are not a JSON object'] };
  const config: Config = { ...(data as Record<string, unknown>) };
  const problems: string[] = [];
  for (const [key, setting] of Object.entries(SETTINGS)) {
    if (config[key] === undefined || setting.valid(config[key])) continue;
    problems.push(
      `The setting ${key} (${JSON.stringify(config[key])}) is ignored: it should be ${setting.allowed}. ` +
        `attach uses ${DEFAULTS[key]} until you fix it: ${command(`attach config set ${key} <value>`)}`,
    );
    delete config[key];
  }
  const own = config.own;
  if (own !== undefined) {
    const bad =
      typeof own !== 'object' || own === null || Array.isArray(own)
        ? '"own" should be an object of lists'
        : Object.entries(own)
            .map(([list, items]) =>
              !(Object.values(OWN_LISTS) as string[]).includes(list)
                ? `"own" has an unknown list "${list}"`
                : !Array.isArray(items) || !items.every((item) => typeof item === 'string')
                  ? `"own.${list}" should be a list of text`
                  : null,
            )
            .find((problem) => problem !== null);
    if (bad) {
      problems.push(`Your own list items in the settings are ignored: ${bad}. attach config add and remove rewrite them.`);
      delete config.own;
    }
  }
  return { config, problems };
}

/**
 * Reads the settings. Nothing here stops a command: a missing file is no
 * preferences, a bad value is ignored (its default applies) and said so, and
 * a file that can't be read at all is left exactly as it is, with the
 * defaults in use, and said so.
 */
export async function readSettings(env: Env): Promise<Settings> {
  const file = configPath(env);
  const base = { file, exists: true, config: {}, raw: null, problems: [], unreadable: true };
  const fix = 'attach uses its defaults for now; attach config says how to fix them.';
  let text: string | null;
  try {
    text = await readText(file);
  } catch (error) {
    return { ...base, problems: [`Your settings at ${file} can't be read (${(error as Error).message}), so ${fix}`] };
  }
  if (text === null) return { ...base, exists: false, unreadable: false };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ...base, problems: [`Your settings at ${file} can't be read (they are not valid JSON), so ${fix}`] };
  }
  const { config, problems } = checkConfig(data);
  const isObject = typeof data === 'object' && data !== null && !Array.isArray(data);
  return { file, exists: true, config, raw: isObject ? (data as Record<string, unknown>) : null, problems, unreadable: !isObject };
}

/** For callers that want a broken file to stop them (exit 3): the settings, or the first problem. */
export async function readConfig(env: Env): Promise<Config> {
  const settings = await readSettings(env);
  if (settings.problems.length) throw new JournalError(`${settings.problems[0]}`);
  return settings.config;
}

export async function writeConfig(config: Config, env: Env): Promise<string> {
  const file = configPath(env);
  await writeAtomic(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/** An unreadable settings file, renamed aside before a new one is written: `config.json.unreadable-20261201-193000`. */
export async function keepAside(file: string, now: Date): Promise<string> {
  const aside = `${file}.unreadable-${localTimeStamp(now)}`;
  await rename(file, aside);
  return aside;
}
