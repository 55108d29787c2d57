import { f } from '../field-spec.js';

/**
 * What happened next after a moment (did the feared story come true?) or a
 * reflection (was the ask made, how did it land?): `attach follow-up`.
 */
export const FOLLOW_UP = [
  f({
    name: 'for',
    kind: 'link',
    linksTo: ['trigger', 'reflection'],
    label: 'looking back on',
    flag: { long: 'for', value: '<id>', help: 'the moment or reflection this looks back on', argument: true },
  }),
  f({
    name: 'happened',
    kind: 'text',
    label: 'what really happened',
    flag: { long: 'happened', value: '<text>', help: 'what really happened' },
  }),
  f({
    name: 'fear',
    kind: 'choice',
    values: ['came-true', 'partly', 'did-not'],
    catalogue: 'fear',
    label: 'the feared story',
    flag: { long: 'fear', value: '<came-true|partly|did-not>', help: 'whether the story the mind told came true' },
  }),
  f({
    name: 'intensity',
    kind: 'score',
    label: 'how strong now',
    flag: { long: 'intensity', short: 'i', value: '<0-10>', help: 'how strong it feels now, 0 to 10' },
  }),
  f({
    name: 'asked',
    kind: 'choice',
    values: ['yes', 'not-yet', 'decided-not'],
    catalogue: 'asked',
    label: 'the ask',
    flag: { long: 'asked', value: '<yes|not-yet|decided-not>', help: 'whether you made the direct ask' },
  }),
  f({
    name: 'landed',
    kind: 'choice',
    values: ['yes', 'partly', 'no'],
    catalogue: 'landed',
    label: 'how it landed',
    onlyWhen: { field: 'asked', is: 'yes' },
    flag: { long: 'landed', value: '<yes|partly|no>', help: 'how the ask landed' },
  }),
] as const;
