import { f } from '../field-spec.js';

/** A moment that felt safe, warm or connected, the opposite of a trigger: `attach glimmer`. */
export const GLIMMER = [
  f({
    name: 'what',
    kind: 'text',
    required: true,
    label: 'what happened',
    flag: { long: 'what', value: '<text>', help: 'what happened, in a few words', argument: true },
  }),
  f({ name: 'who', kind: 'words', catalogue: 'who', label: 'who', flag: { long: 'who', value: '<who>', help: 'who it was with' } }),
  f({
    name: 'kinds',
    kind: 'list',
    catalogue: 'glimmerKinds',
    label: 'what it was',
    flag: { long: 'kind', short: 'k', value: '<kind>', help: 'what kind of moment, e.g. felt-close, cared-for (repeat or use commas)' },
  }),
  f({
    name: 'body',
    kind: 'list',
    catalogue: 'glimmerBody',
    label: 'where it felt good',
    flag: { long: 'body', short: 'b', value: '<where>', help: 'where it feels good, e.g. warm-chest (repeat or use commas)' },
  }),
] as const;
