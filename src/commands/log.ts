import type { Context } from '../context.js';
import { Cancelled, isPromptCancel, UsageError } from '../errors.js';
import { newTrigger, shortId, type TriggerDraft } from '../journal/entries.js';
import type { FlagValues } from '../journal/field-types.js';
import { parseWhen } from '../parse/when.js';
import { CRISIS_LINES } from '../render/safety.js';
import { line } from '../ui/stream.js';

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
  const [{ loadCatalogues }, { personalise }, match] = await Promise.all([
    import('../catalogue/catalogue.js'),
    import('../catalogue/personal.js'),
    import('../catalogue/match.js'),
  ]);
  // Refuse an unreadable journal before asking anything, not after; without questions, reading it waits for the write.
  const entries = ctx.interactive ? (await store.read()).entries : [];
  const catalogues = personalise(loadCatalogues(), config, entries);
  const resolved = match.resolveFlagWords('trigger', await draftFromFlags(words, options, ctx.now()), catalogues);
  const known = resolved.values as Partial<TriggerDraft>;
  let draft: TriggerDraft;
  if (ctx.interactive) {
    const [{ runLogFlow }, { loadQuestions }] = await Promise.all([import('../flows/log-flow.js'), import('../catalogue/questions.js')]);
    const questions = loadQuestions();
    line(ctx.stderr, ctx.style.dim(questions.log.intro));
    draft = await runLogFlow(await ctx.asker(), known, questions, catalogues);
  } else {
    if (!known.what) {
      throw new UsageError(
        'Say what happened, in a few words: attach log "no reply since this morning" --intensity 6 (needed when attach cannot ask).',
      );
    }
    if (known.intensity === undefined) {
      throw new UsageError('Add --intensity <0-10>, how strong it is, for example --intensity 6 (needed when attach cannot ask).');
    }
    draft = known as TriggerDraft;
  }

  const entry = newTrigger(draft, ctx.now());
  const firstTime = await store.update((journal) => {
    const fresh = match.firstTimeWords(resolved.own, journal.entries);
    journal.entries.push(entry);
    return fresh;
  });

  if (options.json) line(ctx.stdout, JSON.stringify(entry, null, 2));
  const { style } = ctx;
  line(ctx.stderr, `Saved to your journal ${style.dim(`(${shortId(entry.id)})`)}. Noticing it is already a step back from it.`);
  const own = match.ownWordsLine(firstTime);
  if (own) line(ctx.stderr, style.dim(own));
  if (entry.intensity === 10) {
    line(ctx.stderr);
    for (const text of CRISIS_LINES) line(ctx.stderr, text);
  }
  // A pause is for now: not offered for a moment logged hours later.
  const recent = ctx.now().getTime() - Date.parse(entry.at) <= RECENT_MS;
  if (entry.intensity < 7 || !recent) return;
  const minutes = config.pauseMinutes ?? 20;
  const length = Number.isInteger(minutes) ? `${minutes}-minute` : `${Math.round(minutes * 60)}-second`;
  line(ctx.stderr, `That's a lot to carry. A ${length} pause can help the urge settle: ${style.bold('attach pause')}`);
  if (!ctx.interactive) return;
  // Enter declines: a timer never starts unless the person says so.
  const start = await (await ctx.asker()).confirm({ message: `Start a ${length} pause now?`, default: false }).catch((error: unknown) => {
    if (isPromptCancel(error)) throw new Cancelled(`\nYour moment is saved (${shortId(entry.id)}); no pause was started.`);
    throw error;
  });
  if (!start) {
    line(ctx.stderr, 'Okay. It is here whenever you want it.');
    return;
  }
  const { run: pause } = await import('./pause.js');
  await pause({ for: entry.id }, ctx);
}

const RECENT_MS = 2 * 60 * 60 * 1000;
