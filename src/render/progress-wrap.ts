/**
 * Breaks text into lines of at most `width` columns, between words (VOICE.md:
 * every line fits the terminal it is shown on). A command in backticks is
 * one word, never split; only a single word longer than the whole line is
 * cut, so that no line is ever wider than `width`. `indent` starts every
 * line and counts towards the width.
 */
export function wrap(text: string, width: number, indent = ''): string[] {
  const room = Math.max(1, width - [...indent].length);
  const words = text.match(/`[^`]*`\S*|\S+/g) ?? [];
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && [...current].length + 1 + [...word].length <= room) {
      current += ` ${word}`;
      continue;
    }
    if (current) lines.push(current);
    current = word;
    while ([...current].length > room) {
      lines.push([...current].slice(0, room).join(''));
      current = [...current].slice(room).join('');
    }
  }
  if (current) lines.push(current);
  return lines.map((line) => indent + line);
}
