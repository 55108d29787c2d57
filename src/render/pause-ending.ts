import type { PauseEntry } from '../journal/types.js';
import { CRISIS_LINES } from './safety.js';
import { duration } from './time.js';

/**
 * What a pause's end says, following what the person said (never "it's
 * still here ... the urge passed"): the change in words, how long they
 * stayed, and where the urge is still strong or not passed, one next step;
 * at 9 or 10 afterwards, or a rise to 10, the crisis lines too.
 */
export function pauseEnding(entry: PauseEntry): string[] {
  const stayed = entry.completed
    ? `You stayed for the whole ${duration(entry.plannedSeconds)}.`
    : `You paused for ${duration(entry.elapsedSeconds)}.`;
  const lines: string[] = [];
  const { before, after, passed } = entry;
  if (after !== null) {
    const change = `${before} → ${after}`;
    if (passed === true)
      lines.push(after < before ? `${change}: the wave came down, and the urge passed.` : `${change}, and the urge passed.`);
    else if (after < before) lines.push(`${change}: the wave came down${passed === false ? ', though it is still here' : ''}.`);
    else if (after === before) lines.push(`${change}: it's still here, and you gave it room.`);
    else lines.push(`${change}: it rose; that happens, and you stayed with it.`);
  } else if (passed === true) {
    lines.push('The urge passed.');
  }
  lines.push(stayed);
  const strong = after !== null && after >= 9;
  if (passed === false || strong) {
    lines.push(
      strong
        ? 'It is still very strong. Reaching out to someone you trust, or another pause, can carry you through this: attach pause'
        : 'It can take more than one pause. Another one, a walk or a few lines written down can help: attach pause',
    );
  }
  if (strong) lines.push(...CRISIS_LINES.flatMap((text) => ['', text]));
  return lines;
}
