/**
 * Entry times (ISO 8601 local time with its UTC offset), by their first
 * name: they live in calendar.ts with the rest of the calendar. Kept for the
 * modules and tests that import them from here.
 */
export { toOffsetIso, type WallClock, wallClock } from './calendar.js';
