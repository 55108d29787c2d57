/** Breathing patterns (prompts/catalogues.json "breathing"): phases and their seconds. */

export type Phase = 'inhale' | 'hold' | 'exhale';
export type Step = readonly [Phase, number];

export interface Cue {
  phase: Phase;
  /** Whole seconds left in this phase, counting down (4, 3, 2, 1). */
  count: number;
  /** 0 to 1 through the phase. */
  progress: number;
  /** How full the lungs are, 0 to 1: rises on inhale, falls on exhale, still on hold. */
  level: number;
}

/** Where in the cycle the breath is, after `ms` of running time. */
export function cueAt(steps: readonly Step[], ms: number): Cue | null {
  const cycle = steps.reduce((sum, [, seconds]) => sum + seconds * 1000, 0);
  if (cycle <= 0) return null;
  let t = ms % cycle;
  let level = 0;
  for (const [phase, seconds] of steps) {
    const length = seconds * 1000;
    if (t < length) {
      const progress = t / length;
      const now = phase === 'inhale' ? progress : phase === 'exhale' ? 1 - progress : level;
      return { phase, count: Math.ceil((length - t) / 1000), progress, level: now };
    }
    if (phase !== 'hold') level = phase === 'inhale' ? 1 : 0;
    t -= length;
  }
  return null;
}
