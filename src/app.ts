/*
 * What runs once a command is chosen: every command, and the context of a
 * real run. The program (src/program/) imports only this module, and only
 * when a command runs, so the build makes of it one chunk: a command loads
 * as a handful of files rather than forty, each of which costs Node 20 about
 * half a millisecond to resolve and link (bench/RESULTS.md, start-up). What
 * few runs need and is large stays behind an import of its own: date
 * parsing (chrono-node), the prompts, the timer's keys, the HTML pages.
 */

export * as config from './commands/config.js';
export * as decrypt from './commands/decrypt.js';
export * as delete from './commands/delete.js';
export * as doctor from './commands/doctor.js';
export * as edit from './commands/edit.js';
export * as encrypt from './commands/encrypt.js';
export * as export from './commands/export.js';
export * as followUp from './commands/follow-up.js';
export * as glimmer from './commands/glimmer.js';
export * as import from './commands/import.js';
export * as list from './commands/list.js';
export * as log from './commands/log.js';
export * as merge from './commands/merge.js';
export * as mergeDriver from './commands/merge-driver.js';
export * as passphrase from './commands/passphrase.js';
export * as pause from './commands/pause.js';
export * as plan from './commands/plan.js';
export * as progress from './commands/progress.js';
export * as reflect from './commands/reflect.js';
export * as report from './commands/report.js';
export * as show from './commands/show.js';
export * as undo from './commands/undo.js';
export { createContext } from './context.js';
