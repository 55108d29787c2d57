import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { type Config, OWN_LISTS, SETTINGS, writeConfig } from '../journal/config.js';
import { configPath } from '../journal/paths.js';
import { dedupe } from '../parse/values.js';
import { clean } from '../render/clean.js';
import { line } from '../ui/stream.js';

export interface ConfigOptions {
  json?: boolean;
}

const ACTIONS = ['list', 'get', 'set', 'unset', 'add', 'remove'];
const KEYS = Object.keys(SETTINGS);
const LISTS = Object.keys(OWN_LISTS);

function settingOf(key: string | undefined) {
  const setting = key === undefined ? undefined : SETTINGS[key];
  if (!setting) throw new UsageError(`${key === undefined ? 'Name a setting' : `"${key}" is not a setting`}: ${KEYS.join(', ')}.`);
  return setting;
}

function listOf(name: string | undefined) {
  if (name === undefined || !(LISTS as string[]).includes(name)) {
    throw new UsageError(
      `${name === undefined ? 'Name a list' : `"${name}" is not a list`}: ${LISTS.join(', ')}, for example attach config add trigger "mom calls twice".`,
    );
  }
  return OWN_LISTS[name]!;
}

export async function run(action: string | undefined, args: string[], options: ConfigOptions, ctx: Context): Promise<void> {
  const what = action ?? 'list';
  if (!ACTIONS.includes(what))
    throw new UsageError(`attach config takes ${ACTIONS.slice(0, -1).join(', ')} or ${ACTIONS.at(-1)} (you gave "${what}").`);
  // An unreadable config is exit 3 here, before anything could overwrite it.
  const config: Config = await ctx.config();
  const [first, ...rest] = args;
  if (rest.length > 0 && (what === 'get' || what === 'unset')) throw new UsageError(`attach config ${what} takes just the setting's name.`);

  if (what === 'list') {
    if (options.json) return line(ctx.stdout, JSON.stringify(config, null, 2));
    line(ctx.stderr, ctx.style.dim(`Settings in ${configPath(ctx.env)}`));
    for (const [key, setting] of Object.entries(SETTINGS)) {
      const value = config[key];
      line(
        ctx.stdout,
        `${key.padEnd(14)} ${value === undefined ? ctx.style.dim('(not set)') : clean(String(value))}  ${ctx.style.dim(setting.describe)}`,
      );
    }
    for (const name of LISTS) {
      const items = config.own?.[OWN_LISTS[name]!] ?? [];
      if (items.length) line(ctx.stdout, `your ${name} items: ${items.map(clean).join(', ')}`);
    }
    return;
  }
  if (what === 'get') {
    settingOf(first);
    const value = config[first!];
    if (value !== undefined) line(ctx.stdout, String(value));
    return;
  }

  const next: Config = { ...config };
  let said: string;
  if (what === 'set') {
    const setting = settingOf(first);
    const raw = rest.join(' ');
    const value = raw === '' ? undefined : setting.parse(raw);
    if (value === undefined)
      throw new UsageError(
        `${first} takes ${setting.allowed} (you gave "${raw}"), for example attach config set ${first} ${first === 'breath' ? 'box' : first === 'journal' ? '~/notes/journal.json' : '15'}.`,
      );
    next[first!] = value;
    said = `${first} is now ${String(value)}.`;
  } else if (what === 'unset') {
    settingOf(first);
    delete next[first!];
    said = `${first} is back to its default.`;
  } else {
    const list = listOf(first);
    const item = rest.join(' ').trim();
    if (!item) throw new UsageError(`Say the item, for example attach config ${what} ${first} "mom calls twice".`);
    const items = next.own?.[list] ?? [];
    if (what === 'add') {
      next.own = { ...next.own, [list]: dedupe([...items, item]) };
      said = `Added "${item}" to your ${first} items; attach will offer it from now on.`;
    } else {
      const kept = items.filter((existing) => existing.toLowerCase() !== item.toLowerCase());
      if (kept.length === items.length)
        throw new UsageError(`"${item}" is not one of your ${first} items${items.length ? `: ${items.join(', ')}` : ''}.`);
      next.own = { ...next.own, [list]: kept };
      said = `Removed "${item}" from your ${first} items.`;
    }
  }
  await writeConfig(next, ctx.env);
  line(ctx.stderr, said);
}
