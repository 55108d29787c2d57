import { CommanderError } from 'commander';
import { AttachError, isPromptCancel } from './errors.js';
import { buildProgram } from './program/index.js';
import type { MakeContext } from './program/shared.js';
import { clean } from './render/clean.js';
import { say } from './ui/stream.js';

/*
 * The entry point and its one error boundary: whatever a command throws ends
 * here, as one calm line and DESIGN.md's exit code (a stack only with --debug).
 */

function writeError(error: unknown, debug: boolean): number {
  const stderr = process.stderr;
  if (error instanceof CommanderError) {
    // Help and version are successes; commander has already printed the reason otherwise.
    return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code) ? 0 : 2;
  }
  if (isPromptCancel(error)) {
    say(stderr, '\nNothing was saved.');
    return 130;
  }
  // A message may echo what was typed ("you gave ..."): shown, never obeyed by the terminal.
  if (error instanceof AttachError) {
    say(stderr, clean(error.message));
    // An indented detail is one of a list (the entries an id could mean): its next lines go further in, so that on a
    // narrow screen each item still starts where its own line does.
    for (const text of error.details) {
      const indent = /^ */.exec(text)![0];
      say(stderr, clean(text), indent ? `${indent}    ` : undefined);
    }
    if (debug && error.stack) stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  say(stderr, clean(`attach ran into a bug and stopped: ${message}`));
  if (debug && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  else say(stderr, 'Run the same command with --debug to see the details.');
  return 1;
}

export async function main(argv: string[] = process.argv.slice(2), context?: MakeContext): Promise<number> {
  const program = buildProgram(context, argv[0]);
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return writeError(error, argv.includes('--debug'));
  }
}

// A reader that stops early (`attach list | head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
});

const code = await main();
// Done: a late Ctrl-C must not turn a finished run into a death by signal.
// Exit once everything written has reached stdout and stderr, rather than
// waiting for timers (a prompt's or a lock's) to wind down.
process.on('SIGINT', () => {});
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
