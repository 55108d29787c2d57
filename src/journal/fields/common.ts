import { f } from '../field-spec.js';

/** Fields every entry has, after its own. */
export const COMMON = [
  f({
    name: 'at',
    kind: 'time',
    required: true,
    label: 'when',
    flag: { long: 'at', value: '<when>', help: 'when it happened: 2026-11-22T21:30, "yesterday 21:30", "2h ago" (default: now)' },
  }),
  f({ name: 'recordedAt', kind: 'time', required: true, label: 'recorded', edit: false }),
  f({ name: 'tags', kind: 'list', label: 'tags', flag: { long: 'tag', value: '<tag>', help: 'a tag of your own (repeat or use commas)' } }),
  f({ name: 'note', kind: 'text', label: 'note', flag: { long: 'note', value: '<text>', help: 'anything else' } }),
] as const;
