import { JournalError } from '../errors.js';
import { readText } from './atomic-file.js';
import { configPath, type Env } from './paths.js';

/** Preferences read from $XDG_CONFIG_HOME/attach/config.json; `attach config` (a later issue) writes them. */
export interface Config {
  pauseMinutes?: number;
  breath?: string;
  [other: string]: unknown;
}

export const BREATHS = ['box', '478', 'coherent', 'none'] as const;
export type Breath = (typeof BREATHS)[number];

/** A missing config is no preferences; one that can't be read safely is exit 3, like the journal. */
export async function readConfig(env: Env = process.env): Promise<Config> {
  const file = configPath(env);
  const text = await readText(file).catch((error: Error) => {
    throw new JournalError(`Your settings at ${file} can't be read: ${error.message}.`);
  });
  if (text === null) return {};
  const fail = (why: string): never => {
    throw new JournalError(`Your settings at ${file} can't be used: ${why}. The file was left as it is; fix or remove it.`);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    fail('it is not valid JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail('it is not a JSON object');
  const config = data as Config;
  const minutes = config.pauseMinutes;
  if (minutes !== undefined && !(typeof minutes === 'number' && minutes >= 0.05 && minutes <= 180)) {
    fail('"pauseMinutes" should be a number from 0.05 to 180');
  }
  if (config.breath !== undefined && !(BREATHS as readonly unknown[]).includes(config.breath)) {
    fail(`"breath" should be one of ${BREATHS.join(', ')}`);
  }
  return config;
}
