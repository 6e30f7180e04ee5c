import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  AsyncServiceAdapter,
  CancellationError,
  type OperationRunContext,
} from '@ktrdr/async-infrastructure';
import { OperationsModule } from '../operations.module';
import { FakeOperationStore } from '../testing/fake-operation-store';
import { OperationHandler, type OperationHandlerInstance } from './operation-handler';
import { OperationLauncher } from './operation-launcher';
import { OperationStore } from './operation-store';

const store = new FakeOperationStore();
let hostUrl = '';
/** What the in-flight host call ended with, as the operation saw it. */
let callError: unknown;

/** An adapter registered as a plain Nest provider: Nest runs its lifecycle hooks. */
@Injectable()
class SlowHostAdapter extends AsyncServiceAdapter {
  constructor() {
    super({ name: 'slow-host', baseUrl: hostUrl, maxSockets: 2 });
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
  let host: http.Server;
  let requests = 0;

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    host = http.createServer(() => (requests += 1)); // never answers
    host.listen(0, '127.0.0.1');
    await once(host, 'listening');
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    host.closeAllConnections();
    host.close();
    await once(host, 'close');
  });

  it('lets the drain cancel an in-flight call through the operation token, then closes the pool', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [OperationsModule.forRoot({ databaseUrl: ':memory:', shutdownGraceMs: 2000 })],
      providers: [SlowHostAdapter, HostCallHandler],
    })
      .overrideProvider(OperationStore)
      .useValue(store)
      .compile();
    await moduleRef.init();
    const adapter = moduleRef.get(SlowHostAdapter);
    const arrived = once(host, 'request');
    const op = await moduleRef
      .get(OperationLauncher)
      .launch({ operation_type: 'host_call', params: {} });
    const [, res] = (await arrived) as [http.IncomingMessage, http.ServerResponse];
    // The response closes unanswered when the client goes away.
    const hostSawAbort = once(res, 'close');

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
    expect(requests).toBe(1);
  });
});
