import type { ChalkInstance } from 'chalk';
import type { Cue } from '../timer/breath.js';
import { displayWidth, truncate } from './width.js';

/** What one frame of the pause screen shows; everything is computed before, so this stays pure. */
export interface FrameModel {
  title: string;
  width: number;
  paused: boolean;
  remainingMs: number;
  plannedMs: number;
  elapsedMs: number;
  cue: Cue | null;
  ideas: readonly string[];
  /** What is being typed: a note after `n`, the message the urge wants sent after `m`; or null. */
  typing: { kind: 'note' | 'message'; text: string } | null;
  notesSaved: number;
  /** A message is held (with `m`), to decide about after the timer. */
  messageHeld: boolean;
}

const BREATH_WORDS = { inhale: 'Breathe in', hold: 'Hold', exhale: 'Breathe out' } as const;

export function clock(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

function bar(fraction: number, cells: number): string {
  const filled = Math.round(Math.min(Math.max(fraction, 0), 1) * cells);
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

/**
 * The lines of one frame. Each fits `width` (nothing wraps, so a redraw can
 * move up a known number of lines), and the frame always has the same
 * number of lines so it never jumps.
 */
export function renderFrame(m: FrameModel, style: ChalkInstance): string[] {
  // Two columns of margin on the left, and never the last column (some terminals wrap there).
  const width = Math.max(m.width - 3, 10);
  const wide = width >= 60;
  const done = m.plannedMs > 0 ? m.elapsedMs / m.plannedMs : 1;
  const percent = `${String(Math.floor(done * 100)).padStart(3)}%`;
  const cells = Math.max(Math.min(width - 6, 44), 4);

  const time = m.paused
    ? `${style.bold(clock(m.remainingMs))} left · ${style.yellow('paused')}, space to go on`
    : `${style.bold(clock(m.remainingMs))} left${wide ? ` of ${clock(m.plannedMs)}` : ''}`;

  let breath = '';
  if (m.cue && !m.paused) {
    const word = BREATH_WORDS[m.cue.phase].padEnd(11);
    breath = `${style.cyan(word)} ${style.cyan(bar(m.cue.level, wide ? 12 : 6))}  ${m.cue.count}`;
  } else if (m.paused) {
    breath = style.dim('Take your time.');
  }

  // Whole ideas only: as many as fit, never one cut in the middle.
  const prefix = wide ? 'Ideas: ' : '';
  let ideas = '';
  for (const idea of m.ideas) {
    const next = ideas ? `${ideas} · ${idea}` : `${prefix}${idea}`;
    if (displayWidth(next) > width) break;
    ideas = next;
  }
  // The last lines: the keys and what they do, or what is being typed. Below 60 columns they take two lines, the
  // blank line above the ideas giving way, so that the meanings of the keys and the hint to save stay on the screen.
  let bottom: string[];
  if (m.typing) {
    const [label, hint] = m.typing.kind === 'note' ? ['Note', 'Enter saves · Esc drops it'] : ['Message', 'Enter holds it · Esc drops it'];
    const whole = `${label}: ${m.typing.text}▏ ${style.dim(`(${hint})`)}`;
    bottom = wide && displayWidth(whole) <= width ? ['', ideas, whole] : [ideas, style.dim(hint), typed(label, m.typing.text, width)];
  } else {
    // What is held goes on a line of its own, so the keys keep their meanings: above the ideas, or in their place below
    // 60 columns (once a note or a message is written, the keys matter more than ideas for the time).
    const held = [m.notesSaved > 0 ? `${m.notesSaved} note${m.notesSaved > 1 ? 's' : ''} saved` : '', m.messageHeld ? 'message held' : ''];
    const status = style.dim(held.filter(Boolean).join(' · '));
    bottom = wide
      ? [status, ideas, style.dim(keyLine(KEYS, width))]
      : [status || ideas, style.dim(keyLine(KEYS.slice(2), width)), style.dim(keyLine(KEYS.slice(0, 2), width))];
  }

  // Widths are measured on the plain text; colours add no columns.
  const lines = ['', style.dim(wordsThatFit(m.title, width)), '', time, `${bar(done, cells)} ${percent}`, '', breath, ...bottom];
  return lines.map((text) => (text ? `  ${fitStyled(text, width)}` : ''));
}

/** The keys of the pause and what each does. */
const KEYS: readonly (readonly [key: string, meaning: string])[] = [
  ['space', 'pause'],
  ['+/-', 'a minute'],
  ['n', 'note'],
  ['m', 'message'],
  ['q', 'finish'],
];

/** Keys with their meanings on one line: where it is too wide, the first keys' meanings go first. */
function keyLine(keys: typeof KEYS, width: number): string {
  let line = '';
  for (let bare = 0; bare <= keys.length; bare++) {
    line = keys.map(([key, meaning], i) => (i < bare ? key : `${key} ${meaning}`)).join(' · ');
    if (displayWidth(line) <= width) break;
  }
  return line;
}

/** What is being typed, its end always in view with the cursor: the start gives way to "…" when it is too long. */
function typed(label: string, text: string, width: number): string {
  const whole = `${label}: ${text}▏`;
  if (displayWidth(whole) <= width) return whole;
  const chars = [...text];
  let tail = '';
  while (chars.length && displayWidth(`${label}: …${chars.at(-1)}${tail}▏`) <= width) tail = chars.pop() + tail;
  return `${label}: …${tail}▏`;
}

/** A title cut after its last whole word that fits, with "…": never in the middle of a word. */
function wordsThatFit(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const cut = truncate(text, width).slice(0, -1);
  const space = cut.lastIndexOf(' ');
  return `${space > 0 ? cut.slice(0, space).trimEnd() : cut}…`;
}

/** Cuts a line to the terminal's width (by display width: an urge in CJK or emoji too), so nothing wraps and the redraw stays aligned. */
function fitStyled(text: string, width: number): string {
  return displayWidth(text) <= width ? text : truncate(text, width);
}
