#!/usr/bin/env node
/*
 * The floor for the commands that only read a journal (report, list,
 * export): read the file, JSON.parse, and sum one field, so the parse cannot
 * be skipped. Nothing else.
 *
 *   node bench/read-floor.mjs <journal.json>
 */
import { readFileSync } from 'node:fs';

const journal = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let sum = 0;
for (const entry of journal.entries) sum += typeof entry.intensity === 'number' ? entry.intensity : 0;
process.stdout.write(`${sum}\n`);
