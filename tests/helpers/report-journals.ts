/*
 * Journals for the report page's tests: a rich one (ten weeks, patterns,
 * pauses, reflections, own words), and one whose every word is hostile
 * markup. Deterministic: the same entries every run.
 */

import * as build from './entries.js';

export type RawEntry = Record<string, unknown>;

const day = (offset: number) => new Date(Date.UTC(2026, 10, 22 + offset)).toISOString().slice(0, 10);
function trigger(id: string, at: string, intensity: number, more: RawEntry = {}): RawEntry {
  return { ...build.trigger({ id, at, recordedAt: at, what: 'a moment', who: 'partner', intensity }), ...more };
}

function pause(id: string, at: string, before: number, after: number | null, passed: boolean | null, activities: string[]): RawEntry {
  const completed = after !== null;
  return build.pause({
    id,
    at,
    recordedAt: at,
    urge: 'double-text',
    elapsedSeconds: completed ? 1200 : 300,
    completed,
    before,
    after,
    passed,
    activities,
  });
}

function reflection(id: string, at: string, needs: string[], protest: string[]): RawEntry {
  return build.reflection({ id, at, recordedAt: at, protest, needs });
}

/** Ten weeks ending Sunday 22 November 2026 (zone -08:00): Sunday evenings in 8 of them, workday mornings, pauses, reflections. */
export function richJournal(): RawEntry[] {
  const entries: RawEntry[] = [];
  for (let w = 0; w < 10; w++) {
    const sunday = day(-7 * w);
    if (w !== 2 && w !== 6)
      entries.push(
        trigger(`sun-${w}`, `${sunday}T20:${10 + w}:00-08:00`, 6 + (w % 4), {
          what: 'no reply since the afternoon',
          triggers: w % 3 ? ['delayed-reply'] : ['delayed-reply', 'seems-distant'],
          body: ['tight-chest', 'racing-heart'],
          urges: ['double-text', 'ask-reassurance'],
          protest: w % 2 ? ['excessive-contact'] : ['excessive-contact', 'withdrawing'],
        }),
      );
    entries.push(
      trigger(`work-${w}`, `${day(-7 * w - 4 - (w % 3))}T09:${20 + w}:00-08:00`, 3 + (w % 3), {
        who: 'work',
        triggers: ['work-distant'],
        body: ['stomach-knot'],
        urges: ['overwork'],
      }),
    );
    if (w % 2 === 0)
      entries.push(
        trigger(`own-${w}`, `${day(-7 * w - 2)}T23:${30 + w}:00-08:00`, 5 + (w % 5), {
          triggers: ['they mentioned their ex'],
          urges: ['check-phone'],
          protest: ['keeping-score'],
        }),
      );
  }
  // The period's own days: a disagreement, a night of asking for space, plans changed.
  entries.push(
    trigger('tue', `${day(-5)}T18:45:00-08:00`, 7, {
      triggers: ['conflict'],
      body: ['hot-face'],
      urges: ['talk-now'],
      protest: ['hostile'],
    }),
    trigger('thu', `${day(-3)}T22:40:00-08:00`, 9, {
      triggers: ['asked-for-space', 'seems-distant'],
      body: ['tight-chest', 'throat-lump'],
      urges: ['follow-around', 'ask-reassurance'],
      protest: ['excessive-contact'],
    }),
    trigger('sat', `${day(-1)}T14:05:00-08:00`, 4, {
      who: 'friend',
      triggers: ['plans-changed'],
      urges: ['go-quiet'],
      protest: ['withdrawing'],
    }),
  );
  entries.push(
    pause('p1', `${day(0)}T20:40:00-08:00`, 8, 4, true, ['breathe', 'walk']),
    pause('p2', `${day(-2)}T23:50:00-08:00`, 7, 3, true, ['write']),
    pause('p3', `${day(-4)}T10:00:00-08:00`, 5, 5, false, []),
    pause('p4', `${day(-5)}T21:00:00-08:00`, 8, 4, true, ['breathe']),
    pause('p5', `${day(-6)}T19:00:00-08:00`, 6, null, null, []),
    reflection('r1', `${day(-1)}T10:00:00-08:00`, ['reassurance', 'closeness'], ['excessive-contact']),
    reflection('r2', `${day(-3)}T18:00:00-08:00`, ['reassurance'], ['withdrawing']),
  );
  return entries;
}

/** Markup, attribute breakers and terminal escapes, in every place a person's words can reach the page. */
export const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(2)>",
  '</style><script>alert(3)</script>',
  '</title><iframe src="https://example.com/"></iframe>',
  '<a href="javascript:alert(4)">tap</a> &amp; <!-- ]]>',
  '\u001b[31mred\u001b[0m \u202eevil',
] as const;

export function hostileJournal(): RawEntry[] {
  const entries: RawEntry[] = [];
  HOSTILE.forEach((words, i) => {
    for (let w = 0; w < 4; w++)
      entries.push(
        trigger(`h-${i}-${w}`, `${day(-7 * w)}T20:${String(i).padStart(2, '0')}:00-08:00`, 7, {
          what: words,
          who: words,
          thought: words,
          triggers: [words],
          body: [words],
          urges: [words],
          protest: [words],
        }),
      );
  });
  entries.push(pause('hp', `${day(0)}T21:00:00-08:00`, 7, 3, true, [...HOSTILE]));
  entries.push(reflection('hr', `${day(-1)}T10:00:00-08:00`, [...HOSTILE], [...HOSTILE]));
  return entries;
}

/** attach.progress/1 for six months, November still under way: strong moments fell, pauses after them rose. */
export function progressSample() {
  const strong = [10, 9, 8, 6, 5, 4];
  const paused = [1, 2, 3, 4, 4, 3];
  return {
    schema: 'attach.progress/1' as const,
    months: ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'].map((month, i) => ({
      month,
      moments: 18 - i,
      meanIntensity: [6.8, 6.5, 6.1, 5.6, 5.2, 4.9][i]!,
      strong: strong[i]!,
      pausedAfterStrong: paused[i]!,
      pauses: 6 + (i % 3),
      urgePassed: 3 + (i % 2),
      acted: 2 - (i % 2),
      protest: 7 - i,
      followUps: i > 2 ? i : 0,
      fearCameTrue: i > 3 ? 1 : 0,
      asksMade: 0,
      asksLanded: 0,
      glimmers: i,
      ...(i === 5 ? { underway: true } : {}),
    })),
    changes: [
      {
        measure: 'strong' as const,
        from: 10,
        to: 4,
        direction: 'down' as const,
        text: 'Strong moments came less often: about 10 in June, 4 in November.',
      },
      {
        measure: 'pausedAfterStrong' as const,
        from: 0.1,
        to: 0.8,
        direction: 'up' as const,
        text: 'More strong moments were followed by a pause: 1 of 10 in June, 4 of 5 in October.',
      },
    ],
  };
}

/**
 * The rich journal with one of every other kind of entry, for the screen
 * tests: follow-ups of a moment and of a reflection, a plan, a glimmer, a
 * moment in Japanese with an emoji-free bidi override and line breaks, and a
 * pause that held a message.
 */
export function screenJournal(): RawEntry[] {
  const entries = richJournal();
  const at = (time: string) => ({ at: time, recordedAt: time });
  entries.push(
    build.followUp({ id: 'fu000001', ...at(`${day(0)}T22:00:00-08:00`), for: 'sun-0', fear: 'did-not', intensity: 2 }),
    build.followUp({
      id: 'fu000002',
      ...at(`${day(0)}T22:10:00-08:00`),
      for: 'r1',
      happened: 'We talked it through.\nIt was fine.',
      asked: 'yes',
      landed: 'partly',
    }),
    build.plan({
      id: 'pl000001',
      ...at(`${day(-2)}T10:00:00-08:00`),
      // biome-ignore lint/suspicious/noThenProperty: a plan's field is named "then" (journal/fields/plan.ts).
      then: 'take a 20-minute pause and call Sam',
      triggers: ['delayed-reply', 'social-media'],
    }),
    build.glimmer({
      id: 'gl000001',
      ...at(`${day(-1)}T09:00:00-08:00`),
      what: 'she texted good luck before my interview 😀',
      who: 'partner',
      kinds: ['cared-for', 'felt-close'],
      body: ['warm-chest'],
    }),
    trigger('cjk00001', `${day(0)}T21:00:00-08:00`, 8, {
      what: '彼からの返事がまだない。ずっと待っている。\u202eevil',
      thought: 'line one\nline two',
      triggers: ['delayed-reply'],
      urges: ['double-text'],
      protest: ['excessive-contact'],
      note: 'a note\nwith two lines',
    }),
  );
  const held = entries.find((entry) => entry.id === 'p1')!;
  Object.assign(held, {
    next: 'ask-directly',
    notes: ['I want to text him again', 'it is easing a bit'],
    draft: 'Why are you ignoring me?',
    draftOutcome: 'let-go',
    acted: 'no',
    reachedOut: ['friend'],
  });
  return entries;
}
