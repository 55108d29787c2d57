import type { ProgressData } from '../analysis/progress.js';
import { clean } from './clean.js';
import { COLUMNS, headline, monthLabel, notes, rangeWords } from './progress-parts.js';

/**
 * Markdown is read, not run: characters that would turn into formatting
 * (emphasis, links, tables, headings, HTML) are escaped. Progress holds
 * none of a person's own words, but its sentences go through here all the
 * same, so the page can never say something other than the text view.
 */
export function escapeMarkdown(text: string): string {
  // A command in backticks stays a code span; everything else is plain text.
  return clean(text)
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/[\\`*_[\]|<>~]/g, (c) => `\\${c}`)))
    .join('')
    .replace(/\s*\n\s*/g, ' ');
}

/** attach progress as a Markdown page a person could keep or hand to a therapist. */
export function renderProgressMarkdown(p: ProgressData): string {
  const first = p.months[0]?.month ?? p.range.from;
  const last = p.months.at(-1)?.month ?? p.range.to;
  const out: string[] = [`# Change over months: ${rangeWords(first, last)}`, ''];
  const lines = headline(p).map(escapeMarkdown);
  out.push(...(p.changes.length ? lines.map((text) => `- ${text}`) : lines), '');
  if (p.months.length) {
    out.push(
      `| month | ${COLUMNS.map((c) => c.head).join(' | ')} |`,
      `|---|${COLUMNS.map(() => '---:').join('|')}|`,
      ...p.months.map((m) => `| ${monthLabel(m.month)}${m.underway ? ' (so far)' : ''} | ${COLUMNS.map((c) => c.value(m)).join(' | ')} |`),
      '',
      ...COLUMNS.map((c) => `- **${c.head}**: ${escapeMarkdown(c.means)}`),
      '',
      ...notes(p).flatMap((note) => [escapeMarkdown(note.text), '']),
    );
  }
  out.push('---', '', '*attach is a self-reflection tool, not a diagnosis or therapy.*', '');
  return out.join('\n');
}
