import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { findEntry, shortId } from '../journal/entries.js';
import { type Entry, isKnown, type KnownEntry } from '../journal/types.js';
import { parseChoice, parseList, parseScore, parseText } from '../parse/values.js';
import { parseWhen } from '../parse/when.js';
import { entryLine } from '../render/entries.js';
import { toOffsetIso } from '../time/offset.js';
import { line } from '../ui/stream.js';
import type { LogOptions } from './log.js';
import type { ReflectOptions } from './reflect.js';

/** The options of the commands that make entries: an edit takes the same ones. */
export interface EditOptions extends LogOptions, Omit<ReflectOptions, 'for'> {
  what?: string;
  before?: string;
  after?: string;
  passed?: string;
}

type Reader = (o: EditOptions, entry: KnownEntry) => unknown;

const common: Record<string, [string, Reader]> = {
  tag: ['tags', (o) => parseList(o.tag, '--tag')],
  note: ['note', (o) => parseText(o.note, '--note')],
};

/** Which flag sets which field, for each type: the same flags as the command that made it. */
const FLAGS: Record<KnownEntry['type'], Record<string, [string, Reader]>> = {
  trigger: {
    what: ['what', (o) => parseText(o.what, '--what')],
    who: ['who', (o) => parseText(o.who, '--who')],
    trigger: ['triggers', (o) => parseList(o.trigger, '--trigger')],
    intensity: ['intensity', (o) => parseScore(o.intensity!, '--intensity')],
    body: ['body', (o) => parseList(o.body, '--body')],
    thought: ['thought', (o) => parseText(o.thought, '--thought')],
    urge: ['urges', (o) => parseList(o.urge, '--urge')],
    protest: ['protest', (o) => parseList(o.protest, '--protest')],
    instead: ['instead', (o) => parseText(o.instead, '--instead')],
    ...common,
  },
  pause: {
    urge: ['urge', (o) => parseText(o.urge!.join(', '), '--urge')],
    before: ['before', (o) => parseScore(o.before!, '--before')],
    after: ['after', (o) => parseScore(o.after!, '--after')],
    passed: ['passed', (o) => parseChoice(o.passed!, '--passed', ['yes', 'no'] as const) === 'yes'],
    ...common,
  },
  reflection: {
    protest: ['protest', (o) => parseList(o.protest, '--protest')],
    situation: ['situation', (o) => parseText(o.situation, '--situation')],
    need: ['needs', (o) => parseList(o.need, '--need')],
    hoped: ['hoped', (o) => parseText(o.hoped, '--hoped')],
    happened: ['happened', (o) => parseText(o.happened, '--happened')],
    felt: ['felt', (o) => parseText(o.felt, '--felt')],
    ask: ['ask', (o) => parseText(o.ask, '--ask')],
    ...common,
  },
};

const flagName = (key: string) => `--${key}`;

/** The changes the flags ask for; a flag that does not fit this type of entry is exit 2. */
async function changesFromFlags(options: EditOptions, entry: KnownEntry, now: Date): Promise<Record<string, unknown>> {
  const fits = FLAGS[entry.type];
  const given = Object.keys(options).filter((key) => key !== 'json' && options[key as keyof EditOptions] !== undefined);
  const changes: Record<string, unknown> = {};
  for (const key of given) {
    if (key === 'at') {
      changes.at = await parseWhen(options.at!, now);
      continue;
    }
    const fit = fits[key];
    if (!fit) {
      throw new UsageError(
        `${flagName(key)} doesn't apply to a ${entry.type}; its options are ${[...Object.keys(fits), 'at'].map(flagName).join(', ')}.`,
      );
    }
    changes[fit[0]] = fit[1](options, entry);
  }
  return changes;
}

export async function run(id: string, options: EditOptions, ctx: Context): Promise<void> {
  const store = ctx.journal();
  const journal = await store.read();
  const now = ctx.now();
  const found = findEntry(journal, id, (candidate) => entryLine(candidate, now));
  if (!isKnown(found))
    throw new UsageError(`${shortId(found.id)} is a "${found.type}" entry, which this version of attach can show but not edit.`);

  let changes = await changesFromFlags(options, found, now);
  if (Object.keys(changes).length === 0) {
    if (!ctx.interactive)
      throw new UsageError(
        `Say what to change, for example: attach edit ${shortId(found.id)} ${found.type === 'trigger' ? '--intensity 5' : '--note "…"'} (see attach edit --help).`,
      );
    const [{ runEditFlow }, { loadCatalogues, loadQuestions }, { personalise }] = await Promise.all([
      import('../flows/edit-flow.js'),
      import('../catalogue/catalogue.js'),
      import('../catalogue/personal.js'),
    ]);
    line(ctx.stderr, entryLine(found, now));
    changes = await runEditFlow(
      await ctx.asker(),
      found,
      loadQuestions(),
      personalise(loadCatalogues(), await ctx.config(), journal.entries),
    );
    if (Object.keys(changes).length === 0) {
      line(ctx.stderr, 'Nothing changed.');
      return;
    }
  }

  const edited = await store.update((j) => {
    // Re-found under the lock: another attach may have changed the journal since.
    const index = j.entries.findIndex((e) => e.id === found.id);
    if (index === -1) throw new UsageError(`${shortId(found.id)} was deleted meanwhile; nothing was changed.`);
    // A new object, never a change in place: entries read from the file are frozen, and an unchanged one is written as it was read.
    const entry = { ...j.entries[index]!, ...changes, editedAt: toOffsetIso(ctx.now()) } as Entry;
    j.entries[index] = entry;
    return entry;
  });
  if (options.json) line(ctx.stdout, JSON.stringify(edited, null, 2));
  line(ctx.stderr, `Changed ${shortId(edited.id)}: ${Object.keys(changes).join(', ')}.`);
}
