import { loadCatalogues } from '../catalogue/catalogue.js';
import * as match from '../catalogue/match.js';
import { personalise } from '../catalogue/personal.js';
import { loadQuestions } from '../catalogue/questions.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { askSection } from '../flows/ask-section.js';
import { type Draft, newEntry, shortId } from '../journal/entries.js';
import type { FlagValues } from '../journal/field-types.js';
import { parseWhen } from '../parse/when.js';
import { command } from '../render/wrap.js';
import { say, writeJson } from '../ui/stream.js';

/** The flags of `attach glimmer`: the glimmer's fields from the table, each already read. */
export type GlimmerOptions = FlagValues<'glimmer'> & { json?: boolean };

/**
 * A glimmer: a small moment that felt safe, warm or connected. Asked like a
 * logged moment on a terminal; an offer to notice, never a duty.
 */
export async function run(words: string[], options: GlimmerOptions, ctx: Context): Promise<void> {
  const { json, at, ...flags } = options;
  const what = words.join(' ').trim();
  const store = ctx.journal();
  const config = await ctx.config();
  const entries = ctx.interactive ? (await store.read()).entries : [];
  const catalogues = personalise(loadCatalogues(), config, entries);
  const resolved = match.resolveFlagWords('glimmer', { ...flags, ...(what ? { what } : {}) }, catalogues);
  let draft = { ...resolved.values, ...(at === undefined ? {} : { at: await parseWhen(at, ctx.now()) }) } as Draft<'glimmer'>;
  if (ctx.interactive) {
    const questions = loadQuestions();
    say(ctx.stderr, ctx.style.dim(questions.glimmer.intro));
    draft = (await askSection(await ctx.asker(), questions.glimmer, questions, catalogues, draft)) as Draft<'glimmer'>;
  } else if (!draft.what) {
    throw new UsageError(
      `Say what happened, in a few words: ${command('attach glimmer "she texted good luck"')} (needed when attach cannot ask).`,
    );
  }
  const entry = newEntry('glimmer', draft, ctx.now());
  const firstTime = await store.update(
    (journal) => {
      const fresh = match.firstTimeWords(resolved.own, journal.entries);
      journal.entries.push(entry);
      return fresh;
    },
    { adding: [entry] },
  );
  if (json) writeJson(ctx.stdout, entry);
  say(ctx.stderr, `Saved to your journal ${ctx.style.dim(`(${shortId(entry.id)})`)}. A moment like this is worth keeping too.`);
  const own = match.ownWordsLine(firstTime);
  if (own) say(ctx.stderr, ctx.style.dim(own));
}
