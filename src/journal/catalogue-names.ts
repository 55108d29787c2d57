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
  support: { one: 'support', own: true },
  glimmerKinds: { one: 'glimmer', own: true },
  glimmerBody: { one: 'glimmer-body', own: true },
  fear: { one: 'fear', own: false },
  asked: { one: 'asked', own: false },
  landed: { one: 'landed', own: false },
  acted: { one: 'acted', own: false },
  draftOutcome: { one: 'draft-outcome', own: false },
} as const;
export type CatalogueName = keyof typeof CATALOGUES;
