import { firstTimeWords, ownWordsLine, resolveFlagWords } from '../catalogue/match.js';
import type { Context } from '../context.js';
import { Cancelled, isPromptCancel, UsageError } from '../errors.js';
import type { BREATHS } from '../journal/config.js';
import { findTriggerFor, latestTrigger, newPause, type PauseDraft, shortId } from '../journal/entries.js';
import type { FlagValues } from '../journal/field-types.js';
import { parseWhen } from '../parse/when.js';
import { entryLine, triggerSummary } from '../render/entries.js';
import { pauseEnding } from '../render/pause-ending.js';
import { duration } from '../render/time.js';
import { line } from '../ui/stream.js';
import type { TimedPause } from '../ui/timer-screen.js';

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
  const minutes = options.minutes ?? config.pauseMinutes ?? 20;
  const breath = options.breath ?? config.breath ?? 'coherent';
  const { before: strength, after, passed, tags, note } = options;
  // A pause that already happened (`--at`): recorded, not timed.
  const at = options.at === undefined ? undefined : await parseWhen(options.at, ctx.now());
  const store = ctx.journal();
  const journal = await store.read();
  const linkFlag = findTriggerFor(journal, options.for, (candidate) => entryLine(candidate, ctx.now()));

  const [{ loadCatalogues }, { loadQuestions }, { timePause }, { askBefore, askAfter }, { personalise }] = await Promise.all([
    import('../catalogue/catalogue.js'),
    import('../catalogue/questions.js'),
    import('../ui/timer-screen.js'),
    import('../flows/pause-flow.js'),
    import('../catalogue/personal.js'),
  ]);
  const catalogues = personalise(loadCatalogues(), config, journal.entries);
  const words = resolveFlagWords('pause', { urge: options.urge, activities: options.activities, next: options.next }, catalogues);
  const { urge, activities, next } = words.values as Pick<PauseOptions, 'urge' | 'activities' | 'next'>;
  const known = { urge, before: strength, after, passed };
  const questions = loadQuestions();
  const asker = ctx.interactive ? await ctx.asker() : null;

  let before: { for: string | null; urge: string | null; before: number };
  if (asker) {
    line(ctx.stderr, ctx.style.dim(questions.pauseBefore.intro));
    const offered = linkFlag === undefined ? latestTrigger(journal, ctx.now(), OFFER_WINDOW_MS) : null;
    const offer = offered && { entry: offered, summary: triggerSummary(offered, ctx.now()) };
    before = await askBefore(
      asker,
      { for: linkFlag, ...(urge ? { urge } : {}), ...(strength === undefined ? {} : { before: strength }) },
      offer,
      questions,
      catalogues,
    );
  } else {
    if (known.before === undefined)
      throw new UsageError('Add --before <0-10>, how strong the urge is now, for example --before 7 (needed when attach cannot ask).');
    before = { for: linkFlag ?? null, urge: known.urge ?? null, before: known.before };
  }

  const live = ctx.canAnimate && !options.plain && at === undefined;
  const steps = catalogues.breathing.find((item) => item.id === breath)?.steps ?? null;
  const ideas = catalogues.activities.slice(0, 4).map((item) => item.label);
  const urgeWords = before.urge && (catalogues.urges.find((item) => item.id === before.urge)?.label ?? before.urge);
  const title = urgeWords ? `Pausing with the urge: ${urgeWords.toLowerCase()}` : 'Pausing';
  const plannedMs = Math.round(minutes * 60_000);
  // A pause that already happened (`--at`) is recorded, not timed.
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
    if (!live) line(ctx.stderr, `Pausing for ${duration(minutes * 60)}. Breathe slowly, walk, or write it down: the urge can wait.`);
    const bell = options.bell !== false && Boolean(ctx.stderr.isTTY);
    timed = await timePause({ title, plannedMs, steps, ideas, bell, style: ctx.style }, await ctx.timerIO(live), asker !== null);
  }
  const { outcome } = timed;

  const plannedSeconds = Math.round(outcome.state.plannedMs / 1000);
  const draft: PauseDraft = {
    for: before.for,
    urge: before.urge,
    plannedSeconds,
    elapsedSeconds: Math.min(Math.round(outcome.state.countedMs / 1000), plannedSeconds),
    completed: outcome.state.status === 'done',
    before: before.before,
    after: after ?? null,
    passed: passed ?? null,
    activities: activities ?? [],
    notes: outcome.notes,
    next: next ?? null,
    ...(at === undefined ? {} : { at }),
    ...(tags === undefined ? {} : { tags }),
    ...(note === undefined ? {} : { note }),
  };
  const save = async () => {
    const entry = newPause(draft, new Date(outcome.startedAt), ctx.now());
    try {
      await store.update((j) => {
        j.entries.push(entry);
      });
    } finally {
      timed.release();
    }
    return entry;
  };

  if (outcome.state.status === 'cancelled' || timed.interrupted()) {
    const entry = await save();
    throw new Cancelled(
      `Stopped. The ${duration(entry.elapsedSeconds)} you paused ${entry.elapsedSeconds === 1 ? 'was' : 'were'} saved (${shortId(entry.id)}).`,
    );
  }
  if (asker) {
    line(ctx.stderr, ctx.style.dim(questions.pauseAfter.intro));
    try {
      // The note being typed when the time ran out: the person's Enter finishes it, as they meant.
      // Kept as it is until then, so a Ctrl-C here loses nothing either.
      if (outcome.unfinished !== undefined) {
        const notes = [...(draft.notes ?? []), outcome.unfinished.trim()];
        draft.notes = notes;
        const finished = await asker.text({
          message: 'Your note, to finish (Enter keeps it):',
          default: outcome.unfinished,
        });
        draft.notes = finished ? [...notes.slice(0, -1), finished] : notes.slice(0, -1);
      }
      Object.assign(
        draft,
        await askAfter(
          asker,
          Object.fromEntries(Object.entries({ after, passed, activities, next }).filter(([, value]) => value !== undefined)),
          before.before,
          questions,
          catalogues,
        ),
      );
    } catch (error) {
      if (!isPromptCancel(error)) throw error;
      const entry = await save();
      throw new Cancelled(`\nStopped. Your pause was saved without the last answers (${shortId(entry.id)}).`);
    }
  }
  const entry = await save();
  if (timed.interrupted()) throw new Cancelled(`Stopped. Your pause was saved (${shortId(entry.id)}).`);
  if (options.json) line(ctx.stdout, JSON.stringify(entry, null, 2));
  for (const text of pauseEnding(entry)) line(ctx.stderr, text);
  const own = ownWordsLine(firstTimeWords(words.own, journal.entries));
  if (own) line(ctx.stderr, ctx.style.dim(own));
  line(ctx.stderr, ctx.style.dim(`Saved to your journal (${shortId(entry.id)}).`));
}
