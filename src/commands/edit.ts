import { fieldLabeller, loadCatalogues } from '../catalogue/catalogue.js';
import { firstTimeWords, ownWordsLine, resolveFlagWords } from '../catalogue/match.js';
import { personalise } from '../catalogue/personal.js';
import { loadQuestions } from '../catalogue/questions.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { runEditFlow } from '../flows/edit-flow.js';
import { findEntry, findLinkTarget, shortId } from '../journal/entries.js';
import { checkOnlyWhen, fieldOf } from '../journal/fields.js';
import { type Entry, isKnown } from '../journal/types.js';
import { readClear, readEditFlags } from '../parse/field-flags.js';
import { parseWhen } from '../parse/when.js';
import { entryLine } from '../render/entries.js';
import { toOffsetIso } from '../time/calendar.js';
import { line, say, widthOf, writeJson } from '../ui/stream.js';

/**
 * The flags of `attach edit`: every editable field's flag (journal/fields.ts),
 * each as the text given, by the flag's long name; read once the entry's
 * type is known, with the same rules as the command that made it.
 */
export type EditOptions = Record<string, string[] | undefined> & { json?: boolean; clear?: string[] };

export async function run(id: string, options: EditOptions, ctx: Context): Promise<void> {
  const store = ctx.journal();
  const journal = await store.read();
  const now = ctx.now();
  const describe = (candidate: Parameters<typeof entryLine>[0]) => entryLine(candidate, now);
  const found = findEntry(journal, id, describe);
  if (!isKnown(found))
    throw new UsageError(`${shortId(found.id)} is a "${found.type}" entry, which this version of attach can show but not edit.`);

  const { json, clear, ...flags } = options;
  const catalogues = personalise(loadCatalogues(), await ctx.config(), journal.entries);
  const words = resolveFlagWords(found.type, readEditFlags(found.type, flags), catalogues);
  const cleared = readClear(found.type, clear ?? []);
  const both = Object.keys(cleared).filter((name) => name in words.values);
  if (both.length) throw new UsageError(`--clear and a new value for ${both.join(', ')}: pick one.`);
  let changes = { ...words.values, ...cleared };
  if (Object.keys(changes).length === 0) {
    if (!ctx.interactive) {
      const example = found.type === 'trigger' ? '--intensity 5' : '--note "…"';
      throw new UsageError(`Say what to change, for example: attach edit ${shortId(found.id)} ${example} (see attach edit --help).`);
    }
    line(ctx.stderr, entryLine(found, now, widthOf(ctx.stderr), fieldLabeller(catalogues)));
    changes = await runEditFlow(await ctx.asker(), found, loadQuestions(), catalogues);
    if (Object.keys(changes).length === 0) {
      say(ctx.stderr, 'Nothing changed.');
      return;
    }
  }
  const unmet = checkOnlyWhen(found.type, { ...found, ...changes }, true);
  if (unmet) throw new UsageError(unmet);
  // A time and a link are text until read here, against the clock and the journal.
  for (const [name, value] of Object.entries(changes)) {
    const field = fieldOf(found.type, name);
    if (field?.kind === 'time' && typeof value === 'string') changes[name] = await parseWhen(value, now);
    if (field?.kind === 'link' && typeof value === 'string') changes[name] = findLinkTarget(journal, value, field.linksTo ?? [], describe);
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
  if (json) writeJson(ctx.stdout, edited);
  const what = Object.keys(changes).map((name) => fieldOf(found.type, name)?.label ?? name);
  say(ctx.stderr, `Changed ${shortId(edited.id)}: ${what.join(', ')}.`);
  const own = ownWordsLine(firstTimeWords(words.own, journal.entries));
  if (own) say(ctx.stderr, ctx.style.dim(own));
}
