import { Command, CommanderError } from 'commander';
import { ApiConnectionError, ApiError, UsageError } from './cli.errors';
import { CliContext, DEFAULT_API_URL, type CliIo, type GlobalOptions } from './cli-context';
import { COMMANDS } from './commands';
import { EXIT_CODES_HELP, ExitCode } from './exit-codes';
import type { OutputStream } from './progress-display.types';

/** Builds the `ktrdr` program; commands report their exit code through `ctx`. */
export function buildProgram(io: CliIo): { program: Command; ctx: CliContext } {
  const program = new Command('ktrdr');
  const ctx = new CliContext(io, () => program.opts<GlobalOptions>());
  // Set before any subcommand exists: `program.command()` copies these settings to it.
  program
    .description('ktrdr command-line client: start, watch, cancel and retry operations')
    .option('--api-url <url>', `API base URL (env KTRDR_API_URL, default ${DEFAULT_API_URL})`)
    .option('--api-key <key>', 'API key (env KTRDR_API_KEY)')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .addHelpText('after', EXIT_CODES_HELP);
  for (const register of COMMANDS) register(program, ctx);
  return { program, ctx };
}

/** Runs `ktrdr` with `argv` (without node and script) and resolves with the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const { program, ctx } = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(error, io.stderr);
  }
}

function reportError(error: unknown, stderr: OutputStream): number {
  // Commander already printed its message (or the help); help and --version exit 0.
  if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  if (error instanceof UsageError) {
    stderr.write(`error: ${error.message}\n(run with --help for usage)\n`);
    return ExitCode.Usage;
  }
  if (error instanceof ApiError) {
    const detail = [`HTTP ${error.status}`, error.code].filter(Boolean).join(' ');
    stderr.write(`error: ${error.message} (${detail})\n`);
    return ExitCode.Failed;
  }
  if (error instanceof ApiConnectionError) {
    stderr.write(`error: ${error.message}\n`);
    return ExitCode.Failed;
  }
  stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return ExitCode.Failed;
}
