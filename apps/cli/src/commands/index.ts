import type { CommandRegistrar } from './command-registrar';
import { registerDataCommand } from './data.command';
import { registerDummyCommand } from './dummy.command';
import { registerModelsCommand } from './models.command';
import { registerOpsCommand } from './ops.command';
import { registerStrategiesCommand } from './strategies.command';

export type { CommandRegistrar } from './command-registrar';

/** Every top-level command, in help order. A new command is a file here plus one line. */
export const COMMANDS: readonly CommandRegistrar[] = [
  registerOpsCommand,
  registerDummyCommand,
  registerDataCommand,
  registerStrategiesCommand,
  registerModelsCommand,
];
