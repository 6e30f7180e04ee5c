#!/usr/bin/env node
import { runCli } from './cli';
import { ExitCode } from './exit-codes';

/** Exits once stdout and stderr have flushed, so piped output is never cut short. */
function exitAfterFlush(code: number): void {
  let pending = 2;
  const done = (): void => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signals: process,
}).then(exitAfterFlush, (error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  exitAfterFlush(ExitCode.Failed);
});
