import { CRISIS_LINES, SCOPE } from '../safety.js';
import { html, Markup } from './markup.js';
import { STYLE } from './style.js';

/*
 * The document around a page: private by construction. The policy forbids
 * every resource (scripts, fonts, images, frames, styles from anywhere, forms
 * that post) except inline styles and data: images, and it comes first in
 * <head>, before anything a person wrote. There is no script at all.
 */
export const POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The safety note of VOICE.md: what this is and is not, and where to turn in a crisis. */
export function safetyNote(): Markup {
  return html`<footer>
<p><strong>${SCOPE}</strong></p>
<p>${CRISIS_LINES.join(' ')}</p>
<p class="muted">attach made this page on your own computer from your journal. \
It loads nothing from the internet and sends nothing anywhere.</p>
</footer>`;
}

export function page(title: string, body: Markup): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${title}</title>
<style>${new Markup(STYLE)}</style>
</head>
<body>
<main>
${body}
</main>
${safetyNote()}
</body>
</html>
`.text;
}
