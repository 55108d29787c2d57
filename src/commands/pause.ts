import { loadCatalogues } from '../catalogue/catalogue.js';
import { firstTimeWords, ownWordsLine, resolveFlagWords } from '../catalogue/match.js';
import { personalise } from '../catalogue/personal.js';
import { loadQuestions } from '../catalogue/questions.js';
import { inSentence } from '../catalogue/sentence.js';
import type { Context } from '../context.js';
import { Cancelled, isPromptCancel, UsageError } from '../errors.js';
import * as flow from '../flows/pause-flow.js';
import type { BREATHS } from '../journal/config.js';
import { findLinkTarget, latestTrigger, newPause, type PauseDraft, shortId } from '../journal/entries.js';
import type { FlagValues } from '../journal/field-types.js';
import * as plans from '../journal/plans.js';
import type { TriggerEntry } from '../journal/types.js';
import { parseWhen } from '../parse/when.js';
import { clean } from '../render/clean.js';
import { entryLine, triggerSummary } from '../render/entries.js';
import { pauseEnding } from '../render/pause-ending.js';
import { duration } from '../render/time.js';
import { command } from '../render/wrap.js';
import { say, writeJson } from '../ui/stream.js';
import { type TimedPause, timePause } from '../ui/timer-screen.js';

/** The flags of `attach pause`: the pause's fields from the table (already read), and how to run the timer. */
export type PauseOptions = FlagValues<'pause'> & {
  minutes?: number;
  breath?: (typeof BREATHS)[number];
  plain?: boolean;
  bell?: boolean;
  json?: boolean;
};

const OFFER_WINDOW_MS = 2 * 60 * 60 * 1000;

export async function run(options: PauseOptions, ctx: Context): Promise<void> {
  // Every flag is checked before anything is asked or timed.
  const config = await ctx.config();
  const { minutes = config.pauseMinutes ?? 20, breath = config.breath ?? 'coherent', plain, bell, json, for: linkFlag, ...flags } = options;
  // A pause that already happened (`--at`): recorded, not timed.
  const at = flags.at === undefined ? undefined : await parseWhen(flags.at, ctx.now());
  const store = ctx.journal();
  const journal = await store.read();
  const link = findLinkTarget(journal, linkFlag, ['trigger'], (candidate) => entryLine(candidate, ctx.now()));
  const catalogues = personalise(loadCatalogues(), config, journal.entries);
  const words = resolveFlagWords('pause', flags, catalogues);
  const known = words.values as Omit<PauseOptions, 'at' | 'for'>;
  const questions = loadQuestions();
  const asker = ctx.interactive ? await ctx.asker() : null;

  let before: { for: string | null; urge: string | null; before: number };
  if (asker) {
    say(ctx.stderr, ctx.style.dim(questions.pauseBefore.intro));
    const offered = link === undefined ? latestTrigger(journal, ctx.now(), OFFER_WINDOW_MS) : null;
    const offer = offered && { entry: offered, summary: triggerSummary(offered, ctx.now()) };
    const given = {
      for: link,
      ...(known.urge ? { urge: known.urge } : {}),
      ...(known.before === undefined ? {} : { before: known.before }),
    };
    before = await flow.askBefore(asker, given, offer, questions, catalogues);
  } else {
    if (known.before === undefined) {
      throw new UsageError(
        `Add --before <0-10>, how strong the urge is now, for example ${command('--before 7')} (needed when attach cannot ask).`,
      );
    }
    before = { for: link ?? null, urge: known.urge ?? null, before: known.before };
  }
  // The plan made for moments like the one this pause is for, at the start: it was made for now.
  const moment = journal.entries.find((entry): entry is TriggerEntry => entry.type === 'trigger' && entry.id === before.for);
  const [plan] = moment ? plans.plansFor(journal.entries, moment) : [];
  if (plan) say(ctx.stderr, `Your plan for this: ${clean(plan.then)}`);

  const live = ctx.canAnimate && !plain && at === undefined;
  const steps = catalogues.breathing.find((item) => item.id === breath)?.steps ?? null;
  const ideas = catalogues.activities.slice(0, 4).map((item) => item.label);
  const urgeWords = before.urge && (catalogues.urges.find((item) => item.id === before.urge)?.label ?? before.urge);
  const title = before.urge && urgeWords ? `Pausing with the urge: ${clean(inSentence(urgeWords, before.urge))}` : 'Pausing';
  const plannedMs = Math.round(minutes * 60_000);
  let timed: TimedPause = {
    outcome: {
      state: { status: 'done', plannedMs, countedMs: plannedMs, since: null },
      notes: [],
      startedAt: Date.parse(at ?? ''),
      endedAt: 0,
    },
    interrupted: () => false,
    release: () => {},
  };
  if (at === undefined) {
    if (!live) say(ctx.stderr, `Pausing for ${duration(minutes * 60)}. Breathe slowly, walk, or write it down: the urge can wait.`);
    const io = await ctx.timerIO(live);
    timed = await timePause(
      { title, plannedMs, steps, ideas, bell: bell !== false && Boolean(ctx.stderr.isTTY), style: ctx.style },
      io,
      asker !== null,
    );
  }
  const { outcome } = timed;
  const plannedSeconds = Math.round(outcome.state.plannedMs / 1000);
  const draft: PauseDraft = {
    ...known,
    ...before,
    plannedSeconds,
    elapsedSeconds: Math.min(Math.round(outcome.state.countedMs / 1000), plannedSeconds),
    completed: outcome.state.status === 'done',
    notes: outcome.notes,
    ...(outcome.message === undefined || known.draft !== undefined ? {} : { draft: outcome.message }),
    ...(at === undefined ? {} : { at }),
  };
  const save = async () => {
    const entry = newPause(draft, new Date(outcome.startedAt), ctx.now());
    await store.update((j) => void j.entries.push(entry), { adding: [entry] }).finally(() => timed.release());
    return entry;
  };

  if (outcome.state.status === 'cancelled' || timed.interrupted()) {
    const entry = await save();
    const were = entry.elapsedSeconds === 1 ? 'was' : 'were';
    throw new Cancelled(`Stopped. The ${duration(entry.elapsedSeconds)} you paused ${were} saved (${shortId(entry.id)}).`);
  }
  if (asker) {
    say(ctx.stderr, ctx.style.dim(questions.pauseAfter.intro));
    const left = { ...(outcome.unfinished === undefined ? {} : { note: outcome.unfinished }) };
    const show = (lines: string[]) => {
      for (const text of lines) say(ctx.stderr, text);
    };
    await flow.askAfter(asker, draft, left, show, questions, catalogues).catch(async (error: unknown) => {
      if (!isPromptCancel(error)) throw error;
      const entry = await save();
      throw new Cancelled(`\nStopped. Your pause was saved without the last answers (${shortId(entry.id)}).`);
    });
  }
  const entry = await save();
  if (timed.interrupted()) throw new Cancelled(`Stopped. Your pause was saved (${shortId(entry.id)}).`);
  if (json) writeJson(ctx.stdout, entry);
  for (const text of pauseEnding(entry)) say(ctx.stderr, text);
  const own = ownWordsLine(firstTimeWords(words.own, journal.entries));
  if (own) say(ctx.stderr, ctx.style.dim(own));
  say(ctx.stderr, ctx.style.dim(`Saved to your journal (${shortId(entry.id)}).`));
}
