/** The lists a person chooses from, in prompts/catalogues.json; `one` names a list in `attach config add <one> ...`. */
export const CATALOGUES = {
  who: { one: 'who', own: true },
  triggers: { one: 'trigger', own: true },
  body: { one: 'body', own: true },
  urges: { one: 'urge', own: true },
  protest: { one: 'protest', own: true },
  needs: { one: 'need', own: true },
  feelings: { one: 'feeling', own: true },
  activities: { one: 'activity', own: true },
  next: { one: 'next', own: true },
  breathing: { one: 'breathing', own: false },
} as const;
export type CatalogueName = keyof typeof CATALOGUES;
