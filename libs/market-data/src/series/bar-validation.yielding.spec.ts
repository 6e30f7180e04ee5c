import { calendarFor } from '../calendar/calendar-for';
import { type BarSeries, sliceByIndex } from './bar-series';
import { validateBarPages, validateBars, validateBarsYielding } from './bar-validation';

/** Every wait of the event loop for a turn while `work` ran (a setImmediate probe, re-armed). */
async function loopWaitsWhile(work: () => Promise<unknown>): Promise<number[]> {
  let last = performance.now();
  const waits: number[] = [];
  let running = true;
  const probe = (): void => {
    const now = performance.now();
    waits.push(now - last);
    last = now;
    if (running) setImmediate(probe);
  };
  setImmediate(probe);
  try {
    await work();
  } finally {
    running = false;
  }
  waits.push(performance.now() - last);
  return waits;
}

/** `work` run in one go, and how long it held the loop (the baseline, in the same run). */
function inOneGo<T>(work: () => T): { ms: number; value: T } {
  const start = performance.now();
  const value = work();
  return { ms: performance.now() - start, value };
}

/**
 * Yielding, against the same work unyielded in the same run (a ratio: a slow or busy machine
 * slows both): the loop turns again and again, and nine waits in ten are a small part of the
 * whole (not every wait: a collector pause or the machine descheduling the process is no slice).
 */
function expectShared(waits: number[], whole: number): void {
  expect(waits.length).toBeGreaterThanOrEqual(10);
  const sorted = [...waits].sort((x, y) => x - y);
  expect(sorted[Math.floor(sorted.length * 0.9)]).toBeLessThan(whole / 4);
}

function sameBars(a: BarSeries, b: BarSeries): boolean {
  return (['t', 'o', 'h', 'l', 'c', 'v'] as const).every(
    (key) => a[key].length === b[key].length && a[key].every((x, i) => x === b[key][i]),
  );
}

/**
 * Unyielded, validating these bars blocks the loop for ~0.8 s under jest (~1.5 s with the
 * repair); yielding, no wait should come near that. Bounds are ratios to the unyielded run, not
 * milliseconds: the shared 2-core test box can deschedule the process for a while.
 */
describe('validateBarsYielding', () => {
  const calendar = calendarFor('EUR.USD');
  const toMs = Date.UTC(2024, 0, 1);
  const fromMs = Date.UTC(2018, 6, 1);
  let series: BarSeries;

  beforeAll(() => {
    // ~1M 1m bars, one hole of a session, a few broken bars (the repair has work to do).
    const t = calendar.barTimestamps('1m', fromMs, toMs);
    const hole = calendar.sessions(Date.UTC(2022, 5, 15), Date.UTC(2022, 5, 15, 23))[0]!;
    const kept = t.filter((x) => x < hole.openMs || x >= hole.closeMs);
    const n = kept.length;
    series = {
      t: kept,
      o: new Array<number>(n).fill(1.1),
      h: new Array<number>(n).fill(1.2),
      l: new Array<number>(n).fill(1.0),
      c: new Array<number>(n).fill(1.15),
      v: new Array<number>(n).fill(3),
    };
    series.h[10] = 1.05;
    series.v[20] = -1;
  });

  it.each([{ repair: false }, { repair: true }])(
    'gives the event loop a turn while validating ~2M bars (repair $repair), same result',
    async ({ repair }) => {
      const options = { calendar, fromMs, toMs, timeframe: '1m' as const, repair };
      expect(series.t.length).toBeGreaterThan(2_000_000);
      let result: Awaited<ReturnType<typeof validateBarsYielding>> | undefined;
      const waits = await loopWaitsWhile(async () => {
        result = await validateBarsYielding(series, options);
      });
      const whole = inOneGo(() => validateBars(series, options));
      expectShared(waits, whole.ms);
      const expected = whole.value;
      // jest's deep equality takes ~20 s over six arrays of millions of numbers.
      const { repaired, ...rest } = result!;
      const { repaired: expectedRepaired, ...expectedRest } = expected;
      expect(rest).toEqual(expectedRest);
      expect(repaired === undefined).toBe(expectedRepaired === undefined);
      if (repaired && expectedRepaired) expect(sameBars(repaired, expectedRepaired)).toBe(true);
      expect(result!.issues).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'session_gap', count: 1 })]),
      );
    },
  );

  it('validateBarPages: the same counts from pages, yielding, without the whole series', async () => {
    const options = { calendar, fromMs, toMs, timeframe: '1m' as const };
    // The store's pages are read asynchronously; here they are ready at once.
    // eslint-disable-next-line @typescript-eslint/require-await
    async function* pages(): AsyncGenerator<BarSeries> {
      for (let i = 0; i < series.t.length; i += 65_536) {
        yield sliceByIndex(series, i, i + 65_536);
      }
    }
    let result: Awaited<ReturnType<typeof validateBarPages>> | undefined;
    const waits = await loopWaitsWhile(async () => {
      result = await validateBarPages(pages(), options);
    });
    const whole = inOneGo(() => validateBars(series, options));
    expectShared(waits, whole.ms);
    expect(result).toEqual(whole.value);
    expect(result!.issues.map((i) => i.kind)).toEqual([
      'negative_volume',
      'high_below_open_close',
      'session_gap',
    ]);
  });
});
