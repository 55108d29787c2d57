import { f } from '../field-spec.js';

/** A look at a protest behaviour, and the direct ask: `attach reflect`. */
export const REFLECTION = [
  f({
    name: 'for',
    kind: 'link',
    linksTo: ['trigger'],
    label: 'about',
    flag: {
      long: 'for',
      value: '<id>',
      help: 'the logged moment this is about, or none (default: offers the latest of the last 24 hours)',
    },
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
      help: 'what you did, e.g. excessive-contact, withdrawing (repeat or use commas)',
    },
  }),
  f({
    name: 'situation',
    kind: 'text',
    label: 'just before',
    flag: { long: 'situation', value: '<text>', help: 'what happened just before' },
  }),
  f({
    name: 'needs',
    kind: 'list',
    catalogue: 'needs',
    label: 'the need underneath',
    flag: { long: 'need', value: '<need>', help: 'the need underneath, e.g. reassurance, closeness (repeat or use commas)' },
  }),
  f({ name: 'hoped', kind: 'text', label: 'hoped for', flag: { long: 'hoped', value: '<text>', help: 'what you hoped would happen' } }),
  f({
    name: 'happened',
    kind: 'text',
    label: 'what happened',
    flag: { long: 'happened', value: '<text>', help: 'what actually happened' },
  }),
  f({
    name: 'felt',
    kind: 'words',
    catalogue: 'feelings',
    label: 'felt after',
    flag: { long: 'felt', value: '<feeling>', help: 'how it felt afterwards, e.g. insecure, lonely, or your own words' },
  }),
  f({ name: 'ask', kind: 'text', label: 'the direct ask', flag: { long: 'ask', value: '<text>', help: 'the direct ask, in your words' } }),
] as const;
