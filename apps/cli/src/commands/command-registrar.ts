import type { Command } from 'commander';
import type { CliContext } from '../cli-context';

/**
 * Adds one top-level command (and its subcommands) to the program. Register with
 * `program.command(name)` so the subcommand inherits exitOverride and the output settings.
 */
export type CommandRegistrar = (program: Command, ctx: CliContext) => void;
