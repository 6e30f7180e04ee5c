import { Injectable } from '@nestjs/common';
import { OperationLauncher, ServiceOrchestrator, type OperationStatus } from '@ktrdr/operations';
import type { CountdownParams } from './countdown.types';

/** The fixture's domain service: starts countdowns as managed operations. */
@Injectable()
export class CountdownService extends ServiceOrchestrator {
  constructor(launcher: OperationLauncher) {
    super(launcher);
  }

  start(params: CountdownParams): Promise<{ operation_id: string; status: OperationStatus }> {
    return this.startManagedOperation('fixture_countdown', params, {
      parameters: { ...params },
    });
  }
}
