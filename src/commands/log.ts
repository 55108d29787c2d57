import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
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
  const known = await draftFromFlags(words, options, ctx.now());
  let draft: TriggerDraft;
  if (ctx.interactive) {
    // Refuse an unreadable journal before asking anything, not after.
    const journal = await store.read();
    const [{ runLogFlow }, { loadCatalogues }, { loadQuestions }, { personalise }] = await Promise.all([
      import('../flows/log-flow.js'),
      import('../catalogue/catalogue.js'),
      import('../catalogue/questions.js'),
      import('../catalogue/personal.js'),
    ]);
    const questions = loadQuestions();
    line(ctx.stderr, ctx.style.dim(questions.log.intro));
    draft = await runLogFlow(await ctx.asker(), known, questions, personalise(loadCatalogues(), await ctx.config(), journal.entries));
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
  await store.update((journal) => {
    journal.entries.push(entry);
  });

  if (options.json) line(ctx.stdout, JSON.stringify(entry, null, 2));
  const { style } = ctx;
  line(ctx.stderr, `Saved to your journal ${style.dim(`(${shortId(entry.id)})`)}. Noticing it is already a step back from it.`);
  if (entry.intensity >= 7) {
    line(ctx.stderr, `That's a lot to carry. A 20-minute pause can help the urge settle: ${style.bold('attach pause')}`);
  }
  if (entry.intensity === 10) {
    line(ctx.stderr);
    for (const text of CRISIS_LINES) line(ctx.stderr, text);
  }
}
