import { f } from '../field-spec.js';

/** An if-then plan, "when he doesn't reply for hours, I will take a pause and call Sam": `attach plan`. */
export const PLAN = [
  f({
    name: 'when',
    kind: 'text',
    required: true,
    label: 'when',
    flag: { long: 'when', value: '<words>', help: 'when it applies, in your words' },
  }),
  f({
    name: 'then',
    kind: 'text',
    required: true,
    label: 'I will',
    flag: { long: 'then', value: '<words>', help: 'what you will do then' },
  }),
  f({
    name: 'triggers',
    kind: 'list',
    catalogue: 'triggers',
    label: 'for moments set off by',
    flag: { long: 'trigger', short: 't', value: '<name>', help: 'the triggers it is for, e.g. delayed-reply (repeat or use commas)' },
  }),
  f({ name: 'active', kind: 'yesno', required: true, label: 'in use', edit: false }),
] as const;
