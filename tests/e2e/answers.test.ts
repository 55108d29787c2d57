import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Entry } from '../../src/journal/types.js';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';

/* What attach saves from flags is what the person said (issue: every answer saved is the answer given). */

let box: Sandbox;
beforeEach(() => {
  box = sandbox();
});
afterEach(() => box.cleanup());
const entries = (): Entry[] => JSON.parse(attach(box, ['list', '--json']).stdout) as Entry[];

describe('words for the catalogues', () => {
  it('takes an item by its words, refuses a typo with a suggestion, and keeps own words, saying so once', () => {
    const saved = attach(box, ['log', 'x', '-i', '5', '-u', 'Text again', '-t', 'mom calls twice', '--json']);
    expect(saved.code, saved.stderr).toBe(0);
    expect(JSON.parse(saved.stdout)).toMatchObject({ urges: ['double-text'], triggers: ['mom calls twice'] });
    expect(saved.stderr).toContain('Kept "mom calls twice" (--trigger) as your own words');
    const again = attach(box, ['log', 'y', '-i', '5', '-t', 'Mom calls twice']);
    expect(again.stderr).not.toContain('as your own words');

    const typo = attach(box, ['log', 'z', '-i', '5', '-t', 'delayed-replly']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      '--trigger: "delayed-replly" is not in the list; did you mean delayed-reply ("A slow or short reply")?\n' +
        'To keep "delayed-replly" as your own words, add it first: attach config add trigger "delayed-replly"\n',
    );
    expect(entries()).toHaveLength(2);
  });

  it("lists a catalogue with ids, words and the person's own items", () => {
    attach(box, ['config', 'add', 'trigger', 'mom calls twice']);
    const out = attach(box, ['config', 'list', 'trigger']).stdout.split('\n');
    expect(out[0]).toMatch(/^delayed-reply +A slow or short reply$/);
    expect(out).toContainEqual(expect.stringMatching(/^mom calls twice +\(your own words\)$/));
  });
});

describe('times and changes', () => {
  it('refuses a future day alone, and records a pause that already happened without timing it', () => {
    const future = attach(box, ['log', 'x', '-i', '5', '--at', '2099-01-01']);
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/^--at: "2099-01-01" is in the future/);
    expect(existsSync(box.journal)).toBe(false);
    const started = Date.now();
    const pause = attach(box, ['pause', '--at', '2h ago', '--minutes', '20', '--before', '8', '--after', '3', '--passed', 'yes', '--json']);
    expect(pause.code, pause.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(JSON.parse(pause.stdout)).toMatchObject({ plannedSeconds: 1200, elapsedSeconds: 1200, completed: true, before: 8, after: 3 });
  });

  it('edit --clear empties optional fields and refuses one that must hold something', () => {
    const id = (JSON.parse(attach(box, ['log', 'x', '-i', '5', '--thought', 'regret this', '--note', 'n', '--json']).stdout) as Entry).id;
    expect(attach(box, ['edit', id.slice(0, 8), '--clear', 'thought,note']).code).toBe(0);
    expect(entries()[0]).toMatchObject({ thought: null, note: null });
    const refused = attach(box, ['edit', id.slice(0, 8), '--clear', 'intensity']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("--clear: intensity can't be left empty; change it with --intensity.\n");
  });

  it('a bad setting is one line, and the moment is saved with the default', () => {
    const config = `${box.dir}/config/attach/config.json`;
    attach(box, ['config', 'set', 'breath', 'box']);
    const text = readFileSync(config, 'utf8').replace('"box"', '"square"');
    writeFileSync(config, text);
    const r = attach(box, ['log', 'x', '-i', '8']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toMatch(/^The setting breath \("square"\) is ignored: it should be box, 478, coherent, none\./);
    expect(entries()).toHaveLength(1);
  });
});
