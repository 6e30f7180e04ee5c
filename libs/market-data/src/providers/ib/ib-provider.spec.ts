import { EventName } from '@stoqey/ib';
import { ProviderErrorCode } from '../provider-errors';
import { IbProvider, type IbProviderOptions } from './ib-provider';
import { FakeIbApi, type FakeIbBar } from './testing/fake-ib-api';

const HOUR = 3_600_000;
const JAN2_OPEN = Date.UTC(2024, 0, 2, 14, 30); // NYSE open, winter time

/** The next emission of an event (unlike events.once, an IB `error` event does not reject it). */
function nextEvent(fake: FakeIbApi, event: EventName): Promise<void> {
  return new Promise((resolve) => fake.once(event, () => resolve()));
}

function bar(ms: number, close = 190, volume = 1000): FakeIbBar {
  return {
    time: String(ms / 1000),
    open: close - 1,
    high: close + 1,
    low: close - 2,
    close,
    volume,
  };
}

describe('IbProvider against a fake TWS API', () => {
  let fake: FakeIbApi;
  let provider: IbProvider;

  async function start(options: Partial<IbProviderOptions> = {}): Promise<void> {
    fake = new FakeIbApi();
    const connected = nextEvent(fake, EventName.connected);
    provider = new IbProvider({
      host: '127.0.0.1',
      port: 4002,
      clientId: 7,
      apiFactory: () => fake,
      ...options,
    });
    await connected;
  }

  afterEach(async () => {
    await provider.close();
  });

  it('connects with its client id and reports the real connection state', async () => {
    await start();
    expect(fake.callsOf('connect')[0]?.args).toEqual([7]);
    const health = await provider.health();
    expect(health).toMatchObject({ provider: 'ib', connected: true });
    expect(health.details).toMatchObject({
      state: 'connected',
      host: '127.0.0.1',
      port: 4002,
      client_id: 7,
    });
    expect(health.details.pacing).toHaveLength(3);
  });

  it('looks stocks up on SMART in USD and answers contract info and head timestamps', async () => {
    await start();
    const result = await provider.validateSymbol('AAPL', ['1h', '1d']);
    expect(fake.callsOf('reqContractDetails')[0]?.args[1]).toEqual({
      symbol: 'AAPL',
      secType: 'STK',
      exchange: 'SMART',
      currency: 'USD',
    });
    expect(fake.callsOf('reqHeadTimestamp')[0]?.args.slice(2)).toEqual(['TRADES', true, 2]);
    expect(result).toEqual({
      symbol: 'AAPL',
      contract: {
        kind: 'stock',
        exchange: 'NASDAQ',
        currency: 'USD',
        description: 'AAPL long name',
      },
      head_timestamps: { '1h': '2005-01-03T14:30:00.000Z', '1d': '2005-01-03T14:30:00.000Z' },
      source: 'ib',
    });
  });

  it('looks forex up as CASH on IDEALPRO and asks MIDPOINT outside RTH', async () => {
    await start();
    fake.historicalBars = [bar(Date.UTC(2024, 0, 2, 10), 1.1, -1)];
    const result = await provider.fetchHistorical({
      symbol: 'EUR.USD',
      timeframe: '1h',
      startMs: Date.UTC(2024, 0, 2),
      endMs: Date.UTC(2024, 0, 2, 12),
    });
    expect(fake.callsOf('reqContractDetails')[0]?.args[1]).toEqual({
      symbol: 'EUR',
      secType: 'CASH',
      exchange: 'IDEALPRO',
      currency: 'USD',
    });
    const args = fake.callsOf('reqHistoricalData')[0]?.args;
    expect(args?.slice(2)).toEqual([
      '20240102-12:00:00',
      '43200 S',
      '1 hour',
      'MIDPOINT',
      0,
      2,
      false,
    ]);
    expect(result.bars.v).toEqual([0]); // IB's -1 "no volume" for MIDPOINT
  });

  it('caches the head timestamp: one IB request for several calls', async () => {
    await start();
    expect(await provider.headTimestamp('AAPL', '1h')).toBe(Date.UTC(2005, 0, 3, 14, 30));
    expect(await provider.headTimestamp('AAPL', '1d')).toBe(Date.UTC(2005, 0, 3, 14, 30));
    expect(fake.callsOf('reqHeadTimestamp')).toHaveLength(1);
    expect(fake.callsOf('reqContractDetails')).toHaveLength(1);
  });

  it('turns historical bars into a sorted UTC series trimmed to the range', async () => {
    await start();
    fake.historicalBars = [
      bar(JAN2_OPEN + HOUR, 191),
      bar(JAN2_OPEN, 190),
      bar(JAN2_OPEN - 24 * HOUR, 150), // before the range: IB durations round up
    ];
    const result = await provider.fetchHistorical({
      symbol: 'AAPL',
      timeframe: '1h',
      startMs: JAN2_OPEN,
      endMs: JAN2_OPEN + 6 * HOUR,
    });
    const args = fake.callsOf('reqHistoricalData')[0]?.args;
    expect(args?.slice(2)).toEqual([
      '20240102-20:30:00',
      '21600 S',
      '1 hour',
      'TRADES',
      1,
      2,
      false,
    ]);
    expect(result).toMatchObject({ symbol: 'AAPL', timeframe: '1h', source: 'ib' });
    expect(result.bars.t).toEqual([JAN2_OPEN, JAN2_OPEN + HOUR]);
    expect(result.bars.c).toEqual([190, 191]);
  });

  it('stamps daily bars (sent as a date) at the session open', async () => {
    await start();
    fake.historicalBars = [{ time: '20240102', open: 1, high: 2, low: 0.5, close: 1.5, volume: 9 }];
    const result = await provider.fetchHistorical({
      symbol: 'AAPL',
      timeframe: '1d',
      startMs: Date.UTC(2024, 0, 1),
      endMs: Date.UTC(2024, 0, 5),
    });
    expect(result.bars.t).toEqual([JAN2_OPEN]);
  });

  it('on abort rejects at once and cancels the IB request', async () => {
    await start();
    fake.historicalBars = null; // IB never answers
    const controller = new AbortController();
    const pending = provider.fetchHistorical({
      symbol: 'AAPL',
      timeframe: '1h',
      startMs: JAN2_OPEN,
      endMs: JAN2_OPEN + HOUR,
      signal: controller.signal,
    });
    await fake.waitForCall('reqHistoricalData');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    const reqId = fake.callsOf('reqHistoricalData')[0]?.args[0];
    expect(fake.callsOf('cancelHistoricalData').map((c) => c.args[0])).toEqual([reqId]);
    expect((await provider.health()).details.requests_in_flight).toBe(0);
  });

  it('maps IB 162 "no data" to NO_DATA and 162 pacing to PACING_VIOLATION', async () => {
    await start();
    const req = (hour: number) => ({
      symbol: 'AAPL',
      timeframe: '1h' as const,
      startMs: JAN2_OPEN + hour * HOUR,
      endMs: JAN2_OPEN + (hour + 1) * HOUR,
    });
    fake.historicalError = {
      code: 162,
      message: 'Historical Market Data Service error message:HMDS query returned no data',
    };
    await expect(provider.fetchHistorical(req(0))).rejects.toMatchObject({
      code: ProviderErrorCode.NO_DATA,
    });
    fake.historicalError = {
      code: 162,
      message:
        'Historical Market Data Service error message:Historical data request pacing violation',
    };
    await expect(provider.fetchHistorical(req(1))).rejects.toMatchObject({
      code: ProviderErrorCode.PACING_VIOLATION,
      retryAfterMs: 15_000,
    });
  });

  it('maps IB 200 to SYMBOL_NOT_FOUND', async () => {
    await start();
    fake.unknownSymbols.add('ZZZZ');
    await expect(provider.validateSymbol('ZZZZ', undefined)).rejects.toMatchObject({
      code: ProviderErrorCode.SYMBOL_NOT_FOUND,
    });
  });

  it('enforces IB pacing before sending: the 7th request for a contract within 2 s is refused', async () => {
    let clock = JAN2_OPEN + 30 * 24 * HOUR;
    await start({ now: () => clock });
    await provider.headTimestamp('AAPL', '1h'); // one paced request (head timestamp)
    for (let i = 0; i < 5; i += 1) {
      await provider.fetchHistorical({
        symbol: 'AAPL',
        timeframe: '1h',
        startMs: JAN2_OPEN + i * HOUR,
        endMs: JAN2_OPEN + (i + 1) * HOUR,
      });
    }
    const seventh = provider.fetchHistorical({
      symbol: 'AAPL',
      timeframe: '1h',
      startMs: JAN2_OPEN + 9 * HOUR,
      endMs: JAN2_OPEN + 10 * HOUR,
    });
    await expect(seventh).rejects.toMatchObject({
      code: ProviderErrorCode.PACING_VIOLATION,
      retryAfterMs: 2000,
    });
    expect(fake.callsOf('reqHistoricalData')).toHaveLength(5);
    clock += 2000;
    await expect(
      provider.fetchHistorical({
        symbol: 'AAPL',
        timeframe: '1h',
        startMs: JAN2_OPEN + 9 * HOUR,
        endMs: JAN2_OPEN + 10 * HOUR,
      }),
    ).resolves.toMatchObject({ source: 'ib' });
  });

  it('refuses a range entirely before the head timestamp without asking IB', async () => {
    await start();
    await provider.headTimestamp('AAPL', '1d');
    await expect(
      provider.fetchHistorical({
        symbol: 'AAPL',
        timeframe: '1d',
        startMs: Date.UTC(2004, 0, 1),
        endMs: Date.UTC(2004, 5, 1),
      }),
    ).rejects.toMatchObject({ code: ProviderErrorCode.BEFORE_HEAD_TIMESTAMP });
    expect(fake.callsOf('reqHistoricalData')).toHaveLength(0);
  });

  it('when the gateway drops: in-flight requests fail PROVIDER_UNAVAILABLE, health says so, then reconnects', async () => {
    await start({ reconnectBaseMs: 5 });
    fake.historicalBars = null;
    const pending = provider.fetchHistorical({
      symbol: 'AAPL',
      timeframe: '1h',
      startMs: JAN2_OPEN,
      endMs: JAN2_OPEN + HOUR,
    });
    await fake.waitForCall('reqHistoricalData');
    fake.reachable = false;
    fake.dropConnection();
    await expect(pending).rejects.toMatchObject({ code: ProviderErrorCode.PROVIDER_UNAVAILABLE });
    const down = await provider.health();
    expect(down).toMatchObject({
      connected: false,
      details: { state: expect.stringMatching(/disconnected|connecting/) },
    });
    await expect(provider.headTimestamp('MSFT', '1h')).rejects.toMatchObject({
      code: ProviderErrorCode.PROVIDER_UNAVAILABLE,
    });
    fake.reachable = true;
    await nextEvent(fake, EventName.connected);
    expect((await provider.health()).connected).toBe(true);
  });

  it('reports an unreachable gateway as not connected with the last error', async () => {
    fake = new FakeIbApi();
    fake.reachable = false;
    const refused = nextEvent(fake, EventName.disconnected);
    provider = new IbProvider({
      host: '127.0.0.1',
      port: 4002,
      clientId: 1,
      apiFactory: () => fake,
      reconnectBaseMs: 60_000,
    });
    await refused;
    const health = await provider.health();
    expect(health.connected).toBe(false);
    expect(health.details.last_error).toMatch(/502 connect ECONNREFUSED/);
    await expect(provider.validateSymbol('AAPL', undefined)).rejects.toMatchObject({
      code: ProviderErrorCode.PROVIDER_UNAVAILABLE,
    });
  });

  it('treats IB 1100 (gateway lost IB) as down until 1102', async () => {
    await start();
    fake.emit(
      EventName.info,
      'Connectivity between IB and Trader Workstation has been lost.',
      1100,
    );
    expect((await provider.health()).connected).toBe(false);
    fake.emit(
      EventName.info,
      'Connectivity between IB and TWS has been restored - data maintained.',
      1102,
    );
    expect((await provider.health()).connected).toBe(true);
  });

  it('keeps the reason the gateway gave before closing (326: client id in use)', async () => {
    await start({ reconnectBaseMs: 60_000 });
    fake.emitIbError(
      -1,
      326,
      'Unable to connect as the client id is already in use. Retry with a unique client id.',
    );
    fake.dropConnection();
    const health = await provider.health();
    expect(health.connected).toBe(false);
    expect(health.details.last_error).toMatch(
      /^326 Unable to connect as the client id is already in use/,
    );
  });

  it('times out a request IB never answers, cancelling it', async () => {
    await start({ historicalTimeoutMs: 30 });
    fake.historicalBars = null;
    await expect(
      provider.fetchHistorical({
        symbol: 'AAPL',
        timeframe: '1h',
        startMs: JAN2_OPEN,
        endMs: JAN2_OPEN + HOUR,
      }),
    ).rejects.toMatchObject({
      code: ProviderErrorCode.PROVIDER_UNAVAILABLE,
      message: expect.stringMatching(/within 30 ms/),
    });
    expect(fake.callsOf('cancelHistoricalData')).toHaveLength(1);
  });
});
