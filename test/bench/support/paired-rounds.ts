import { summarize, type LatencySummary } from './bench-stats';

/** One round of a benchmark that measures a path beside its baseline. */
export interface PairedRound {
  measured: LatencySummary;
  baseline: LatencySummary;
}

/**
 * Takes `warmup` unrecorded samples of the measured path and of its baseline, then `rounds`
 * rounds of `perRound` samples of each (measured first, one sample at a time); returns each
 * round's two summaries.
 */
export async function pairedRounds(
  { rounds, perRound, warmup }: { rounds: number; perRound: number; warmup: number },
  measured: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<PairedRound[]> {
  await samples(warmup, measured);
  await samples(warmup, baseline);
  const out: PairedRound[] = [];
  for (let r = 1; r <= rounds; r++) {
    const m = summarize(await samples(perRound, measured));
    const b = summarize(await samples(perRound, baseline));
    out.push({ measured: m, baseline: b });
  }
  return out;
}

/** The p50 and p99 of each round, measured then baseline, after the round's number. */
export function pairedRoundRows(results: readonly PairedRound[]): unknown[][] {
  return results.map(({ measured: m, baseline: b }, i) => [i + 1, m.p50, m.p99, b.p50, b.p99]);
}

async function samples(n: number, sample: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(await sample());
  return out;
}
