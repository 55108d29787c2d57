import { describe, expect, it } from 'vitest';
import { type FrameModel, renderFrame } from '../../src/render/pause-frame.js';
import { cueAt, type Step } from '../../src/timer/breath.js';
import * as t from '../../src/timer/machine.js';
import { makeStyle } from '../../src/ui/style.js';

const MIN = 60_000;

describe('the timer state machine', () => {
  it('counts down and ends as done when the time runs out', () => {
    let s = t.start(20 * MIN, 0);
    s = t.tick(s, 5 * MIN);
    expect(s.status).toBe('running');
    expect(t.remainingMs(s, 5 * MIN)).toBe(15 * MIN);
    s = t.tick(s, 20 * MIN + 150);
    expect(s).toEqual({ status: 'done', plannedMs: 20 * MIN, countedMs: 20 * MIN, since: null });
  });

  it('does not count time spent paused', () => {
    let s = t.start(10 * MIN, 0);
    s = t.togglePause(s, 2 * MIN);
    expect(s.status).toBe('paused');
    s = t.tick(s, 30 * MIN); // an hour on pause never finishes it
    expect(s.status).toBe('paused');
    expect(t.elapsedMs(s, 30 * MIN)).toBe(2 * MIN);
    s = t.togglePause(s, 30 * MIN);
    expect(t.elapsedMs(s, 31 * MIN)).toBe(3 * MIN);
    s = t.tick(s, 38 * MIN);
    expect(s.status).toBe('done');
  });

  it('adds and takes away a minute, never leaving less than a minute', () => {
    let s = t.start(5 * MIN, 0);
    s = t.addMinute(s, 0, 1);
    expect(s.plannedMs).toBe(6 * MIN);
    s = t.addMinute(s, 4 * MIN, -1); // 2 min left -> 1
    expect(t.remainingMs(s, 4 * MIN)).toBe(MIN);
    s = t.addMinute(s, 4 * MIN, -1); // already 1 min left: stays
    expect(t.remainingMs(s, 4 * MIN)).toBe(MIN);
    s = t.addMinute(s, 4.5 * MIN, -1); // 30 s left: never lengthened by "-"
    expect(t.remainingMs(s, 4.5 * MIN)).toBe(0.5 * MIN);
    const short = t.addMinute(t.start(0.1 * MIN, 0), 0, -1);
    expect(short.plannedMs).toBe(0.1 * MIN);
    const long = t.addMinute(t.start(t.MAX_PLANNED_MS, 0), 0, 1);
    expect(long.plannedMs).toBe(t.MAX_PLANNED_MS);
  });

  it('finishes early and cancels with the time so far, and then stays put', () => {
    const stopped = t.stop(t.start(20 * MIN, 0), 3 * MIN);
    expect(stopped).toMatchObject({ status: 'stopped', countedMs: 3 * MIN });
    expect(t.togglePause(stopped, 4 * MIN)).toBe(stopped);
    expect(t.addMinute(stopped, 4 * MIN, 1)).toBe(stopped);
    expect(t.tick(stopped, 40 * MIN)).toBe(stopped);
    const paused = t.togglePause(t.start(20 * MIN, 0), MIN);
    expect(t.cancel(paused, 9 * MIN)).toMatchObject({ status: 'cancelled', countedMs: MIN });
    expect(t.cancel(stopped, 9 * MIN)).toBe(stopped);
  });
});

describe('breathing cues', () => {
  const box: Step[] = [
    ['inhale', 4],
    ['hold', 4],
    ['exhale', 4],
    ['hold', 4],
  ];
  it('leads box breathing through its four sides and around again', () => {
    expect(cueAt(box, 0)).toEqual({ phase: 'inhale', count: 4, progress: 0, level: 0 });
    expect(cueAt(box, 3_500)).toMatchObject({ phase: 'inhale', count: 1 });
    expect(cueAt(box, 5_000)).toMatchObject({ phase: 'hold', count: 3, level: 1 });
    expect(cueAt(box, 10_000)).toMatchObject({ phase: 'exhale', count: 2, level: 0.5 });
    expect(cueAt(box, 13_000)).toMatchObject({ phase: 'hold', level: 0 });
    expect(cueAt(box, 16_000)).toMatchObject({ phase: 'inhale', count: 4 });
  });
  it('paces 4-7-8 and coherent breathing', () => {
    const f478: Step[] = [
      ['inhale', 4],
      ['hold', 7],
      ['exhale', 8],
    ];
    expect(cueAt(f478, 10_999)).toMatchObject({ phase: 'hold', count: 1 });
    expect(cueAt(f478, 11_000)).toMatchObject({ phase: 'exhale', count: 8 });
    expect(
      cueAt(
        [
          ['inhale', 5],
          ['exhale', 5],
        ],
        60_000,
      ),
    ).toMatchObject({ phase: 'inhale' }); // six breaths a minute
    expect(cueAt([], 1000)).toBeNull();
  });
});

describe('the pause screen', () => {
  const model: FrameModel = {
    title: 'Pausing with the urge: text again',
    width: 80,
    paused: false,
    remainingMs: 14 * MIN + 32_000,
    plannedMs: 20 * MIN,
    elapsedMs: 5 * MIN + 28_000,
    cue: { phase: 'inhale', count: 3, progress: 0.25, level: 0.25 },
    ideas: ['Breathe slowly', 'Go for a walk', 'Write it down', 'Call a friend'],
    typing: null,
    notesSaved: 0,
    messageHeld: false,
  };
  const plain = makeStyle(0);

  it('draws a wide frame: countdown, progress, the breath, ideas and keys', () => {
    expect(renderFrame(model, plain)).toEqual([
      '',
      '  Pausing with the urge: text again',
      '',
      '  14:32 left of 20:00',
      `  ${'█'.repeat(12)}${'░'.repeat(32)}  27%`,
      '',
      '  Breathe in  ███░░░░░░░░░  3',
      '',
      '  Ideas: Breathe slowly · Go for a walk · Write it down · Call a friend',
      '  space pause · +/- a minute · n note · m message · q finish',
    ]);
  });

  it('fits a narrow terminal without wrapping, and keeps the same number of lines', () => {
    for (const width of [20, 32, 45]) {
      const lines = renderFrame({ ...model, width }, plain);
      expect(lines).toHaveLength(10);
      for (const text of lines) expect([...text].length).toBeLessThan(width);
    }
    expect(renderFrame({ ...model, width: 40 }, plain)[3]).toBe('  14:32 left');
  });

  it('keeps, at 40 columns, what each key does, the end of a note being typed and how to save it', () => {
    const narrow = { ...model, width: 40, title: 'Pausing with the urge: call again and again until he answers' };
    const lines = renderFrame({ ...narrow, notesSaved: 1 }, plain);
    expect(lines[1]).toBe('  Pausing with the urge: call again…');
    // What is held takes the ideas' place at 40 columns; the keys keep their meanings.
    expect(lines.slice(7)).toEqual(['  1 note saved', '  n note · m message · q finish', '  space pause · +/- a minute']);
    expect(renderFrame(narrow, plain)[7]).toBe('  Breathe slowly · Go for a walk');
    const text = 'I want to check his phone so badly right now but I will wait';
    const typing = renderFrame({ ...narrow, typing: { kind: 'note', text } }, plain);
    expect(typing).toHaveLength(10);
    expect(typing.slice(8)).toEqual(['  Enter saves · Esc drops it', '  Note: …dly right now but I will wait▏']);
    for (const line of typing) expect([...line].length).toBeLessThan(40);
  });

  it('says when it is paused, and shows the note being written', () => {
    const paused = renderFrame({ ...model, paused: true }, plain);
    expect(paused[3]).toBe('  14:32 left · paused, space to go on');
    expect(paused[6]).toBe('  Take your time.');
    const note = renderFrame({ ...model, typing: { kind: 'note', text: 'felt it in my chest' }, notesSaved: 1 }, plain);
    expect(note[9]).toBe('  Note: felt it in my chest▏ (Enter saves · Esc drops it)');
    // What is held has a line of its own, above the ideas, and the keys keep their meanings.
    const held = renderFrame({ ...model, notesSaved: 2, messageHeld: true }, plain);
    expect(held.slice(7)).toEqual([
      '  2 notes saved · message held',
      '  Ideas: Breathe slowly · Go for a walk · Write it down · Call a friend',
      '  space pause · +/- a minute · n note · m message · q finish',
    ]);
    const message = renderFrame({ ...model, typing: { kind: 'message', text: 'why are you ignoring me' } }, plain);
    expect(message[9]).toBe('  Message: why are you ignoring me▏ (Enter holds it · Esc drops it)');
  });

  it('colours only when asked: no escape codes with NO_COLOR or a pipe', () => {
    expect(renderFrame(model, plain).join('\n')).not.toMatch(/\u001b/);
    expect(renderFrame(model, makeStyle(1)).join('\n')).toMatch(/\u001b\[/);
  });
});
