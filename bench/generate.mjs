#!/usr/bin/env node
/*
 * Deterministic generator of realistic attach journals (format version 1, see
 * src/journal/types.ts and src/journal/validate.ts), written in the exact
 * layout of serializeJournal() in src/journal/format.ts: one entry per line
 * inside "entries".
 *
 *   node bench/generate.mjs <count> <file> [seed] [--span-days <days>]
 *
 * or, from code:
 *
 *   import { generateJournal, serializeJournal, writeJournal } from './generate.mjs';
 *   writeJournal('bench/data/journal-20000.json', { count: 20_000, seed: 1 });
 *
 * The same count and seed always give the same bytes. About 85% of entries are
 * triggers, 10% pauses (most linked to a recent trigger by "for") and 5%
 * reflections, in chronological order, with local times carrying their UTC
 * offset (mostly a US Pacific zone with summer time, sometimes travelling).
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_SEED = 20261122;

/** mulberry32: small, fast, good enough for test data, and the same everywhere. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---- vocabulary -------------------------------------------------------------

const WHO = ['partner', 'partner', 'partner', 'partner', 'dating', 'dating', 'friend', 'friend', 'family', 'work', 'work', 'ex'];
const WHO_OWN = [
  'my sister',
  'Sam',
  'my roommate',
  'the group chat',
  'my therapist',
  'Alex',
  'my best friend',
  'my dad',
  'Jordan (the new guy)',
];
const TRIGGERS = [
  'delayed-reply',
  'seems-distant',
  'asked-for-space',
  'conflict',
  'plans-changed',
  'work-distant',
  'left-out',
  'social-media',
  'past-hurt',
];
const TRIGGERS_OWN = [
  'they mentioned their ex',
  'read receipt, no reply',
  'cancelled date night',
  'forgot our anniversary',
  'one-word answer',
];
const BODY = ['tight-chest', 'stomach-knot', 'racing-heart', 'shallow-breath', 'restless', 'hot-face', 'throat-lump', 'cant-focus'];
const BODY_OWN = ['shaky hands', 'headache', 'cold all over', 'jaw clenched'];
const URGES = [
  'double-text',
  'call-repeatedly',
  'ask-reassurance',
  'check-phone',
  'follow-around',
  'talk-now',
  'go-quiet',
  'start-fight',
  'overwork',
];
const URGES_OWN = ['scroll their instagram', 'drive over there', 'write a long message', 'delete the app'];
const PROTEST = ['excessive-contact', 'withdrawing', 'keeping-score', 'hostile', 'threatening-to-leave', 'testing', 'jealousy'];
const NEEDS = ['reassurance', 'closeness', 'feel-important', 'be-heard', 'consistency', 'comfort', 'were-okay', 'calm-down'];
const ACTIVITIES = ['breathe', 'walk', 'write', 'call-friend', 'grounding', 'music', 'cold-water', 'stretch'];
const TAGS = [
  'weekend',
  'after-work',
  'tired',
  'period',
  'long-distance',
  'holiday',
  'travel',
  'hungover',
  'therapy-week',
  'new-job',
  'family-visit',
];

const WHAT = [
  'No reply for four hours after I texted',
  'They left me on read',
  'Short answer: "ok"',
  'Dinner felt quiet and far apart',
  'They went out with friends and did not ask me',
  'My manager skipped our 1:1 without a word',
  'Saw a photo of them at a party I did not know about',
  'They said they need a night to themselves',
  'We argued about the dishes and it turned into something bigger',
  'Plans for Saturday got cancelled last minute',
  'They were on their phone the whole evening',
  'Colleague took credit in the meeting and nobody noticed',
  'Group chat went on without me',
  'An old song reminded me of how the last one ended',
  'They did not say goodnight',
  'Call went to voicemail twice',
  'They seemed annoyed when I asked about the weekend',
  'Story views but no reply',
  'Friend cancelled coffee again',
  'They mentioned someone from work a lot',
  'Texted "can we talk later" and then nothing',
  'Mom did not call back on my birthday',
  'They fell asleep early without saying anything',
  'Got a thumbs-up emoji to a long message',
  'Date said they are "not looking for anything serious right now"',
];
const WHAT_TAIL = [
  '',
  '',
  '',
  ' again',
  ' and I kept refreshing',
  ', right after a good weekend',
  ' while I was at work and could not do anything about it',
  '; I noticed it on the bus home and the whole evening felt off after that',
  ' — third time this week',
  ' 😔',
];
const THOUGHTS = [
  "They're losing interest",
  "I'm too much for them",
  'They are going to leave',
  'Everyone gets bored of me eventually',
  'I did something wrong',
  'They like someone else',
  "I'm not a priority",
  "I'll end up alone",
  'If I were more interesting they would reply',
  'They are angry with me and will not say it',
  'This is how it started last time',
];
const INSTEAD = [
  'Put the phone in another room for an hour',
  'Went for a walk',
  'Wrote it here instead of texting',
  'Called my sister',
  'Did box breathing for five minutes',
  'Waited until morning to answer',
  'Told them calmly that I missed them',
  'Made tea and watched something',
];
const NOTES = [
  'Turned out their phone was dead.',
  'They replied the next morning and everything was fine.',
  'Felt better after sleeping on it.',
  "I notice it's worse when I'm tired.",
  'Talked about it on Sunday; they said they had a rough week at work and did not realise how it looked from my side.',
  'Sunday evenings again.',
  'Therapist says to name the feeling before acting on it. Named it: fear. It helped a little.',
  'Line one\nLine two: wrote this on my phone, so it has a line break.',
  'Quote from the book: "the alarm is not the fire".',
  'Not sure it was a big deal, but my body thought so.',
];
const URGE_TEXT = [
  'text them again',
  'call',
  'check their instagram',
  'ask if we are okay',
  'go quiet',
  'send a long message',
  'drive over',
];
const NEXT = ['Go to bed', 'Text them tomorrow morning', 'Make dinner', 'Watch an episode', 'Read for a while', 'Nothing, just rest', null];
const PAUSE_NOTES = [
  'The urge peaked around minute 6',
  'Heart slowing down',
  'Still want to text but less',
  'Cried a bit, then calmer',
  'Walked around the block',
];
const SITUATION = [
  'They had been quiet all day and I had not heard back since lunch',
  'We were supposed to call at 9 and they forgot',
  'After the party they went straight to sleep',
  'They said they wanted a weekend with their friends',
  'My manager cancelled our meeting for the second time',
];
const HOPED = [
  'That they would notice and reach out',
  'That they would say sorry',
  'To feel close again',
  'A quick "I love you"',
  'That they would ask what was wrong',
];
const HAPPENED = [
  'They got defensive',
  'They did not notice at all',
  'We ended up arguing',
  'They reached out, but I was already upset',
  'Nothing, and I felt worse',
];
const FELT = ['Ashamed', 'Lonely', 'Relieved for a minute, then worse', 'Drained', 'Angry at myself', 'Calmer than I expected'];
const ASK = [
  "I'm feeling anxious right now, and I could really use a short text when you're running late.",
  "I'm feeling far from you, and I could really use a hug and ten minutes together tonight.",
  "When plans change I get scared; could you tell me when we'll see each other instead?",
  'Could we have a call before bed on the nights we are apart?',
];

// ---- helpers -----------------------------------------------------------------

function makeTools(rand) {
  const int = (min, max) => min + Math.floor(rand() * (max - min + 1));
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const chance = (p) => rand() < p;
  /** Up to `max` distinct items, with an occasional item in the person's own words. */
  const some = (list, max, own = [], ownChance = 0) => {
    const n = int(0, max);
    const out = [];
    for (let i = 0; i < n; i++) {
      const item = own.length && chance(ownChance) ? pick(own) : pick(list);
      if (!out.includes(item)) out.push(item);
    }
    return out;
  };
  const uuid = () => {
    const hex = [];
    for (let i = 0; i < 32; i++) hex.push(Math.floor(rand() * 16).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[Math.floor(rand() * 4)];
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  return { int, pick, chance, some, uuid };
}

const pad = (n) => String(Math.trunc(Math.abs(n))).padStart(2, '0');

/** A US-Pacific-like offset (summer time roughly March to early November), sometimes travelling. */
function offsetFor(ms, travel) {
  if (travel) return travel;
  const d = new Date(ms);
  const m = d.getUTCMonth();
  const summer = (m > 2 && m < 10) || (m === 2 && d.getUTCDate() >= 10) || (m === 10 && d.getUTCDate() < 3);
  return summer ? -420 : -480;
}

/** ISO 8601 wall time at `offsetMinutes` east of UTC, like src/journal/time.ts toOffsetIso. */
export function offsetIso(ms, offsetMinutes) {
  const wall = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  return (
    `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
    `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
    `${sign}${pad(offsetMinutes / 60)}:${pad(offsetMinutes % 60)}`
  );
}

/** Increasing UTC times ending at `endMs`: exponential-ish gaps, nudged towards Pacific evenings. */
function entryTimes(count, rand, endMs, meanGapHours) {
  const times = new Array(count);
  let t = 0;
  for (let i = 0; i < count; i++) {
    t += Math.max(60_000, Math.round(-Math.log(1 - rand()) * meanGapHours * 3_600_000));
    // Pacific evenings are about 01:00-07:00 UTC; half the daytime ones move there.
    const hour = new Date(t).getUTCHours();
    if (hour > 7 && hour < 18 && rand() < 0.5) t += (6 + Math.floor(rand() * 5)) * 3_600_000;
    times[i] = t;
  }
  const shift = endMs - t;
  for (let i = 0; i < count; i++) times[i] += shift;
  return times;
}

// ---- the journal -------------------------------------------------------------

const TIME_SEED = 0x5bd1e995;

/**
 * The mean gap that makes `count` entries span about `spanDays` days. The
 * nudge towards evenings adds to the gaps, more so when they are short, so
 * the span is not count x gap: found by bisection on the real times (the
 * span grows with the gap), the same for the same count, seed and span.
 */
function gapForSpan(count, seed, spanDays) {
  const span = (gap) => {
    const times = entryTimes(count, prng(seed ^ TIME_SEED), 0, gap);
    return count > 1 ? (times[count - 1] - times[0]) / 86_400_000 : 0;
  };
  let lo = 1 / 60;
  let hi = 1;
  while (span(hi) < spanDays && hi < 1e6) hi *= 2;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (span(mid) < spanDays) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * A journal of `count` entries ending shortly before `end`, the same for the
 * same seed. Entries are spaced about `meanGapHours` apart, clustered in the
 * evenings and at weekends the way real ones are; with `spanDays`, the gap
 * is chosen so the journal covers about that many days instead.
 */
export function generateJournal({ count, seed = DEFAULT_SEED, end = '2026-11-20T06:00:00Z', meanGapHours = 6, spanDays } = {}) {
  if (!Number.isInteger(count) || count < 0) throw new Error(`count should be a whole number, got ${count}`);
  if (spanDays !== undefined && !(spanDays > 0)) throw new Error(`spanDays should be a positive number of days, got ${spanDays}`);
  const rand = prng(seed);
  const { int, pick, chance, some, uuid } = makeTools(rand);
  const gap = spanDays === undefined ? meanGapHours : gapForSpan(count, seed, spanDays);
  // The times first, from their own stream, so the last entry falls just before `end`.
  const times = entryTimes(count, prng(seed ^ TIME_SEED), Date.parse(end), gap);
  let travel = null;
  let travelLeft = 0;
  const recentTriggers = [];
  const entries = [];

  for (let i = 0; i < count; i++) {
    const t = times[i];
    if (travelLeft > 0) travelLeft--;
    else if (chance(0.004)) {
      travel = pick([60, 120, 540, -300, 0]);
      travelLeft = int(5, 40);
    } else travel = null;
    const offset = offsetFor(t, travel);
    const at = offsetIso(t, offset);
    const late = chance(0.1) ? int(1, 72) * 3_600_000 : int(0, 45) * 60_000 + int(0, 59) * 1000;
    const recordedAt = offsetIso(t + late, offset);
    const tags = chance(0.2) ? some(TAGS, 2) : [];
    const note = chance(0.25) ? pick(NOTES) : null;
    const roll = rand();
    let entry;

    if (roll < 0.85 || recentTriggers.length === 0) {
      const intensity = Math.min(10, Math.round(1 + rand() * 4.5 + rand() * 4.5));
      entry = {
        id: uuid(),
        type: 'trigger',
        at,
        recordedAt,
        what: pick(WHAT) + pick(WHAT_TAIL),
        who: chance(0.08) ? null : chance(0.1) ? pick(WHO_OWN) : pick(WHO),
        triggers: some(TRIGGERS, 3, TRIGGERS_OWN, 0.08),
        intensity,
        body: some(BODY, 3, BODY_OWN, 0.05),
        thought: chance(0.6) ? pick(THOUGHTS) : null,
        urges: some(URGES, 2, URGES_OWN, 0.08),
        protest: chance(0.45) ? some(PROTEST, 2) : [],
        instead: chance(0.3) ? pick(INSTEAD) : null,
        tags,
        note,
      };
      recentTriggers.push(entry.id);
      if (recentTriggers.length > 5) recentTriggers.shift();
    } else if (roll < 0.95) {
      const planned = pick([1200, 1200, 1200, 600, 900, 1800, 300]);
      const completed = chance(0.7);
      const before = int(4, 10);
      const after = chance(0.85) ? Math.max(0, before - int(0, 5)) : null;
      entry = {
        id: uuid(),
        type: 'pause',
        at,
        recordedAt,
        for: chance(0.8) ? pick(recentTriggers) : null,
        urge: chance(0.85) ? pick(URGE_TEXT) : null,
        plannedSeconds: planned,
        elapsedSeconds: completed ? planned : int(30, planned - 1),
        completed,
        before,
        after,
        passed: after === null ? null : chance(0.65),
        activities: some(ACTIVITIES, 3),
        notes: chance(0.3) ? some(PAUSE_NOTES, 2) : [],
        next: pick(NEXT),
        tags,
        note,
      };
    } else {
      entry = {
        id: uuid(),
        type: 'reflection',
        at,
        recordedAt,
        for: chance(0.7) ? pick(recentTriggers) : null,
        protest: some(PROTEST, 2),
        situation: chance(0.9) ? pick(SITUATION) : null,
        needs: some(NEEDS, 3),
        hoped: chance(0.9) ? pick(HOPED) : null,
        happened: chance(0.9) ? pick(HAPPENED) : null,
        felt: chance(0.9) ? pick(FELT) : null,
        ask: chance(0.8) ? pick(ASK) : null,
        tags,
        note,
      };
    }
    // A few entries were edited later.
    if (chance(0.02)) entry.editedAt = offsetIso(t + late + int(1, 48) * 3_600_000, offset);
    entries.push(entry);
  }
  return { version: 1, entries };
}

/** The same bytes as serializeJournal() in src/journal/format.ts. */
export function serializeJournal(journal) {
  const fields = Object.entries(journal).map(([key, value]) => {
    const body =
      key === 'entries' && Array.isArray(value) && value.length > 0
        ? `[\n${value.map((entry) => `    ${JSON.stringify(entry)}`).join(',\n')}\n  ]`
        : JSON.stringify(value);
    return `  ${JSON.stringify(key)}: ${body}`;
  });
  return `{\n${fields.join(',\n')}\n}\n`;
}

/** Generates and writes a journal (0600, atomically); returns its size in bytes. */
export function writeJournal(file, options) {
  const text = serializeJournal(generateJournal(options));
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
  return Buffer.byteLength(text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const spanAt = args.indexOf('--span-days');
  const spanDays = spanAt === -1 ? undefined : Number(args[spanAt + 1]);
  if (spanAt !== -1) args.splice(spanAt, 2);
  const [countArg, file, seedArg] = args;
  const count = Number(countArg);
  if (!file || !Number.isInteger(count) || count < 0 || (spanDays !== undefined && !(spanDays > 0))) {
    process.stderr.write('usage: node bench/generate.mjs <count> <file> [seed] [--span-days <days>]\n');
    process.exit(2);
  }
  const seed = seedArg === undefined ? DEFAULT_SEED : Number(seedArg);
  const bytes = writeJournal(file, { count, seed, ...(spanDays === undefined ? {} : { spanDays }) });
  process.stderr.write(`wrote ${count} entries (${(bytes / 1e6).toFixed(1)} MB, seed ${seed}) to ${file}\n`);
}
