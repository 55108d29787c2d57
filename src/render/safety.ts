/** Wording from VOICE.md, shared by the README, `attach --help`, `attach log`, a pause's end and the HTML pages. */

export const SCOPE = 'attach is a self-reflection tool. It is not a diagnosis, not therapy, and not a substitute for professional care.';

/**
 * The crisis resources, as two paragraphs: the screen breaks them to its
 * width (render/wrap.ts), never inside a number or an address. "text START
 * to 88788" is held together (no-break spaces): it is one instruction.
 */
export const CRISIS_LINES = [
  'If you are in crisis or thinking about harming yourself: in the US, call or text 988 (Suicide & Crisis Lifeline) ' +
    'or chat at 988lifeline.org; elsewhere, call your local emergency number or find a line at findahelpline.com.',
  'If a fear is about your safety with a partner, that is not a protest behaviour: in the US, call the National ' +
    'Domestic Violence Hotline at 1-800-799-7233, or text\u00a0START\u00a0to\u00a088788.',
] as const;
