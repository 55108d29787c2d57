/*
 * Synthetic journals of several months for the evaluation of `attach
 * progress` (bench/progress-eval.mjs): entries in the journal format of
 * DESIGN.md section 2, with a known answer (what changed, and how).
 *
 * generate(seed, scenario) -> { entries, to, months, now, nowMonth }
 *
 * All seeded (mulberry32), so every run is identical. The person lives in
 * America/Los_Angeles: every `at` carries -07:00 or -08:00 by the US rule
 * (second Sunday of March to first Sunday of November), so journals cross a
 * DST change as real ones do. Rates, per month of about 30.4 days, at levels
 * a person who uses attach most days might reach:
 *   moments          `moments` (18) at times drawn from a daily rhythm
 *                    (evenings 3x, small hours 0.1x); intensity
 *                    round(N(mean, spread)) held to 0-10, mean `intensity`
 *                    (6: about 7 strong moments a month), `spread` 1.6
 *   protest          25% of moments (independent of intensity)
 *   pauses           after a strong moment with chance `paused` (0.4),
 *                    5-60 minutes later, linked by `for`; and 2 a month more
 *                    at any time; the urge passed 60% (30% not, 10% no
 *                    answer); acted yes 15%, partly 15%, no 50%, no answer 20%
 *   follow-ups       of 30% of moments, 1-3 days later: fear came-true 25%,
 *                    partly 25%, did-not 40%, no answer 10%
 *   reflections      4 a month; 70% followed up 1-5 days later: asked yes
 *                    50% (landed yes 50%, partly 30%, no 20%), not-yet 30%,
 *                    decided-not 20%
 *   glimmers         6 a month
 * Any of `moments`, `intensity`, `paused`, `glimmers` may be a pair [from,
 * to]: the value then moves in a straight line over the months. `clusters`
 * adds what real journals have and a Poisson model does not: hard weeks
 * (each week's rate times a gamma draw of mean 1, shape 3) and bursts (a
 * moment brings 1-3 more within 4 hours, with 30% odds, its intensity
 * within 1 of the first).
 */

const DAY = 86_400_000;

/** mulberry32: small, fast, and the same on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Relative frequency of moments by hour of the day (0-23). */
const RHYTHM = [1, 0.3, 0.1, 0.1, 0.1, 0.1, 0.3, 1, 1, 1, 1, 1, 1.2, 1, 1, 1, 1.2, 1.5, 2.5, 3, 3, 3, 2.5, 2];
const PROTEST = ['excessive-contact', 'withdrawing', 'keeping-score', 'acting-hostile', 'testing'];

/** US daylight saving time, as Los Angeles keeps it: -07:00 from the second Sunday of March 02:00 to the first Sunday of November 02:00. */
function offsetMinutes(wallMs) {
  const d = new Date(wallMs);
  const year = d.getUTCFullYear();
  const nthSunday = (month, n) => {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    return Date.UTC(year, month, 1 + ((7 - first) % 7) + 7 * (n - 1), 2);
  };
  return wallMs >= nthSunday(2, 2) && wallMs < nthSunday(10, 1) ? -420 : -480;
}

const pad = (n) => String(n).padStart(2, '0');
/** A wall-clock time (ms, read as UTC) as an entry's `at`, with its offset. */
export function isoAt(wallMs) {
  const d = new Date(wallMs);
  const off = offsetMinutes(wallMs);
  const sign = off < 0 ? '-' : '+';
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00` +
    `${sign}${pad(Math.abs(off) / 60)}:${pad(Math.abs(off) % 60)}`
  );
}

const monthKey = (y, m) => `${y}-${pad(m + 1)}`;

/**
 * scenario: { months = 6, start = '2026-06-01', now, to, moments, intensity, paused, glimmers, clusters }
 * `start` is the journal's first day (its wall-clock date), `now` the wall-clock time of the run
 * (default: 10:00 on the 2nd of the month after the last), `to` the last month asked for.
 */
export function generate(seed, scenario = {}) {
  const random = rng(seed);
  const months = scenario.months ?? 6;
  const [sy, sm, sd] = (scenario.start ?? '2026-06-01').split('-').map(Number);
  const start = Date.UTC(sy, sm - 1, sd);
  const rangeEnd = Date.UTC(sy, sm - 1 + months, 1);
  const now = scenario.now ? Date.parse(`${scenario.now}Z`) : rangeEnd + DAY + 10 * 3_600_000;
  const end = Math.min(rangeEnd, now);
  const span = end - start;
  /** A level at the fraction f (0-1) of the way through the journal: a number, or [from, to] in a straight line. */
  const level = (value, fallback, f) => {
    const v = value ?? fallback;
    return Array.isArray(v) ? v[0] + (v[1] - v[0]) * f : v;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const gamma3 = () => -Math.log((1 - random()) * (1 - random()) * (1 - random())) / 3; // shape 3, mean 1
  const pick = (weights) => {
    let x = random() * weights.reduce((a, [, w]) => a + w, 0);
    for (const [value, w] of weights) {
      x -= w;
      if (x < 0) return value;
    }
    return weights.at(-1)[0];
  };
  const hourCumulative = [];
  RHYTHM.reduce((sum, w, i) => (hourCumulative[i] = sum + w), 0);
  const hourOfDay = () => {
    const x = random() * hourCumulative[23];
    const h = hourCumulative.findIndex((c) => c > x);
    return (h + random()) * 3_600_000;
  };

  let n = 0;
  const entries = [];
  const base = (type, wall) => ({ id: `${seed}-${++n}`, type, at: isoAt(wall), recordedAt: isoAt(wall), tags: [], note: null });
  const add = (entry) => {
    entries.push(entry);
    return entry;
  };
  // Week multipliers for hard weeks (clusters), fixed per journal.
  const weekFactor = Array.from({ length: Math.ceil(span / (7 * DAY)) + 1 }, () => (scenario.clusters ? gamma3() : 1));

  /** Events of a (possibly changing) monthly rate: thinning of a Poisson process on the days, times from the rhythm. */
  const times = (rate, fallback, byRhythm) => {
    const out = [];
    const days = Math.ceil(span / DAY);
    for (let d = 0; d < days; d++) {
      const f = (d + 0.5) / days;
      const perDay = (level(rate, fallback, f) / 30.44) * weekFactor[Math.floor(d / 7)];
      // Poisson count for the day, by inversion.
      let k = 0;
      for (let p = Math.exp(-perDay), s = p, u = random(); u > s; k++) {
        p *= perDay / (k + 1);
        s += p;
      }
      for (let i = 0; i < k; i++) {
        const wall = start + d * DAY + (byRhythm ? hourOfDay() : random() * DAY);
        if (wall < end) out.push(wall);
      }
    }
    return out.sort((a, b) => a - b);
  };

  const trigger = (wall, intensity) =>
    add({
      ...base('trigger', wall),
      what: 'a moment',
      who: 'partner',
      triggers: ['delayed-reply'],
      intensity,
      body: [],
      thought: null,
      urges: ['text-again'],
      protest: random() < 0.25 ? [PROTEST[Math.floor(random() * PROTEST.length)]] : [],
      instead: null,
    });
  const pause = (wall, forId) =>
    add({
      ...base('pause', wall),
      for: forId,
      urge: 'text again',
      plannedSeconds: 1200,
      elapsedSeconds: 1200,
      completed: true,
      before: 7,
      after: 4,
      passed: pick([
        [true, 0.6],
        [false, 0.3],
        [null, 0.1],
      ]),
      acted: pick([
        ['yes', 0.15],
        ['partly', 0.15],
        ['no', 0.5],
        [null, 0.2],
      ]),
      activities: ['breathe'],
      notes: [],
      next: null,
    });
  const followUp = (wall, forId, fields) =>
    add({ ...base('follow-up', wall), for: forId, happened: null, fear: null, intensity: null, asked: null, landed: null, ...fields });

  const clampIntensity = (x) => Math.max(0, Math.min(10, Math.round(x)));
  for (const wall of times(scenario.moments, 18, true)) {
    const f = (wall - start) / span;
    const burst = scenario.clusters && random() < 0.3 ? 1 + Math.floor(random() * 3) : 0;
    const first = clampIntensity(level(scenario.intensity, 6, f) + (scenario.spread ?? 1.6) * normal());
    const walls = [wall, ...Array.from({ length: burst }, () => wall + random() * 4 * 3_600_000)].filter((w) => w < end);
    walls.forEach((w, i) => {
      const intensity = i === 0 ? first : clampIntensity(first + Math.round(2 * random() - 1));
      const t = trigger(w, intensity);
      if (intensity >= 7 && random() < level(scenario.paused, 0.4, (w - start) / span)) {
        const at = w + (5 + 55 * random()) * 60_000;
        if (at < end) pause(at, t.id);
      }
      if (random() < 0.3) {
        const at = w + (1 + 2 * random()) * DAY;
        if (at < end) {
          const fear = pick([
            ['came-true', 0.25],
            ['partly', 0.25],
            ['did-not', 0.4],
            [null, 0.1],
          ]);
          followUp(at, t.id, { fear });
        }
      }
    });
  }
  for (const wall of times(2, 2, true)) pause(wall, null);
  for (const wall of times(4, 4, true)) {
    const r = add({
      ...base('reflection', wall),
      for: null,
      protest: ['excessive-contact'],
      situation: null,
      needs: ['reassurance'],
      hoped: null,
      happened: null,
      felt: null,
      ask: null,
    });
    const at = wall + (1 + 4 * random()) * DAY;
    if (random() < 0.7 && at < end) {
      const asked = pick([
        ['yes', 0.5],
        ['not-yet', 0.3],
        ['decided-not', 0.2],
      ]);
      const landed =
        asked === 'yes'
          ? pick([
              ['yes', 0.5],
              ['partly', 0.3],
              ['no', 0.2],
            ])
          : null;
      followUp(at, r.id, { asked, landed });
    }
  }
  for (const wall of times(scenario.glimmers, 6, true)) {
    add({ ...base('glimmer', wall), what: 'a warm message', who: 'partner', kinds: ['felt-cared-for'], body: [] });
  }

  const last = new Date(rangeEnd - DAY);
  const nowDate = new Date(now);
  return {
    entries: entries.sort((a, b) => a.at.localeCompare(b.at)),
    to: scenario.to ?? monthKey(last.getUTCFullYear(), last.getUTCMonth()),
    months,
    now: isoAt(now),
    nowMonth: monthKey(nowDate.getUTCFullYear(), nowDate.getUTCMonth()),
  };
}
