import { loadCatalogues } from '../catalogue/catalogue.js';
import { editDistance } from '../catalogue/match.js';
import { personalise } from '../catalogue/personal.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { type Config, checkConfig, keepAside, OWN_LISTS, SETTINGS, type Settings, writeConfig } from '../journal/config.js';
import { dedupe } from '../parse/values.js';
import { clean } from '../render/clean.js';
import { itemLines, settingLines } from '../render/settings.js';
import { command } from '../render/wrap.js';
import { line, say, widthOf, writeJson } from '../ui/stream.js';

export interface ConfigOptions {
  json?: boolean;
}

const ACTIONS = ['list', 'get', 'set', 'unset', 'add', 'remove'];
const KEYS = Object.keys(SETTINGS);
const LISTS = Object.keys(OWN_LISTS);

/** "; did you mean pauseMinutes?" for a name a letter or two away from one (with the command, when given it). */
function closest(name: string, names: readonly string[], typed?: (near: string) => string): string {
  const distance = (candidate: string) => editDistance(name.toLowerCase(), candidate.toLowerCase());
  const near = names.filter((candidate) => distance(candidate) <= 2).sort((a, b) => distance(a) - distance(b))[0];
  if (!near) return '.';
  return typed ? `; did you mean ${near} (${command(typed(near))})?` : `; did you mean ${near}?`;
}

/** The setting named `key`; `typed` is the command again, with the name put right, for the suggestion. */
function settingOf(key: string | undefined, typed?: (near: string) => string) {
  const setting = key === undefined ? undefined : SETTINGS[key];
  if (setting) return setting;
  if (key === undefined) throw new UsageError(`Name a setting: ${KEYS.join(', ')}.`);
  throw new UsageError(`"${clean(key)}" is not a setting${closest(key, KEYS, typed)} The settings are ${KEYS.join(', ')}.`);
}

function listOf(name: string | undefined) {
  if (name !== undefined && OWN_LISTS[name]) return OWN_LISTS[name];
  const example = 'for example attach config add trigger "mom calls twice"';
  if (name === undefined) throw new UsageError(`Name a list: ${LISTS.join(', ')}, ${example}.`);
  throw new UsageError(`"${clean(name)}" is not a list${closest(name, LISTS)} The lists are ${LISTS.join(', ')}, ${example}.`);
}

async function show(list: string | undefined, settings: Settings, options: ConfigOptions, ctx: Context): Promise<void> {
  const { config } = settings;
  if (list !== undefined) {
    // One list as attach offers it: the built-in items, then the person's own.
    const name = listOf(list);
    const journal = await ctx.journal().read();
    const items = personalise(loadCatalogues(), config, journal.entries)[name];
    const builtIn = new Set(loadCatalogues()[name].map((item) => item.id.toLowerCase()));
    const own = new Set(items.filter((item) => !builtIn.has(item.id.toLowerCase())).map((item) => item.id.toLowerCase()));
    if (options.json)
      return writeJson(
        ctx.stdout,
        items.map((item) => ({ ...item, own: own.has(item.id.toLowerCase()) })),
      );
    for (const text of itemLines(items, own, widthOf(ctx.stdout))) line(ctx.stdout, text);
    return;
  }
  if (options.json) return writeJson(ctx.stdout, config);
  say(ctx.stderr, ctx.style.dim(`Settings in ${settings.file}`));
  for (const text of settingLines(config, SETTINGS, ctx.outStyle.dim, widthOf(ctx.stdout))) line(ctx.stdout, text);
  for (const name of LISTS) {
    const items = config.own?.[OWN_LISTS[name]!] ?? [];
    if (items.length) say(ctx.stdout, `your ${name} items: ${items.map(clean).join(', ')}`, '  ');
  }
  for (const problem of settings.problems) say(ctx.stderr, problem);
  if (settings.unreadable)
    say(ctx.stderr, 'Fix the file by hand, or start afresh with attach config set <setting> <value> (the old file is kept aside).');
}

/** What `set`, `unset`, `add` and `remove` change, on the file as written (bad values it doesn't touch are kept). */
function change(what: string, first: string | undefined, rest: string[], start: Config): { next: Config; said: string } {
  const next: Config = { ...start };
  if (what === 'set') {
    const setting = settingOf(first, (near) => `attach config set ${near} ${rest.map(clean).join(' ')}`.trimEnd());
    const raw = rest.join(' ');
    const value = raw === '' ? undefined : setting.parse(raw);
    if (value === undefined) {
      throw new UsageError(
        `${first} takes ${setting.allowed} (you gave "${clean(raw)}"), ` +
          `for example ${command(`attach config set ${first} ${setting.example}`)}.`,
      );
    }
    next[first!] = value;
    return { next, said: `${first} is now ${clean(String(value))}.` };
  }
  if (what === 'unset') {
    settingOf(first);
    delete next[first!];
    return { next, said: `${first} is back to its default.` };
  }
  const list = listOf(first);
  const item = rest.join(' ').trim();
  if (!item) throw new UsageError(`Say the item, for example attach config ${what} ${first} "mom calls twice".`);
  // Own lists as written, unless they are so broken they can't be kept.
  const own = typeof next.own === 'object' && next.own !== null && !Array.isArray(next.own) ? next.own : {};
  const items = Array.isArray(own[list]) ? own[list] : [];
  if (what === 'add') {
    // Said as it is: an item already offered (one's own, or built in by its id or words) is not added twice.
    const same = (text: string) => text.toLowerCase() === item.toLowerCase();
    const builtIn = loadCatalogues()[list].find((known) => same(known.id) || same(known.label));
    if (builtIn) return { next: start, said: `"${clean(item)}" is already in the ${first} list (${builtIn.id}); nothing changed.` };
    if (items.some((own) => typeof own === 'string' && same(own)))
      return { next: start, said: `"${clean(item)}" is already one of your ${first} items; nothing changed.` };
    next.own = { ...own, [list]: dedupe([...items, item]) };
    return { next, said: `Added "${clean(item)}" to your ${first} items; attach will offer it from now on.` };
  }
  const kept = items.filter((existing) => existing.toLowerCase() !== item.toLowerCase());
  if (kept.length === items.length) {
    throw new UsageError(`"${clean(item)}" is not one of your ${first} items${items.length ? `: ${items.map(clean).join(', ')}` : ''}.`);
  }
  next.own = { ...own, [list]: kept };
  return { next, said: `Removed "${clean(item)}" from your ${first} items.` };
}

export async function run(action: string | undefined, args: string[], options: ConfigOptions, ctx: Context): Promise<void> {
  const what = action ?? 'list';
  if (!ACTIONS.includes(what)) {
    throw new UsageError(
      `attach config takes ${ACTIONS.slice(0, -1).join(', ')} or ${ACTIONS.at(-1)} (you gave "${clean(what)}")${closest(what, ACTIONS)}`,
    );
  }
  const settings = await ctx.settings();
  const [first, ...rest] = args;
  if (rest.length > 0 && (what === 'get' || what === 'unset' || what === 'list')) {
    throw new UsageError(`attach config ${what} takes just ${what === 'list' ? 'a list name' : "the setting's name"}.`);
  }
  if (what === 'list') return show(first, settings, options, ctx);
  if (what === 'get') {
    settingOf(first);
    const value = settings.config[first!];
    if (value !== undefined) line(ctx.stdout, clean(String(value)));
    return;
  }
  // A file that is not a settings object is kept aside, never overwritten.
  const { next, said } = change(what, first, rest, (settings.raw as Config | null) ?? {});
  if (settings.unreadable) {
    say(ctx.stderr, `Your old settings file could not be read; it is kept as ${await keepAside(settings.file, ctx.now())}.`);
  }
  await writeConfig(next, ctx.env);
  say(ctx.stderr, said);
  for (const problem of checkConfig(next).problems) say(ctx.stderr, problem);
}
