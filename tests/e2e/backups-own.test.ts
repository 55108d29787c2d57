import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Journal } from '../../src/journal/types.js';
import { attach, type Sandbox, sandbox } from '../helpers/cli.js';

/*
 * Issue 13, as it was found: a.json and b.json in one folder. b's first
 * write of the day found a's backup and took none, `doctor --file b.json`
 * reported a's backup as b's, and the repair of a third, damaged journal
 * "recovered 1 more from the backup", an entry of another journal.
 */

let box: Sandbox;
let dir: string;
beforeEach(() => {
  box = sandbox();
  dir = path.join(box.dir, 'journals');
});
afterEach(() => box.cleanup());

const at = (name: string) => path.join(dir, name);
const today = () => new Date().toISOString().slice(0, 10); // the sandbox runs in UTC

describe('two journals in one folder', () => {
  it('each keeps its own backups, doctor shows only its own, and a repair never takes another journal’s', () => {
    for (const name of ['a.json', 'b.json']) {
      for (const what of ['first', 'second']) expect(attach(box, ['--file', at(name), 'log', `${name} ${what}`, '-i', '3']).code).toBe(0);
    }
    const backup = (name: string) => path.join(dir, 'backups', `${name}-${today()}.json`);
    expect(existsSync(backup('a'))).toBe(true);
    expect(existsSync(backup('b'))).toBe(true);
    expect((JSON.parse(readFileSync(backup('b'), 'utf8')) as Journal).entries.map((e) => e.what)).toEqual(['b.json first']);

    const doctor = JSON.parse(attach(box, ['--file', at('b.json'), 'doctor', '--json']).stdout) as {
      backups: { count: number; newest: { file: string } };
    };
    expect(doctor.backups.count).toBe(1);
    expect(doctor.backups.newest.file).toBe(backup('b'));

    writeFileSync(at('c.json'), '{\n  "version": 1,\n  "entries": [\n    {"id": "cut sh');
    const repair = attach(box, ['--file', at('c.json'), 'doctor', '--repair', '--yes', '--json']);
    expect(repair.code, repair.stderr).toBe(0);
    expect(JSON.parse(repair.stdout)).toMatchObject({ state: 'repaired', fromBackup: 0, backup: null, entries: 0 });
    expect(repair.stderr).not.toMatch(/from the backup/);
  });
});
