import { f } from '../field-spec.js';

/** A moment that activated the person: `attach log`. */
export const TRIGGER = [
  f({
    name: 'what',
    kind: 'text',
    required: true,
    label: 'what happened',
    flag: { long: 'what', value: '<text>', help: 'what happened, in a few words', argument: true },
  }),
  f({
    name: 'who',
    kind: 'words',
    catalogue: 'who',
    label: 'who',
    flag: { long: 'who', value: '<who>', help: 'who it was with (partner, friend, work, ... or your own words)' },
  }),
  f({
    name: 'triggers',
    kind: 'list',
    catalogue: 'triggers',
    label: 'set off by',
    flag: { long: 'trigger', short: 't', value: '<name>', help: 'what set it off (repeat or use commas)' },
  }),
  f({
    name: 'intensity',
    kind: 'score',
    required: true,
    label: 'intensity',
    flag: { long: 'intensity', short: 'i', value: '<0-10>', help: 'how strong it is, 0 to 10' },
  }),
  f({
    name: 'body',
    kind: 'list',
    catalogue: 'body',
    label: 'in the body',
    flag: { long: 'body', short: 'b', value: '<signal>', help: 'where you feel it, e.g. tight-chest (repeat or use commas)' },
  }),
  f({
    name: 'thought',
    kind: 'text',
    label: 'the story',
    flag: { long: 'thought', value: '<text>', help: 'the story your mind is telling' },
  }),
  f({
    name: 'urges',
    kind: 'list',
    catalogue: 'urges',
    label: 'urges',
    flag: { long: 'urge', short: 'u', value: '<urge>', help: 'what the alarm pushes you to do, e.g. double-text (repeat or use commas)' },
  }),
  f({
    name: 'protest',
    kind: 'list',
    catalogue: 'protest',
    label: 'protest behaviour',
    flag: {
      long: 'protest',
      short: 'p',
      value: '<behaviour>',
      help: 'a protest behaviour, if you would call it one (repeat or use commas)',
    },
  }),
  f({ name: 'instead', kind: 'text', label: 'instead', flag: { long: 'instead', value: '<text>', help: 'what you did instead' } }),
  f({
    name: 'reachedOut',
    kind: 'list',
    since: '0.2',
    catalogue: 'support',
    label: 'turned to',
    flag: {
      long: 'reached-out',
      value: '<who>',
      help: 'who you turned to: partner, friend, family, therapist, group, nobody-yet (repeat or use commas)',
    },
  }),
] as const;
