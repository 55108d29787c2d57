import type { Entry, EntryOf } from '../journal/types.js';
import { clean } from './clean.js';
import { formatWhen } from './time.js';

/** `Sun 22 Nov 21:14 · "No reply for four hours", 8 of 10`, or a reflection by its ask: what a follow-up looks back on. */
export function lookedBackOn(entry: Entry, now: Date): string {
  const when = typeof entry.at === 'string' ? formatWhen(entry.at, now).replace(/\s+/g, ' ') : '';
  if (entry.type === 'trigger') return `${when} · "${clean(String(entry.what))}", ${String(entry.intensity)} of 10`;
  const words = typeof entry.ask === 'string' && entry.ask ? `the ask "${clean(entry.ask)}"` : 'a reflection';
  return `${when} · ${words}`;
}

/**
 * A looking back in words, as a reality check, never a verdict (VOICE.md):
 * "the feared story didn't come true this time", never "you were wrong".
 */
export function followUpClosing(entry: EntryOf<'follow-up'>): string[] {
  const lines: string[] = [];
  if (entry.fear === 'did-not')
    lines.push("The feared story didn't come true this time. That is worth remembering next time the alarm goes off.");
  if (entry.fear === 'partly') lines.push('Partly. Real life is often somewhere between the fear and the calm.');
  if (entry.fear === 'came-true') lines.push('It came true this time. That hurts, and you looked at it anyway; that is part of the work.');
  if (entry.asked === 'yes' && entry.landed === 'yes') lines.push('You asked directly, and it was met.');
  else if (entry.asked === 'yes' && entry.landed === 'partly')
    lines.push('You asked directly, and it was partly met. Asking is the step that was yours.');
  else if (entry.asked === 'yes' && entry.landed === 'no')
    lines.push("You asked directly, and it didn't land this time. Asking was still yours to do, and you did it.");
  else if (entry.asked === 'yes') lines.push('You asked directly.');
  else if (entry.asked === 'not-yet') lines.push('Not yet, and that is okay. The words are there when you want them.');
  else if (entry.asked === 'decided-not') lines.push('You decided not to. That is a choice too.');
  if (lines.length === 0) lines.push('Thank you for looking back. Seeing how it went is how the loop closes.');
  return lines;
}
