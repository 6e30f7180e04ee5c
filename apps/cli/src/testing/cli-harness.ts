import { EventEmitter } from 'node:events';
import { runCli } from '../cli';
import { CapturedOutput } from './captured-output';

export interface CliRun {
  stdout: CapturedOutput;
  stderr: CapturedOutput;
  /** Emit 'SIGINT' here to play Ctrl+C. */
  signals: EventEmitter;
  /** The exit code. */
  done: Promise<number>;
}

/** Runs the CLI in-process with captured output, a fake signal source and a fast reconnect. */
export function startCli(args: string[], env: Record<string, string> = {}): CliRun {
  const stdout = new CapturedOutput();
  const stderr = new CapturedOutput();
  const signals = new EventEmitter();
  const done = runCli(args, {
    stdout,
    stderr,
    env,
    signals,
    watcher: { backoffMs: [10], maxAttempts: 3 },
  });
  return { stdout, stderr, signals, done };
}
