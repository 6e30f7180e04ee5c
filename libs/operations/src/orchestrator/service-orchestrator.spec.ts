import { getEventListeners } from 'node:events';
import {
  sleep,
  CancellationError,
  CancellationToken,
  ProgressPlan,
  type ProgressSnapshot,
} from '@ktrdr/async-infrastructure';
import type { OperationLauncher } from '../execution/operation-launcher';
import type { OperationRecord } from '../model/operation.types';
import { InvalidVenueConfigError, OperationTimeoutError } from './orchestrator.errors';
import { ServiceOrchestrator } from './service-orchestrator';

/** Exposes the protected helpers to the test, as a domain service would use them. */
class TestService extends ServiceOrchestrator {
  start = this.startManagedOperation.bind(this);
  withProgress = this.executeWithProgress.bind(this);
  withCancellation = this.executeWithCancellation.bind(this);
  venue = this.resolveVenue.bind(this);
}

describe('ServiceOrchestrator', () => {
  const launch = jest.fn((input: { operation_type: string }) =>
    Promise.resolve({
      operation_id: `op_${input.operation_type}_1`,
      status: 'pending',
    } as OperationRecord),
  );
  const launcher = { launch } as unknown as OperationLauncher;
  const service = (): TestService => new TestService(launcher);

  describe('startManagedOperation', () => {
    it('launches the operation and answers its id and status', async () => {
      const answer = await service().start('data_load', { symbol: 'AAPL' }, { symbol: 'AAPL' });

      expect(answer).toEqual({ operation_id: 'op_data_load_1', status: 'pending' });
      expect(launch).toHaveBeenCalledWith({
        operation_type: 'data_load',
        params: { symbol: 'AAPL' },
        metadata: { symbol: 'AAPL' },
      });
    });
  });

  describe('executeWithProgress', () => {
    it('gives the work a token and a reporter, and completes the progress', async () => {
      const snapshots: ProgressSnapshot[] = [];
      const result = await service().withProgress(
        ({ token, progress }) => {
          expect(token.isCancelled).toBe(false);
          progress.startStep('b');
          return Promise.resolve('done');
        },
        { plan: ProgressPlan.evenly(['a', 'b']), onProgress: (s) => snapshots.push(s) },
      );

      expect(result).toBe('done');
      expect(snapshots.map((s) => [s.step_name, s.percentage])).toEqual([
        ['b', 50],
        ['b', 100],
      ]);
    });

    it('uses the given token and does not complete a cancelled run', async () => {
      const token = new CancellationToken();
      const snapshots: ProgressSnapshot[] = [];

      await service().withProgress(
        (ctx) => {
          expect(ctx.token).toBe(token);
          ctx.progress.update({ fraction: 0.3 });
          token.cancel();
          return Promise.resolve();
        },
        { token, onProgress: (s) => snapshots.push(s) },
      );

      expect(snapshots.map((s) => s.percentage)).toEqual([30]);
    });
  });

  describe('executeWithCancellation', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('returns the result and leaves no timer nor listener', async () => {
      const parent = new CancellationToken();
      await expect(
        service().withCancellation(() => Promise.resolve(7), { token: parent, timeoutMs: 1000 }),
      ).resolves.toBe(7);

      expect(jest.getTimerCount()).toBe(0);
      expect(getEventListeners(parent.signal, 'abort')).toHaveLength(0);
    });

    it("cancels the work's token with reason timeout and rejects at once", async () => {
      let seen: CancellationToken | undefined;
      const pending = service().withCancellation(
        (token) => {
          seen = token;
          // Work that ignores its token: the call still rejects at the deadline.
          return new Promise<never>(() => undefined);
        },
        { timeoutMs: 1000 },
      );
      const outcome = pending.catch((e: unknown) => e);

      await jest.advanceTimersByTimeAsync(1000);

      const error = await outcome;
      // A deadline, not a cancel request: callers must not take it for a cancellation.
      expect(error).toBeInstanceOf(OperationTimeoutError);
      expect(CancellationError.is(error)).toBe(false);
      expect(error).toMatchObject({ code: 'TIMEOUT', message: 'Timed out after 1000 ms' });
      expect(seen?.reason).toBe('timeout');
    });

    it("follows the parent's cancellation without cancelling the parent on timeout", async () => {
      const parent = new CancellationToken();
      const onParent = service().withCancellation((t) => sleep(60_000, t.signal), {
        token: parent,
      });
      parent.cancel('user request');
      await expect(onParent).rejects.toMatchObject({ reason: 'user request' });

      const other = new CancellationToken();
      const timedOut = service()
        .withCancellation((t) => sleep(60_000, t.signal), { token: other, timeoutMs: 10 })
        .catch((e: unknown) => e);
      await jest.advanceTimersByTimeAsync(10);
      expect(await timedOut).toMatchObject({ code: 'TIMEOUT' });
      expect(other.isCancelled).toBe(false);
    });

    it('does not start the work under an already cancelled token', async () => {
      const parent = new CancellationToken();
      parent.cancel('gone');
      const fn = jest.fn(() => Promise.resolve(1));

      await expect(service().withCancellation(fn, { token: parent })).rejects.toMatchObject({
        reason: 'gone',
      });
      expect(fn).not.toHaveBeenCalled();
    });

    it("passes the work's own failure through", async () => {
      await expect(
        service().withCancellation(() => Promise.reject(new Error('boom')), { timeoutMs: 50 }),
      ).rejects.toThrow('boom');
      expect(jest.getTimerCount()).toBe(0);
    });
  });

  describe('resolveVenue', () => {
    it.each([null, undefined, 'http://gpu-box:5002'])(
      'is local when routing is disabled (URL %p)',
      (url) => {
        expect(service().venue({ enabled: false, url })).toEqual({ kind: 'local' });
      },
    );

    it.each(['http://gpu-box:5002/', ' http://gpu-box:5002 ', 'http://gpu-box:5002'])(
      'is the host at %p without trailing slash when routing is enabled',
      (url) => {
        expect(service().venue({ enabled: true, url })).toEqual({
          kind: 'host',
          baseUrl: 'http://gpu-box:5002',
        });
      },
    );

    it.each([null, undefined, '', 'gpu-box:5002', 'ftp://gpu-box', 'not a url'])(
      'throws InvalidVenueConfigError when enabled with the URL %p',
      (url) => {
        expect(() => service().venue({ enabled: true, url })).toThrow(InvalidVenueConfigError);
        expect(() => service().venue({ enabled: true, url })).toThrow(
          /Host-service routing is enabled/,
        );
      },
    );
  });
});
