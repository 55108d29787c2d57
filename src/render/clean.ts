/**
 * Shows what a person stored without letting the terminal interpret it: an
 * escape sequence pasted into a note must not move the cursor or recolour
 * the screen. Control characters become visible as \xNN.
 */
export function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
