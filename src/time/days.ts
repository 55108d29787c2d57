/**
 * Calendar days as plain numbers, by their first name: they live in
 * calendar.ts with the rest of the calendar. Kept for the modules and tests
 * that import them from here.
 */
export { type Day, dayOf, isoDay, localDay, weekdayOf } from './calendar.js';
