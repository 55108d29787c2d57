import { loadCatalogues } from '../catalogue/catalogue.js';
import { firstTimeWords, ownWordsLine, resolveFlagWords } from '../catalogue/match.js';
import { personalise } from '../catalogue/personal.js';
import { loadAskTemplates, loadQuestions } from '../catalogue/questions.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { draftAsks } from '../flows/direct-ask.js';
import { runReflectFlow } from '../flows/reflect-flow.js';
import { findLinkTarget, latestTrigger, newReflection, type ReflectionDraft, shortId } from '../journal/entries.js';
import type { FlagValues } from '../journal/field-types.js';
import type { Journal, ReflectionEntry, TriggerEntry } from '../journal/types.js';
import { parseWhen } from '../parse/when.js';
import { clean } from '../render/clean.js';
import { entryLine, triggerSummary } from '../render/entries.js';
import { command } from '../render/wrap.js';
import { say, writeJson } from '../ui/stream.js';

/** The flags of `attach reflect`: the reflection's fields from the table, each already read. */
export type ReflectOptions = FlagValues<'reflection'> & { json?: boolean };

const OFFER_WINDOW_MS = 24 * 60 * 60 * 1000;

/** A pause fits as a next step unless one was already taken for the same moment. */
function pauseFits(journal: Journal, entry: ReflectionEntry): boolean {
  return !entry.for || !journal.entries.some((other) => other.type === 'pause' && other.for === entry.for);
}

/** Whether anything of the reflection itself was given: a link or a time alone is not a reflection. */
function said(draft: ReflectionDraft): boolean {
  const { for: _for, at: _at, ...rest } = draft;
  return Object.values(rest).some((value) =>
    Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== '',
  );
}

export async function run(options: ReflectOptions, ctx: Context): Promise<void> {
  const { json: _json, for: linkFlag, at: atFlag, ...flags } = options;
  const known: Partial<ReflectionDraft> = { ...flags };
  const now = ctx.now();
  if (atFlag !== undefined) known.at = await parseWhen(atFlag, now);
  const store = ctx.journal();
  const journal = await store.read();
  const link = findLinkTarget(journal, linkFlag, ['trigger'], (candidate) => entryLine(candidate, now));
  if (link !== undefined) known.for = link;

  const builtIn = loadCatalogues();
  const templates = loadAskTemplates(builtIn);
  const catalogues = personalise(builtIn, await ctx.config(), journal.entries);
  const words = resolveFlagWords('reflection', known, catalogues);
  Object.assign(known, words.values);
  let draft: ReflectionDraft;
  if (ctx.interactive) {
    const questions = loadQuestions();
    say(ctx.stderr, ctx.style.dim(questions.reflect.intro));
    // A reflection looks at a protest behaviour: the latest moment that recorded one is offered first.
    const withProtest = (trigger: TriggerEntry) => trigger.protest.length > 0;
    const offered =
      link === undefined
        ? (latestTrigger(journal, now, OFFER_WINDOW_MS, withProtest) ?? latestTrigger(journal, now, OFFER_WINDOW_MS))
        : null;
    draft = await runReflectFlow(
      await ctx.asker(),
      known,
      offered && { entry: offered, summary: triggerSummary(offered, now) },
      questions,
      catalogues,
      templates,
    );
  } else {
    if (!known.protest) {
      throw new UsageError(
        `Add --protest <behaviour>, what you did, for example ${command('--protest withdrawing')} (needed when attach cannot ask).`,
      );
    }
    if (!known.needs && !known.ask) {
      throw new UsageError(
        `Add --need <need> (for example ${command('--need reassurance')}) or ${command('--ask "<your words>"')}, ` +
          'or both (needed when attach cannot ask).',
      );
    }
    draft = known;
  }

  // Enter on every question: there is nothing to keep, and thanks for a look not taken would ring hollow.
  if (!said(draft)) {
    say(
      ctx.stderr,
      `Nothing was written down this time, so nothing was saved. The questions are here when you want them: ${command('attach reflect')}`,
    );
    return;
  }
  const entry = newReflection(draft, ctx.now());
  await store.update(
    (j) => {
      j.entries.push(entry);
    },
    { adding: [entry] },
  );

  if (options.json) writeJson(ctx.stdout, entry);
  say(
    ctx.stderr,
    entry.needs.length
      ? 'Thank you for looking at this with curiosity. Seeing the need underneath is how the pattern starts to loosen.'
      : 'Thank you for looking at this with curiosity.',
  );
  if (entry.ask) {
    say(ctx.stderr, `When you're ready, you could say: "${clean(entry.ask)}"`);
  } else {
    const [suggestion] = draftAsks(templates, catalogues, entry.felt, entry.needs);
    if (suggestion) say(ctx.stderr, `One way you could say it: "${clean(suggestion)}"`);
  }
  if (pauseFits(journal, entry))
    say(ctx.stderr, `Next time the urge is loud, a pause can hold the space before you act: ${ctx.style.bold('attach pause')}`);
  const own = ownWordsLine(firstTimeWords(words.own, journal.entries));
  if (own) say(ctx.stderr, ctx.style.dim(own));
  say(ctx.stderr, ctx.style.dim(`Saved to your journal (${shortId(entry.id)}).`));
}
