#!/usr/bin/env node
/*
 * The floor for `attach log`: the least any program must do to add one entry
 * to a journal safely, with nothing else (no CLI parsing, no validation, no
 * lock, no backup, no bundle to load).
 *
 *   node bench/floor.mjs <journal.json>
 *
 * Reads the file, JSON.parse, appends one trigger entry, stringifies the
 * whole journal COMPACT (one JSON.stringify call: the cheapest way to write it
 * out again; the journal's own layout, one entry per line, stringifies each
 * entry apart and is slower, so it would flatter the ratio), writes a temp
 * file beside it, fsyncs it and renames it over the journal.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import path from 'node:path';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node bench/floor.mjs <journal.json>\n');
  process.exit(2);
}

const journal = JSON.parse(readFileSync(file, 'utf8'));

const now = new Date();
const offset = -now.getTimezoneOffset();
const wall = new Date(now.getTime() + offset * 60_000);
const pad = (n) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
const iso =
  `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}` +
  `T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}` +
  `${offset < 0 ? '-' : '+'}${pad(offset / 60)}:${pad(offset % 60)}`;

journal.entries.push({
  id: randomUUID(),
  type: 'trigger',
  at: iso,
  recordedAt: iso,
  what: 'bench floor entry',
  who: null,
  triggers: [],
  intensity: 5,
  body: [],
  thought: null,
  urges: [],
  protest: [],
  instead: null,
  tags: [],
  note: null,
});

const text = JSON.stringify(journal);

const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.floor.tmp`);
const fd = openSync(temp, 'wx', 0o600);
try {
  writeSync(fd, text);
  fsyncSync(fd);
} finally {
  closeSync(fd);
}
renameSync(temp, file);
