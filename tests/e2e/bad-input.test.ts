import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { attach, attachAsync, type Result, type Sandbox, sandbox } from '../helpers/cli.js';
import * as make from '../helpers/entries.js';
import { changes, pool, STACK_LINE, snapshot } from '../helpers/hostile.js';

/*
 * Issue 7, every command's bad input: each command of DESIGN.md section 1
 * with the values it must refuse. Each is exit 2 (or 3 where DESIGN.md
 * section 4 says so: a journal or settings that can't be used safely), one
 * line that names the flag or value and says what is allowed (an ambiguous
 * id adds its candidates, one a line), no stack, nothing on stdout, and the
 * sandbox exactly as it was: the journal byte for byte, and no new file
 * beside it.
 */

const PASS = 'correct horse battery';
const journal = (entries: string[]) => `{"version":1,"entries":[\n${entries.join(',\n')}\n]}\n`;
const trigger = (id: string, day: string, what: string) =>
  JSON.stringify(
    make.trigger({ id, at: `2026-11-${day}T21:14:00+00:00`, recordedAt: `2026-11-${day}T21:14:00+00:00`, what, intensity: 5 }),
  );
const SEED = journal([
  trigger('aaaa1111-0000-4000-8000-000000000001', '20', 'one'),
  trigger('aaaa2222-0000-4000-8000-000000000002', '21', 'two'),
  JSON.stringify(
    make.pause({
      id: 'bbbb3333-0000-4000-8000-000000000003',
      at: '2026-11-21T21:20:00+00:00',
      recordedAt: '2026-11-21T21:20:00+00:00',
      plannedSeconds: 60,
      elapsedSeconds: 60,
      before: 6,
      after: 3,
      passed: true,
    }),
  ),
  JSON.stringify(
    make.reflection({
      id: 'cccc4444-0000-4000-8000-000000000004',
      at: '2026-11-21T22:00:00+00:00',
      recordedAt: '2026-11-21T22:00:00+00:00',
      protest: ['withdrawing'],
      needs: ['closeness'],
    }),
  ),
]);

type State = 'plain' | 'broken' | 'encrypted' | 'bad-config';
let encryptedSeed: Buffer;
beforeAll(() => {
  const box = sandbox();
  try {
    mkdirSync(path.dirname(box.journal), { recursive: true });
    writeFileSync(box.journal, SEED);
    const r = attach(box, ['encrypt'], { ATTACH_PASSPHRASE: PASS });
    expect(r.code, r.stderr).toBe(0);
    encryptedSeed = readFileSync(box.journal);
  } finally {
    box.cleanup();
  }
});

/** A sandbox whose journal (and settings) are in the given state, with the files an import may be given beside it. */
function prepare(state: State): Sandbox {
  const box = sandbox();
  mkdirSync(path.dirname(box.journal), { recursive: true, mode: 0o700 });
  writeFileSync(
    box.journal,
    state === 'broken' ? SEED.slice(0, Math.floor(SEED.length * 0.6)) : state === 'encrypted' ? encryptedSeed : SEED,
    { mode: 0o600 },
  );
  if (state === 'bad-config') {
    mkdirSync(path.join(box.dir, 'config', 'attach'), { recursive: true });
    writeFileSync(path.join(box.dir, 'config', 'attach', 'config.json'), '{"breath": "square"');
  }
  const inputs = path.join(box.dir, 'inputs');
  mkdirSync(inputs);
  writeFileSync(path.join(inputs, 'not-json.json'), 'not json at all\n');
  writeFileSync(path.join(inputs, 'newer.json'), '{"version":9,"entries":[]}\n');
  writeFileSync(path.join(inputs, 'array.json'), '[]\n');
  writeFileSync(
    path.join(inputs, 'wrong-shape.json'),
    journal([trigger('eeee6666-0000-4000-8000-000000000006', '22', 'loud').replace('"intensity":5', '"intensity":"high"')]),
  );
  writeFileSync(path.join(inputs, 'ok.json'), journal([trigger('dddd5555-0000-4000-8000-000000000005', '22', 'from the laptop')]));
  return box;
}

interface Case {
  name: string;
  /** `{dir}` in an argument is replaced by the sandbox folder. */
  args: string[];
  message: RegExp;
  code?: 2 | 3;
  state?: State;
  env?: NodeJS.ProcessEnv;
  /** Lines that follow the message: an ambiguous id's candidates, or (exit 3) what to do next. */
  more?: number;
  /** Where the table shows it (default: its command, or "the program" for what commander itself refuses). */
  group?: string;
  /** Lines said before the message: what doctor --repair would do, before it asks for --yes. */
  said?: number;
  /** Commander's "(Did you mean log?)" may follow on a line of its own. */
  suggestion?: boolean;
  /** doctor reports its findings on stdout even when the journal can't be used. */
  stdout?: boolean;
}

const EXIT_3 = 'a journal or settings that cannot be used (exit 3)';

const cases: Case[] = [
  // log
  { name: 'log -i 11', args: ['log', 'x', '-i', '11'], message: /--intensity takes a whole number from 0 to 10 \(you gave "11"\)/ },
  { name: 'log -i -1', args: ['log', 'x', '-i', '-1'], message: /--intensity .*"-1"/ },
  { name: 'log -i 7.5', args: ['log', 'x', '-i', '7.5'], message: /--intensity .*"7\.5"/ },
  { name: 'log -i seven', args: ['log', 'x', '-i', 'seven'], message: /--intensity .*"seven"/ },
  { name: 'log without -i', args: ['log', 'x'], message: /--intensity/ },
  { name: 'log without what', args: ['log', '-i', '5'], message: /what happened/ },
  { name: 'log --at tomorrow', args: ['log', 'x', '-i', '5', '--at', 'tomorrow'], message: /--at: "tomorrow" is in the future/ },
  { name: 'log --at "not a date"', args: ['log', 'x', '-i', '5', '--at', 'not a date'], message: /--at: "not a date" isn't a time/ },
  { name: 'log --who ""', args: ['log', 'x', '-i', '5', '--who', ''], message: /--who is empty/ },
  { name: 'log -b ,', args: ['log', 'x', '-i', '5', '-b', ','], message: /--body needs at least one value/ },
  // pause
  {
    name: 'pause --minutes 0',
    args: ['pause', '--minutes', '0', '--before', '5'],
    message: /--minutes takes a number of minutes from 0\.05 to 180 \(you gave "0"\)/,
  },
  { name: 'pause --minutes -3', args: ['pause', '--minutes', '-3', '--before', '5'], message: /--minutes .*"-3"/ },
  { name: 'pause --minutes abc', args: ['pause', '--minutes', 'abc', '--before', '5'], message: /--minutes .*"abc"/ },
  { name: 'pause --minutes 181', args: ['pause', '--minutes', '181', '--before', '5'], message: /--minutes .*"181"/ },
  { name: 'pause --before 11', args: ['pause', '--before', '11'], message: /--before takes a whole number from 0 to 10/ },
  { name: 'pause --after 11', args: ['pause', '--before', '5', '--after', '11'], message: /--after takes a whole number from 0 to 10/ },
  { name: 'pause without --before', args: ['pause', '--minutes', '1'], message: /--before/ },
  {
    name: 'pause --breath square',
    args: ['pause', '--before', '5', '--breath', 'square'],
    message: /--breath takes box, 478, coherent or none/,
  },
  { name: 'pause --passed maybe', args: ['pause', '--before', '5', '--passed', 'maybe'], message: /--passed takes yes or no/ },
  {
    name: 'pause --for an unknown id',
    args: ['pause', '--before', '5', '--for', 'ffff'],
    message: /--for: no entry has an id starting with "ffff"/,
  },
  {
    name: 'pause --for an ambiguous id',
    args: ['pause', '--before', '5', '--for', 'aaaa'],
    message: /--for: "aaaa" matches 2 entries/,
    more: 2,
  },
  {
    name: 'pause --for a pause',
    args: ['pause', '--before', '5', '--for', 'bbbb'],
    message: /--for: bbbb3333 is a pause, not a logged moment/,
  },
  // reflect
  { name: 'reflect without --protest', args: ['reflect', '--need', 'closeness'], message: /--protest/ },
  { name: 'reflect without --need or --ask', args: ['reflect', '-p', 'withdrawing'], message: /--need .*--ask/ },
  {
    name: 'reflect --for an unknown id',
    args: ['reflect', '-p', 'withdrawing', '--need', 'closeness', '--for', 'ffff'],
    message: /--for: no entry/,
  },
  {
    name: 'reflect --for an ambiguous id',
    args: ['reflect', '-p', 'withdrawing', '--need', 'closeness', '--for', 'aaaa'],
    message: /--for: "aaaa" matches 2 entries/,
    more: 2,
  },
  { name: 'reflect --ask ""', args: ['reflect', '-p', 'withdrawing', '--ask', ' '], message: /--ask is empty/ },
  // report
  {
    name: 'report --week 2026-W54',
    args: ['report', '--week', '2026-W54'],
    message: /--week takes an ISO week like 2026-W47 .*"2026-W54"/,
  },
  { name: 'report --week 2026-W00', args: ['report', '--week', '2026-W00'], message: /--week .*"2026-W00"/ },
  { name: 'report --week banana', args: ['report', '--week', 'banana'], message: /--week .*"banana"/ },
  {
    name: 'report --week 2099-W01',
    args: ['report', '--week', '2099-W01'],
    message: /^--week 2099-W01 has not begun yet \(it starts 2098-12-29\)/,
  },
  { name: 'report --from 2026-13-01', args: ['report', '--from', '2026-13-01'], message: /--from: "2026-13-01" isn't a day/ },
  { name: 'report --to 2026-02-30', args: ['report', '--to', '2026-02-30'], message: /--to: "2026-02-30" isn't a day/ },
  {
    name: 'report --from after --to',
    args: ['report', '--from', '2026-11-10', '--to', '2026-11-01'],
    message: /--from \(2026-11-10\) is after --to \(2026-11-01\)/,
  },
  { name: 'report --from in the future', args: ['report', '--from', '2099-01-01'], message: /--from \(2099-01-01\) is in the future/ },
  { name: 'report --week with --from', args: ['report', '--week', '--from', '2026-11-01'], message: /--week is a whole period by itself/ },
  { name: 'report --lookback 0', args: ['report', '--lookback', '0'], message: /--lookback takes a number of weeks from 1 to 260/ },
  { name: 'report --lookback 261', args: ['report', '--lookback', '261'], message: /--lookback .*"261"/ },
  { name: 'report --format pdf', args: ['report', '--format', 'pdf'], message: /--format takes text, json, md or html \(you gave "pdf"\)/ },
  { name: 'report --json --format md', args: ['report', '--json', '--format', 'md'], message: /--json and --format md/ },
  { name: 'report -o under a file', args: ['report', '-o', '{dir}/inputs/ok.json/report.md'], message: /-o, --out: can't write/ },
  // list
  {
    name: 'list --type dream',
    args: ['list', '--type', 'dream'],
    message: /--type takes moment \(trigger\), pause, reflection, follow-up, plan or glimmer \(you gave "dream"\)/,
  },
  {
    name: 'list --limit 0',
    args: ['list', '--limit', '0'],
    message: /--limit takes a whole number of entries, 1 or more \(you gave "0"\)/,
  },
  { name: 'list --limit abc', args: ['list', '--limit', 'abc'], message: /--limit .*"abc"/ },
  { name: 'list --from bad', args: ['list', '--from', 'bad'], message: /--from: "bad" isn't a day/ },
  { name: 'list --from after --to', args: ['list', '--from', '2026-11-10', '--to', '2026-11-01'], message: /--from .* is after --to/ },
  { name: 'list --search ""', args: ['list', '--search', ''], message: /--search is empty/ },
  // show
  { name: 'show an unknown id', args: ['show', 'ffff'], message: /No entry has an id starting with "ffff"/ },
  { name: 'show an ambiguous id', args: ['show', 'aaaa'], message: /"aaaa" matches 2 entries; add a few more characters/, more: 2 },
  { name: 'show ""', args: ['show', ''], message: /Give the id of an entry/ },
  { name: 'show without an id', args: ['show'], message: /^attach show needs an id; attach list shows them\.$/ },
  { name: 'show two ids', args: ['show', 'aaaa1', 'aaaa2'], message: /^attach show takes just an id, and was given "aaaa2" as well\./ },
  // edit
  { name: 'edit -i 12', args: ['edit', 'aaaa1', '-i', '12'], message: /--intensity takes a whole number from 0 to 10 \(you gave "12"\)/ },
  {
    name: 'edit a trigger with a pause flag',
    args: ['edit', 'aaaa1', '--before', '3'],
    message: /--before doesn't apply to a moment; its options are/,
  },
  { name: 'edit a pause with a trigger flag', args: ['edit', 'bbbb', '--what', 'x'], message: /--what doesn't apply to a pause/ },
  {
    name: 'edit a reflection with a trigger flag',
    args: ['edit', 'cccc', '-i', '3'],
    message: /--intensity doesn't apply to a reflection/,
  },
  { name: 'edit --passed maybe', args: ['edit', 'bbbb', '--passed', 'maybe'], message: /--passed takes yes or no/ },
  { name: 'edit --at tomorrow', args: ['edit', 'aaaa1', '--at', 'tomorrow'], message: /--at: "tomorrow" is in the future/ },
  { name: 'edit with nothing to change', args: ['edit', 'aaaa1'], message: /Say what to change/ },
  { name: 'edit an unknown id', args: ['edit', 'ffff', '-i', '3'], message: /No entry has an id starting with "ffff"/ },
  { name: 'edit an ambiguous id', args: ['edit', 'aaaa', '-i', '3'], message: /"aaaa" matches 2 entries/, more: 2 },
  // delete
  { name: 'delete without --yes', args: ['delete', 'aaaa1'], message: /add --yes/ },
  { name: 'delete an unknown id', args: ['delete', 'ffff', '--yes'], message: /No entry has an id starting with "ffff"/ },
  { name: 'delete an ambiguous id', args: ['delete', 'aaaa', '--yes'], message: /"aaaa" matches 2 entries/, more: 2 },
  // export
  { name: 'export --format xml', args: ['export', '--format', 'xml'], message: /--format takes json, csv or md \(you gave "xml"\)/ },
  { name: 'export --type dream', args: ['export', '--type', 'dream'], message: /--type takes moment \(trigger\), pause/ },
  {
    name: 'export -o the journal itself',
    args: ['export', '-o', '{dir}/data/attach/journal.json'],
    message: /-o, --out: .* is your journal itself/,
  },
  { name: 'export -o under a file', args: ['export', '-o', '{dir}/inputs/ok.json/export.json'], message: /-o, --out: can't write/ },
  // import
  { name: 'import a missing file', args: ['import', '{dir}/inputs/missing.json'], message: /There is no file at .*missing\.json/ },
  { name: 'import a folder', args: ['import', '{dir}/inputs'], message: /inputs is a folder/ },
  { name: 'import a non-JSON file', args: ['import', '{dir}/inputs/not-json.json'], message: /not-json\.json is not valid JSON/ },
  {
    name: 'import a newer-version file',
    args: ['import', '{dir}/inputs/newer.json'],
    message: /newer\.json can't be imported yet: it was written in format 9/,
  },
  { name: 'import a JSON array', args: ['import', '{dir}/inputs/array.json'], message: /array\.json is not an attach journal/ },
  {
    name: 'import entries of the wrong shape',
    args: ['import', '{dir}/inputs/wrong-shape.json'],
    message: /wrong-shape\.json is not an attach journal .*intensity/,
  },
  {
    name: 'import --prefer maybe',
    args: ['import', '{dir}/inputs/ok.json', '--prefer', 'maybe'],
    message: /--prefer takes theirs or ours \(you gave "maybe"\)/,
  },
  // doctor
  {
    name: 'doctor --repair without --yes on a broken journal',
    args: ['doctor', '--repair'],
    state: 'broken',
    said: 3,
    message: /needs --yes/,
  },
  // config
  {
    name: 'config set pauseMinutes 0',
    args: ['config', 'set', 'pauseMinutes', '0'],
    message: /pauseMinutes takes a number from 0\.05 to 180 \(you gave "0"\)/,
  },
  { name: 'config set pauseMinutes (no value)', args: ['config', 'set', 'pauseMinutes'], message: /pauseMinutes takes a number/ },
  {
    name: 'config set colour blue',
    args: ['config', 'set', 'colour', 'blue'],
    message: /"colour" is not a setting\. The settings are pauseMinutes, breath, lookbackWeeks, journal/,
  },
  { name: 'config set breath square', args: ['config', 'set', 'breath', 'square'], message: /breath takes box, 478, coherent, none/ },
  {
    name: 'config set glimmerReminders maybe',
    args: ['config', 'set', 'glimmerReminders', 'maybe'],
    message: /^glimmerReminders takes on or off \(you gave "maybe"\), for example attach config set glimmerReminders off\.$/,
  },
  {
    name: 'config set lookbackWeeks 0',
    args: ['config', 'set', 'lookbackWeeks', '0'],
    message: /lookbackWeeks takes a whole number from 1 to 260/,
  },
  { name: 'config get (no name)', args: ['config', 'get'], message: /Name a setting/ },
  { name: 'config add to an unknown list', args: ['config', 'add', 'colour', 'blue'], message: /"colour" is not a list/ },
  { name: 'config add without an item', args: ['config', 'add', 'trigger'], message: /Say the item/ },
  {
    name: 'config remove an item that is not there',
    args: ['config', 'remove', 'trigger', 'not there'],
    message: /"not there" is not one of your trigger items/,
  },
  {
    name: 'config frobnicate',
    args: ['config', 'frobnicate'],
    message: /attach config takes list, get, set, unset, add or remove \(you gave "frobnicate"\)/,
  },
  // encrypt and decrypt
  { name: 'encrypt without a passphrase or a terminal', args: ['encrypt'], message: /ATTACH_PASSPHRASE/ },
  { name: 'encrypt with a short passphrase', args: ['encrypt'], env: { ATTACH_PASSPHRASE: 'short' }, message: /at least 8 characters/ },
  // the program
  {
    name: 'an unknown option',
    group: 'the program',
    args: ['log', 'x', '-i', '5', '--mood', 'low'],
    message: /^attach log has no option --mood\. attach log --help lists the ones it has\.$/,
  },
  {
    name: 'an unknown command',
    group: 'the program',
    args: ['lgo', 'x'],
    message: /^attach has no command "lgo"\. Did you mean attach log\?$/,
  },
  {
    name: 'an option without its value',
    group: 'the program',
    args: ['log', 'x', '-i'],
    message: /^--intensity needs a value after it: --intensity <0-10>, how strong it is, 0 to 10\.$/,
  },
  {
    name: 'a global option without its value',
    group: 'the program',
    args: ['list', '--file'],
    message: /^--file needs a value after it: --file <path>, the journal file/,
  },
  {
    name: 'an option of another command',
    group: 'the program',
    args: ['list', '--intensity', '5'],
    message: /^attach list has no option --intensity\. attach list --help lists the ones it has\.$/,
  },

  // Exit 3 (DESIGN.md section 4): the journal or the settings can't be used safely; nothing is written.
  {
    name: 'list on a broken journal',
    group: EXIT_3,
    args: ['list'],
    state: 'broken',
    code: 3,
    message: /can't be read: it is not valid JSON/,
    more: 1,
  },
  {
    name: 'log on a broken journal',
    group: EXIT_3,
    args: ['log', 'x', '-i', '5'],
    state: 'broken',
    code: 3,
    message: /can't be read: it is not valid JSON/,
    more: 1,
  },
  {
    name: 'doctor on a broken journal',
    group: EXIT_3,
    args: ['doctor'],
    state: 'broken',
    code: 3,
    message: /can't be used/,
    more: 1,
    stdout: true,
  },
  {
    name: 'list on an encrypted journal without the passphrase',
    group: EXIT_3,
    args: ['list'],
    state: 'encrypted',
    code: 3,
    message: /encrypted.*ATTACH_PASSPHRASE/,
  },
  {
    name: 'list with the wrong passphrase',
    group: EXIT_3,
    args: ['list'],
    state: 'encrypted',
    env: { ATTACH_PASSPHRASE: 'not the passphrase' },
    code: 3,
    message: /That passphrase doesn't open your journal/,
  },
  {
    name: 'log with the wrong passphrase',
    group: EXIT_3,
    args: ['log', 'x', '-i', '5'],
    state: 'encrypted',
    env: { ATTACH_PASSPHRASE: 'not the passphrase' },
    code: 3,
    message: /That passphrase doesn't open/,
  },
  {
    name: 'decrypt with the wrong passphrase',
    group: EXIT_3,
    args: ['decrypt'],
    state: 'encrypted',
    env: { ATTACH_PASSPHRASE: 'not the passphrase' },
    code: 3,
    message: /That passphrase doesn't open/,
  },
  { name: '--file naming a folder', group: EXIT_3, args: ['list', '--file', '{dir}/inputs'], code: 3, message: /that path is a folder/ },
];

interface Outcome {
  r: Result;
  changed: string[];
}

const outcomes = new Map<string, Outcome>();
beforeAll(async () => {
  expect(new Set(cases.map((c) => c.name)).size, 'case names must be unique').toBe(cases.length);
  await pool(cases, 4, async (c) => {
    const box = prepare(c.state ?? 'plain');
    try {
      const before = snapshot(box.dir);
      const r = await attachAsync(
        box,
        c.args.map((arg) => arg.replace('{dir}', box.dir)),
        c.env,
      );
      outcomes.set(c.name, { r, changed: changes(before, snapshot(box.dir)) });
    } finally {
      box.cleanup();
    }
  });
}, 120_000);

const COMMANDS = [
  'log',
  'pause',
  'reflect',
  'report',
  'list',
  'show',
  'edit',
  'delete',
  'export',
  'import',
  'doctor',
  'config',
  'encrypt',
  'decrypt',
];
const groupOf = (c: Case) => c.group ?? (COMMANDS.includes(c.args[0]!) ? c.args[0]! : 'the program');
const groups = [...new Set(cases.map(groupOf))];

describe.each(groups)('%s', (group) => {
  it.each(cases.filter((c) => groupOf(c) === group).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const outcome = outcomes.get(c.name);
    expect(outcome, 'the case did not run').toBeDefined();
    const { r, changed } = outcome!;
    expect(r.code, r.stderr).toBe(c.code ?? 2);
    expect(r.stderr).not.toMatch(STACK_LINE);
    expect(r.stderr).not.toMatch(/ran into a bug/);
    const lines = r.stderr
      .replace(/\n$/, '')
      .split('\n')
      .slice(c.said ?? 0);
    expect(lines[0], r.stderr).toMatch(c.message);
    const extra = lines.slice(1);
    if (c.suggestion) {
      expect(extra.length, r.stderr).toBeLessThanOrEqual(1);
      for (const text of extra) expect(text).toMatch(/^\(Did you mean \S+\?\)$/);
    } else {
      expect(extra, r.stderr).toHaveLength(c.more ?? 0);
    }
    if (!c.stdout) expect(r.stdout).toBe('');
    expect(changed, 'files changed').toEqual([]);
  });
});
