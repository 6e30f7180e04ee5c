import { Injectable } from '@nestjs/common';
import { CancellationError } from '@ktrdr/async-infrastructure';

interface Gate {
  opened: Promise<void>;
  open: () => void;
}

/**
 * Holds a firehose operation until the benchmark has connected its subscribers: the handler
 * awaits `wait(id)`, the benchmark calls `open(id)` (in either order).
 */
@Injectable()
export class FirehoseGate {
  private readonly gates = new Map<string, Gate>();

  wait(operationId: string, signal: AbortSignal): Promise<void> {
    const { opened } = this.gate(operationId);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void =>
        reject(CancellationError.from(signal.reason) ?? new CancellationError('cancelled'));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      void opened.then(() => {
        signal.removeEventListener('abort', onAbort);
        this.gates.delete(operationId);
        resolve();
      });
    });
  }

  open(operationId: string): void {
    this.gate(operationId).open();
  }

  private gate(operationId: string): Gate {
    let gate = this.gates.get(operationId);
    if (gate === undefined) {
      let open = (): void => undefined;
      const opened = new Promise<void>((resolve) => (open = resolve));
      gate = { opened, open };
      this.gates.set(operationId, gate);
    }
    return gate;
  }
}
