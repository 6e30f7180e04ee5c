import { DataModule } from './data';
import { DummyModule } from './dummy';
import { TrainingModule } from './training';

/**
 * The domain modules that hold `@OperationHandler`s, without their routes. The API and the
 * queued worker (apps/worker) both import exactly this list, so both register the same handlers
 * and a handler never knows which process runs it.
 */
export const OPERATION_HANDLER_MODULES = [DummyModule, DataModule, TrainingModule];
