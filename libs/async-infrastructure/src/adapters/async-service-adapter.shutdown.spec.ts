import type http from 'node:http';
import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AsyncInfrastructureModule } from '../async-infrastructure.module';
import { CancellationError } from '../cancellation/cancellation-error';
import type { OperationRunContext } from '../context/operation-run-context';
import { OperationHandler, type OperationHandlerInstance } from '../operations/operation-handler';
import { OperationLauncher } from '../operations/operation-launcher';
import { OperationStore } from '../operations/operation-store';
import { FakeOperationStore } from '../testing/fake-operation-store';
import { AsyncServiceAdapter } from './async-service-adapter';
import { LoopbackHost } from './testing/loopback-host';

const store = new FakeOperationStore();
let host: LoopbackHost;
/** What the in-flight host call ended with, as the operation saw it. */
let callError: unknown;

@Global()
@Module({ providers: [{ provide: OperationStore, useValue: store }], exports: [OperationStore] })
class FakeStoreModule {}

/** An adapter registered as a plain Nest provider: Nest runs its lifecycle hooks. */
@Injectable()
class SlowHostAdapter extends AsyncServiceAdapter {
  constructor() {
    super({ name: 'slow-host', baseUrl: host.url, maxSockets: 2 });
  }

  slow(signal: AbortSignal): Promise<unknown> {
    return this.request({ method: 'GET', path: '/slow', signal });
  }
}

@OperationHandler('host_call')
class HostCallHandler implements OperationHandlerInstance {
  constructor(private readonly adapter: SlowHostAdapter) {}

  async run(_params: unknown, ctx: OperationRunContext): Promise<unknown> {
    try {
      return await this.adapter.slow(ctx.token.signal);
    } catch (error) {
      callError = error;
      throw error;
    }
  }
}

describe('AsyncServiceAdapter as a provider, at shutdown', () => {
  const held: http.ServerResponse[] = [];

  beforeAll(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await host?.close();
  });

  it('lets the drain cancel an in-flight call through the operation token, then closes the pool', async () => {
    host = await LoopbackHost.start((_req, res) => held.push(res)); // never answers
    const moduleRef = await Test.createTestingModule({
      imports: [AsyncInfrastructureModule.forRoot({ shutdownGraceMs: 2000 }), FakeStoreModule],
      providers: [SlowHostAdapter, HostCallHandler],
    }).compile();
    await moduleRef.init();
    const adapter = moduleRef.get(SlowHostAdapter);
    const arrived = host.next('request');
    const op = await moduleRef
      .get(OperationLauncher)
      .launch({ operation_type: 'host_call', params: {} });
    await arrived;
    const hostSawAbort = host.next('aborted');

    await moduleRef.close();

    expect(callError).toBeInstanceOf(CancellationError);
    expect(callError).toMatchObject({ reason: 'shutdown' });
    expect(store.outcomes.get(op.operation_id)).toMatchObject({
      kind: 'cancelled',
      reason: 'shutdown',
    });
    await hostSawAbort;
    expect(adapter.statistics().errors).toEqual({ CANCELLED: 1 });
    // Closed once the drain was over.
    await expect(adapter.slow(new AbortController().signal)).rejects.toMatchObject({
      causeCode: 'ADAPTER_CLOSED',
    });
    expect(host.requests).toBe(1);
  });
});
