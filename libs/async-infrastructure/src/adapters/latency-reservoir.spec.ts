import { LatencyReservoir } from './latency-reservoir';

describe('LatencyReservoir', () => {
  it('gives zeros when empty', () => {
    expect(new LatencyReservoir(4).percentiles()).toEqual({ p50: 0, p95: 0, p99: 0, max: 0 });
  });

  it('computes nearest-rank percentiles', () => {
    const reservoir = new LatencyReservoir(1000);
    for (let ms = 100; ms >= 1; ms -= 1) reservoir.record(ms);
    expect(reservoir.percentiles()).toEqual({ p50: 50, p95: 95, p99: 99, max: 100 });
  });

  it('keeps only the most recent samples', () => {
    const reservoir = new LatencyReservoir(3);
    for (const ms of [1000, 1, 2, 3]) reservoir.record(ms);
    expect(reservoir.size).toBe(3);
    expect(reservoir.percentiles().max).toBe(3);
  });

  it('rejects a zero capacity', () => {
    expect(() => new LatencyReservoir(0)).toThrow();
  });
});
