import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseJournal } from '../../src/journal/format.js';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';
import { KEY, Terminal } from '../helpers/pty.js';

/*
 * `attach log` in a real pseudo-terminal (node-pty), answered key by key as a
 * person would: stdin and stdout are a TTY, so the CLI asks every question of
 * prompts/log.json through @inquirer, drawn on the terminal. Each answer is
 * typed only once its question (or the expected selection) is on screen; the
 * screen is polled in small steps up to a deadline, never slept on.
 */

describe('attach log in a real terminal', () => {
  const boxes: Sandbox[] = [];
  const terminals: Terminal[] = [];
  const start = (box: Sandbox, args: string[]) => {
    const term = new Terminal(box, args);
    terminals.push(term);
    return term;
  };
  const newBox = () => {
    const box = sandbox();
    boxes.push(box);
    return box;
  };
  afterEach(() => {
    for (const term of terminals.splice(0)) term.kill();
    for (const box of boxes.splice(0)) box.cleanup();
  });

  it('asks every question, takes the answers typed at the keyboard and saves them', async () => {
    const box = newBox();
    const term = start(box, ['log']);

    // what: free text, required.
    await term.waitFor("Let's write down what's happening.");
    await term.waitFor('? What happened?');
    term.type('No reply since this morning', KEY.enter);

    // who: a select; the person's own words through "Something else…".
    await term.waitFor('? Who was it with?');
    await term.waitFor('❯ My partner');
    term.type(...Array<string>(6).fill(KEY.down));
    await term.waitFor('❯ Something else…');
    term.type(KEY.enter);
    await term.waitFor('? In your own words (commas between several):');
    term.type('my sister', KEY.enter);

    // triggers: a checkbox; the first item and the fourth.
    await term.waitFor('? What set it off?');
    await term.waitFor('❯◯ A slow or short reply');
    term.type(KEY.space);
    await term.waitFor('❯◉ A slow or short reply');
    term.type(KEY.down, KEY.down, KEY.down);
    await term.waitFor('❯◯ A disagreement or conflict');
    term.type(KEY.space);
    await term.waitFor('❯◉ A disagreement or conflict');
    term.type(KEY.enter);

    // intensity: a select that starts on 5; two down is 7.
    await term.waitFor('? How strong is it right now?');
    await term.waitFor(/❯ +5 +strong/);
    term.type(KEY.down, KEY.down);
    await term.waitFor(/❯ +7 +hard to think of anything else/);
    term.type(KEY.enter);

    // body: a checkbox; the first and the third.
    await term.waitFor('? Where do you feel it in your body?');
    await term.waitFor('❯◯ Tight chest');
    term.type(KEY.space, KEY.down, KEY.down);
    await term.waitFor('❯◯ Racing heart');
    term.type(KEY.space);
    await term.waitFor('❯◉ Racing heart');
    term.type(KEY.enter);

    // thought: optional text, answered.
    await term.waitFor('? What story is your mind telling you? (optional)');
    term.type("They're losing interest", KEY.enter);

    // urges: a checkbox; the first.
    await term.waitFor('? What is the alarm pushing you to do?');
    await term.waitFor('❯◯ Text again');
    term.type(KEY.space);
    await term.waitFor('❯◉ Text again');
    term.type(KEY.enter);

    // protest: a checkbox left empty.
    await term.waitFor("? Did you do something you'd call protest?");
    await term.waitFor('❯◯ Reaching out again and again to reconnect');
    term.type(KEY.enter);

    // instead: optional text, skipped with Enter.
    await term.waitFor('? What did you do instead, or what could you do? (optional)');
    term.type(KEY.enter);

    await term.waitFor(/Saved to your journal \([0-9a-f]{8}\)\. Noticing it is already a step back from it\./);
    const { exitCode } = await term.exit();
    expect(exitCode, term.text).toBe(0);
    // Intensity 7 or more suggests a pause.
    expect(term.text).toContain('attach pause');
    expect(term.text).not.toContain('Nothing was saved');

    const journal = parseJournal(readFileSync(box.journal, 'utf8'), box.journal);
    expect(journal.entries).toHaveLength(1);
    const entry = journal.entries[0]!;
    const shortId = /Saved to your journal \(([0-9a-f]{8})\)/.exec(term.text)?.[1];
    expect(entry.id.slice(0, 8)).toBe(shortId);
    expect(entry).toMatchObject({
      type: 'trigger',
      what: 'No reply since this morning',
      who: 'my sister',
      triggers: ['delayed-reply', 'conflict'],
      intensity: 7,
      body: ['tight-chest', 'racing-heart'],
      thought: "They're losing interest",
      urges: ['double-text'],
      protest: [],
      instead: null,
      tags: [],
      note: null,
    });
    expect(entry.at).toBe(entry.recordedAt);
  });

  it('Ctrl-C at the second question saves nothing and exits 130 (no journal yet)', async () => {
    const box = newBox();
    const term = start(box, ['log']);
    await term.waitFor('? What happened?');
    term.type('No reply since this morning', KEY.enter);
    await term.waitFor('? Who was it with?');
    await term.waitFor('❯ My partner');
    term.type(KEY.ctrlC);

    await term.waitFor('Nothing was saved.');
    const { exitCode } = await term.exit();
    expect(exitCode, term.text).toBe(130);
    expect(term.text).not.toContain('Saved to your journal');
    // No stack trace reaches a person (DESIGN.md section 4).
    expect(term.text).not.toMatch(/ExitPromptError|\n\s+at /);
    expect(existsSync(box.journal)).toBe(false);
  });

  it('Ctrl-C at the second question leaves an existing journal exactly as it was', async () => {
    const box = newBox();
    const seeded = attach(box, ['log', 'an earlier moment', '-i', '4']);
    expect(seeded.code, seeded.stderr).toBe(0);
    const before = readFileSync(box.journal, 'utf8');

    const term = start(box, ['log']);
    await term.waitFor('? What happened?');
    term.type('No reply since this morning', KEY.enter);
    await term.waitFor('? Who was it with?');
    await term.waitFor('❯ My partner');
    term.type(KEY.ctrlC);

    await term.waitFor('Nothing was saved.');
    const { exitCode } = await term.exit();
    expect(exitCode, term.text).toBe(130);
    expect(readFileSync(box.journal, 'utf8')).toBe(before);
    const dir = path.dirname(box.journal);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp') || name.endsWith('.lock'))).toEqual([]);
  });
});
