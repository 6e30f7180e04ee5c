import { ProviderErrorCode } from './provider-errors';
import { SyntheticProvider } from './synthetic-provider';

const JAN2_2024 = Date.UTC(2024, 0, 2);
const DAY = 86_400_000;

describe('SyntheticProvider', () => {
  it('labels every answer synthetic and is always connected', async () => {
    const provider = new SyntheticProvider();
    expect(await provider.health()).toMatchObject({ provider: 'synthetic', connected: true });
    const bars = await provider.fetchHistorical({
      symbol: 'AAPL',
      timeframe: '1h',
      startMs: JAN2_2024,
      endMs: JAN2_2024 + DAY,
    });
    expect(bars).toMatchObject({ symbol: 'AAPL', timeframe: '1h', source: 'synthetic' });
    // NYSE 2024-01-02: 09:30–16:00 New York = 14:30Z–21:00Z, hourly bars from the open.
    expect(bars.bars.t.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '14:30',
      '15:30',
      '16:30',
      '17:30',
      '18:30',
      '19:30',
      '20:30',
    ]);
    const validation = await provider.validateSymbol('EUR.USD', ['1d']);
    expect(validation).toMatchObject({
      source: 'synthetic',
      contract: { kind: 'forex', currency: 'USD', exchange: 'SYNTHETIC' },
    });
    expect(validation.contract.description).toMatch(/not market prices/);
  });

  it('answers no bar after now (the range is cut at the clock)', async () => {
    const now = JAN2_2024 + 17 * 3_600_000; // 17:00Z, mid-session
    const provider = new SyntheticProvider({ now: () => now });
    const request = { symbol: 'AAPL', timeframe: '1h' as const, startMs: JAN2_2024 };
    const { bars } = await provider.fetchHistorical({ ...request, endMs: Date.UTC(2199, 11, 31) });
    expect(bars.t.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual([
      '14:30',
      '15:30',
      '16:30',
    ]);
    const future = await provider.fetchHistorical({
      ...request,
      startMs: now + DAY,
      endMs: now + 2 * DAY,
    });
    expect(future.bars.t).toEqual([]);
  });

  it('is deterministic: the same request gives the same bars', async () => {
    const provider = new SyntheticProvider();
    const request = {
      symbol: 'MSFT',
      timeframe: '5m' as const,
      startMs: JAN2_2024,
      endMs: JAN2_2024 + 3 * DAY,
    };
    const [a, b] = await Promise.all([
      provider.fetchHistorical(request),
      provider.fetchHistorical(request),
    ]);
    expect(a.bars.t.length).toBeGreaterThan(100);
    expect(a.bars).toEqual(b.bars);
  });

  it('accepts any valid symbol and reports head timestamps at the first synthetic bar', async () => {
    const provider = new SyntheticProvider();
    const validation = await provider.validateSymbol('ZZZZ9', ['1d', '1w']);
    expect(validation.head_timestamps).toEqual({
      '1d': '2015-01-02T14:30:00.000Z', // 2015-01-01 is a holiday
      '1w': '2015-01-05T14:30:00.000Z', // the first week that starts after the head
    });
    expect(await provider.headTimestamp('ZZZZ9', '1d')).toBe(Date.parse('2015-01-02T14:30:00Z'));
  });

  it('refuses a range that ends before the head timestamp', async () => {
    const provider = new SyntheticProvider();
    await expect(
      provider.fetchHistorical({
        symbol: 'AAPL',
        timeframe: '1d',
        startMs: Date.UTC(2010, 0, 1),
        endMs: Date.UTC(2011, 0, 1),
      }),
    ).rejects.toMatchObject({ code: ProviderErrorCode.BEFORE_HEAD_TIMESTAMP });
  });

  describe('with simulated latency', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('answers after the latency', async () => {
      const provider = new SyntheticProvider({ latencyMs: 500 });
      let done = false;
      const pending = provider.headTimestamp('AAPL', '1h').then(() => (done = true));
      await jest.advanceTimersByTimeAsync(499);
      expect(done).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      await pending;
      expect(done).toBe(true);
    });

    it('rejects at once with the abort reason when aborted during the wait', async () => {
      const provider = new SyntheticProvider({ latencyMs: 60_000 });
      const controller = new AbortController();
      const pending = provider.fetchHistorical({
        symbol: 'AAPL',
        timeframe: '1h',
        startMs: JAN2_2024,
        endMs: JAN2_2024 + DAY,
        signal: controller.signal,
      });
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
      expect(jest.getTimerCount()).toBe(0); // the latency timer was cleared
    });

    it('rejects an already aborted call without waiting', async () => {
      const provider = new SyntheticProvider({ latencyMs: 60_000 });
      const reason = new Error('cancelled by the operation');
      await expect(
        provider.validateSymbol('AAPL', undefined, AbortSignal.abort(reason)),
      ).rejects.toBe(reason);
    });
  });
});
