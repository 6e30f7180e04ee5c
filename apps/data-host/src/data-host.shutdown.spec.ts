import { SyntheticProvider } from '@ktrdr/market-data';
import request from 'supertest';
import { RequestCounters } from './market-data/request-counters';
import { startDataHost, type DataHostTestApp } from './testing/data-host-test-app';

const HISTORICAL = { symbol: 'AAPL', timeframe: '1h', start: '2024-01-02', end: '2024-01-03' };

/** Polls until `done` holds (bounded), for state only observable from outside. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('condition never held');
}

describe('data host shutdown order', () => {
  let host: DataHostTestApp;

  /** Starts a host whose provider records, when it is closed, what the host had done. */
  async function start(env: Record<string, string>, log: string[]): Promise<SyntheticProvider> {
    const provider = new SyntheticProvider({ latencyMs: Number(env.SYNTHETIC_LATENCY_MS) });
    const close = provider.close.bind(provider);
    jest.spyOn(provider, 'close').mockImplementation(() => {
      const counters = host.app.get(RequestCounters).snapshot();
      const { requests_total, requests_in_flight, requests_cancelled } = counters;
      log.push(
        `provider closed (total ${requests_total}, in flight ${requests_in_flight}, cancelled ${requests_cancelled})`,
      );
      return close();
    });
    host = await startDataHost(env, provider);
    return provider;
  }

  /** Sends a historical request and resolves once the host's provider call is in flight. */
  async function historicalInFlight(): Promise<{ answer: Promise<request.Response> }> {
    const answer = request(host.url)
      .post('/data/historical')
      .send(HISTORICAL)
      .then((res) => res);
    const counters = host.app.get(RequestCounters);
    await until(() => counters.snapshot().requests_in_flight === 1);
    return { answer };
  }

  it('answers 503 draining first, lets the request in flight finish, then closes the provider', async () => {
    const log: string[] = [];
    await start({ SYNTHETIC_LATENCY_MS: '400', DATA_HOST_SHUTDOWN_GRACE_MS: '10000' }, log);
    const { answer: inFlight } = await historicalInFlight();

    const closed = host.close();
    const health = await request(host.url).get('/health');
    log.push(`health ${health.status} ${String((health.body as { status: string }).status)}`);
    await closed;

    expect(log).toEqual([
      'health 503 draining',
      'provider closed (total 1, in flight 0, cancelled 0)',
    ]);
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ symbol: 'AAPL', source: 'synthetic' });
  });

  it('aborts a request that outlives the grace (the upstream call is cancelled), then closes the provider', async () => {
    const log: string[] = [];
    await start({ SYNTHETIC_LATENCY_MS: '30000', DATA_HOST_SHUTDOWN_GRACE_MS: '50' }, log);
    const counters = host.app.get(RequestCounters);
    const inFlight = (await historicalInFlight()).answer.then(
      (res) => log.push(`historical ${res.status}`),
      (error: Error) => log.push(`historical cut: ${error.message}`),
    );

    await host.close();
    await inFlight;

    expect(log).toEqual([
      'historical cut: socket hang up',
      'provider closed (total 1, in flight 0, cancelled 1)',
    ]);
    expect(counters.snapshot()).toMatchObject({ requests_cancelled: 1, requests_in_flight: 0 });
  });
});
