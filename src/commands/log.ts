import { loadCatalogues } from '../catalogue/catalogue.js';
import * as match from '../catalogue/match.js';
import { personalise } from '../catalogue/personal.js';
import { loadQuestions } from '../catalogue/questions.js';
import type { Context } from '../context.js';
import { Cancelled, isPromptCancel, UsageError } from '../errors.js';
import { afterMoment } from '../flows/after-moment.js';
import { runLogFlow } from '../flows/log-flow.js';
import { newTrigger, shortId, type TriggerDraft } from '../journal/entries.js';
import type { FlagValues } from '../journal/field-types.js';
import { readState, writeState } from '../journal/state.js';
import { parseWhen } from '../parse/when.js';
import { CRISIS_LINES } from '../render/safety.js';
import { command } from '../render/wrap.js';
import { say, writeJson } from '../ui/stream.js';
import { run as runPause } from './pause.js';

/** The flags of `attach log`: the trigger's fields from the table, each already read (parse/field-flags.ts). */
export type LogOptions = FlagValues<'trigger'> & { json?: boolean };

/** What the words and flags say, before anything is asked; `--at` is read here, against the clock. */
async function draftFromFlags(words: string[], options: LogOptions, now: Date): Promise<Partial<TriggerDraft>> {
  const { json: _json, at, ...fields } = options;
  const what = words.join(' ').trim();
  return { ...fields, ...(what ? { what } : {}), ...(at === undefined ? {} : { at: await parseWhen(at, now) }) };
}

export async function run(words: string[], options: LogOptions, ctx: Context): Promise<void> {
  const store = ctx.journal();
  const config = await ctx.config();
  // Refuse an unreadable journal before asking anything, not after; without questions, reading it waits for the write.
  const entries = ctx.interactive ? (await store.read()).entries : [];
  const catalogues = personalise(loadCatalogues(), config, entries);
  const resolved = match.resolveFlagWords('trigger', await draftFromFlags(words, options, ctx.now()), catalogues);
  const known = resolved.values as Partial<TriggerDraft>;
  let draft: TriggerDraft;
  if (ctx.interactive) {
    const questions = loadQuestions();
    say(ctx.stderr, ctx.style.dim(questions.log.intro));
    let strength = known.intensity;
    draft = await runLogFlow(await ctx.asker(), known, questions, catalogues, (field, value) => {
      if (field === 'intensity') strength = value as number;
    }).catch((error: unknown) => {
      // Ctrl-C after a 10: nothing is saved, as the person chose, but the lines a 10 brings are still shown.
      if (isPromptCancel(error) && strength === 10)
        throw new Cancelled(
          '\nNothing was saved.',
          CRISIS_LINES.map((text) => `\n${text}`),
        );
      throw error;
    });
  } else {
    if (!known.what) {
      throw new UsageError(
        `Say what happened, in a few words: ${command('attach log "no reply since noon" -i 6')} (needed when attach cannot ask).`,
      );
    }
    if (known.intensity === undefined) {
      throw new UsageError(
        `Add --intensity <0-10>, how strong it is, for example ${command('--intensity 6')} (needed when attach cannot ask).`,
      );
    }
    draft = known as TriggerDraft;
  }

  const entry = newTrigger(draft, ctx.now());
  const { firstTime, journal } = await store.update(
    (journal) => {
      const fresh = match.firstTimeWords(resolved.own, journal.entries);
      journal.entries.push(entry);
      return { firstTime: fresh, journal };
    },
    { adding: [entry] },
  );

  if (options.json) writeJson(ctx.stdout, entry);
  const { style } = ctx;
  say(ctx.stderr, `Saved to your journal ${style.dim(`(${shortId(entry.id)})`)}. Noticing it is already a step back from it.`);
  const own = match.ownWordsLine(firstTime);
  if (own) say(ctx.stderr, style.dim(own));

  // The state file is only read when a glimmer may be offered: most moments need nothing from it.
  const state = entry.intensity >= 7 ? await readState(ctx.env) : {};
  const after = await afterMoment({
    moment: entry,
    entries: journal.entries,
    config,
    glimmerShownOn: state.glimmerShownOn,
    now: ctx.now(),
    say: (text = '') => say(ctx.stderr, text),
    bold: style.bold,
    ask: ctx.interactive ? await ctx.asker() : null,
  }).catch((error: unknown) => {
    // Ctrl-C at the offer: the moment is already saved.
    if (isPromptCancel(error)) throw new Cancelled(`\nYour moment is saved (${shortId(entry.id)}); no pause was started.`);
    throw error;
  });
  if (after.glimmerShownOn) await writeState(ctx.env, { ...state, glimmerShownOn: after.glimmerShownOn });
  if (after.pause) await runPause({ for: entry.id }, ctx);
}
