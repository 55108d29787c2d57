import type { Entry, EntryOf, Journal, PauseEntry, ReflectionEntry, TriggerEntry } from '../../src/journal/types.js';

/*
 * Entries for tests, built in one place: when the format gains a field, it is
 * added here once rather than in every test that writes a journal by hand.
 *
 * Each builder returns a complete, valid entry of version 1, its keys in the
 * order attach writes them (src/journal/entries.ts), with a fixed id and fixed
 * times, so a test stays the same from run to run. The defaults say as little
 * as they can (lists empty, optional words null): a test names every value it
 * relies on in its overrides. Overrides replace a default in place (the order
 * of keys is kept) and may add fields the format does not know, which attach
 * keeps as they are.
 */

export const TRIGGER_ID = '5f0c2d9e-1b7a-4c1e-9a55-0b1c9f3e2a71';
export const PAUSE_ID = '6a1d3e0f-2c8b-4d2f-8b66-1c2d0a4f3b82';
export const REFLECTION_ID = '7b2e4f1a-3d9c-4e3a-9c77-2d3e1b5a4c93';

/** Sunday 22 November 2026, an evening in California: when the moment happened and when it was written down. */
export const AT = '2026-11-22T21:14:00-08:00';
export const RECORDED_AT = '2026-11-22T21:20:03-08:00';

export function trigger(over: Partial<TriggerEntry> = {}): TriggerEntry {
  return {
    id: TRIGGER_ID,
    type: 'trigger',
    at: AT,
    recordedAt: RECORDED_AT,
    what: 'No reply for four hours',
    who: null,
    triggers: [],
    intensity: 7,
    body: [],
    thought: null,
    urges: [],
    protest: [],
    instead: null,
    tags: [],
    note: null,
    ...over,
  };
}

/** A 20-minute pause that ran to its end, begun after the moment of `trigger()` and not linked to it. */
export function pause(over: Partial<PauseEntry> = {}): PauseEntry {
  return {
    id: PAUSE_ID,
    type: 'pause',
    at: '2026-11-22T21:30:00-08:00',
    recordedAt: '2026-11-22T21:50:00-08:00',
    for: null,
    urge: null,
    plannedSeconds: 1200,
    elapsedSeconds: 1200,
    completed: true,
    before: 7,
    after: null,
    passed: null,
    activities: [],
    notes: [],
    next: null,
    tags: [],
    note: null,
    ...over,
  };
}

export function reflection(over: Partial<ReflectionEntry> = {}): ReflectionEntry {
  return {
    id: REFLECTION_ID,
    type: 'reflection',
    at: '2026-11-23T08:00:00-08:00',
    recordedAt: '2026-11-23T08:00:00-08:00',
    for: null,
    protest: [],
    situation: null,
    needs: [],
    hoped: null,
    happened: null,
    felt: null,
    ask: null,
    tags: [],
    note: null,
    ...over,
  };
}

export function followUp(over: Partial<EntryOf<'follow-up'>> = {}): EntryOf<'follow-up'> {
  return {
    id: '8c3f5a2b-4e0d-4f4b-8d88-3e4f2c6b5d04',
    type: 'follow-up',
    at: '2026-11-23T12:00:00-08:00',
    recordedAt: '2026-11-23T12:00:00-08:00',
    for: TRIGGER_ID,
    happened: null,
    fear: null,
    intensity: null,
    asked: null,
    landed: null,
    tags: [],
    note: null,
    ...over,
  };
}

export function plan(over: Partial<EntryOf<'plan'>> = {}): EntryOf<'plan'> {
  return {
    id: '9d4a6b3c-5f1e-4a5c-9e99-4f5a3d7c6e15',
    type: 'plan',
    at: '2026-11-01T09:00:00-08:00',
    recordedAt: '2026-11-01T09:00:00-08:00',
    when: "he doesn't reply for hours",
    // biome-ignore lint/suspicious/noThenProperty: a plan's "then" is DESIGN's field name; a string, so never taken for a promise.
    then: 'take a pause and call Sam',
    triggers: [],
    active: true,
    tags: [],
    note: null,
    ...over,
  };
}

export function glimmer(over: Partial<EntryOf<'glimmer'>> = {}): EntryOf<'glimmer'> {
  return {
    id: 'ae5b7c4d-6a2f-4b6d-8faa-5a6b4e8d7f26',
    type: 'glimmer',
    at: '2026-11-21T18:00:00-08:00',
    recordedAt: '2026-11-21T18:00:00-08:00',
    what: 'she texted good luck',
    who: null,
    kinds: [],
    body: [],
    tags: [],
    note: null,
    ...over,
  };
}

/** A version-1 journal holding these entries, in this order. */
export function journalOf(...entries: Entry[]): Journal {
  return { version: 1, entries };
}
