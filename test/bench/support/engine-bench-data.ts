// Synthetic inputs for the training-engine benchmarks.
import type { BarSeries } from '@ktrdr/market-data';
import type { DataPart, Dataset } from '@ktrdr/training-engine';

/** A seeded random dataset: `rows` × `features`, three classes. */
export function randomDataset(rows: number, features: number, seed = 1): Dataset {
  let s = seed;
  const rnd = (): number => (s = (s * 16807) % 2147483647) / 2147483647;
  const part = (n: number): DataPart => ({
    x: Float32Array.from({ length: n * features }, rnd),
    y: Uint8Array.from({ length: n }, () => Math.floor(rnd() * 3)),
    rows: n,
  });
  return { featureCount: features, train: part(rows), validation: part(256), test: part(256) };
}

/** One year of 1-minute bars (525,600), a seeded random walk. */
export function minuteBarsOneYear(): BarSeries {
  const n = 525_600;
  let s = 3;
  const rnd = (): number => (s = (s * 16807) % 2147483647) / 2147483647;
  const bars = {
    t: new Array<number>(n),
    o: new Array<number>(n),
    h: new Array<number>(n),
    l: new Array<number>(n),
    c: new Array<number>(n),
    v: new Array<number>(n),
  };
  let p = 100;
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < n; i++) {
    const o = p;
    p *= 1 + (rnd() - 0.5) * 0.002;
    bars.t[i] = start + i * 60_000;
    bars.o[i] = o;
    bars.c[i] = p;
    bars.h[i] = Math.max(o, p) * (1 + rnd() * 0.0005);
    bars.l[i] = Math.min(o, p) * (1 - rnd() * 0.0005);
    bars.v[i] = 100 + Math.floor(rnd() * 1000);
  }
  return bars;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
