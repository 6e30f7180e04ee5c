import { setImmediate as nextTurn } from 'node:timers/promises';
import { CancellationToken } from '../cancellation/cancellation-token';
import { ProgressReporter } from '../progress/progress-reporter';
import { OperationContext } from './operation-context';
import { NoOperationContextError } from './operation-context.errors';
import type { OperationRunContext } from './operation-run-context';

function runContext(operationId: string): OperationRunContext {
  return {
    operationId,
    token: new CancellationToken(),
    progress: new ProgressReporter(),
    appendMetrics: () => Promise.resolve(),
  };
}

describe('OperationContext', () => {
  const context = new OperationContext();

  it('has no current context outside an operation', () => {
    expect(context.current).toBeUndefined();
    for (const read of [() => context.operationId, () => context.token, () => context.progress]) {
      expect(read).toThrow(NoOperationContextError);
    }
    try {
      void context.token;
    } catch (e) {
      expect((e as NoOperationContextError).code).toBe('NO_OPERATION_CONTEXT');
    }
  });

  it('exposes the context inside run, through awaits', async () => {
    const ctx = runContext('op_1');

    const seen = await context.run(ctx, async () => {
      await nextTurn();
      return { id: context.operationId, token: context.token, progress: context.progress };
    });

    expect(seen).toEqual({ id: 'op_1', token: ctx.token, progress: ctx.progress });
    expect(context.current).toBeUndefined();
  });

  it('keeps two concurrent operations apart while their awaits interleave', async () => {
    const a = runContext('op_a');
    const b = runContext('op_b');
    const log: string[] = [];

    const work = async (): Promise<CancellationToken[]> => {
      const tokens: CancellationToken[] = [];
      for (let i = 0; i < 5; i += 1) {
        await nextTurn();
        log.push(context.operationId);
        tokens.push(context.token);
      }
      return tokens;
    };

    const [seenA, seenB] = await Promise.all([context.run(a, work), context.run(b, work)]);

    expect(log.slice(0, 4)).toEqual(['op_a', 'op_b', 'op_a', 'op_b']);
    expect(seenA.every((t) => t === a.token)).toBe(true);
    expect(seenB.every((t) => t === b.token)).toBe(true);

    a.token.cancel('only a');
    expect(b.token.isCancelled).toBe(false);
  });

  it('nests: the inner context wins, the outer one comes back', () => {
    const outer = runContext('op_outer');
    const inner = runContext('op_inner');

    context.run(outer, () => {
      context.run(inner, () => expect(context.operationId).toBe('op_inner'));
      expect(context.operationId).toBe('op_outer');
    });
  });
});
