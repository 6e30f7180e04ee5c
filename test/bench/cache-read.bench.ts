// Cache read benchmark (npm run bench:cache): CsvBarStore.read on a 1,000,000-bar file against
// the baseline "read the file, split it into lines and fields". Targets: ≥ 1,000,000 bars/s
// and at least 50% of the baseline's speed. Exits non-zero when a target is missed.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CsvBarStore, generateSyntheticBars, sliceByIndex } from '@ktrdr/market-data';

const BARS = 1_000_000;
const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The baseline: what any reader must at least do. Touches every field so nothing is skipped. */
async function baseline(file: string): Promise<number> {
  const text = await readFile(file, 'utf8');
  const lines = text.split('\n');
  let rows = 0;
  let touched = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const fields = line.split(',');
    for (let f = 0; f < fields.length; f++) touched += fields[f]!.length;
    rows++;
  }
  if (touched === 0) throw new Error('baseline read nothing');
  return rows;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ktrdr-bench-cache-'));
  try {
    const store = new CsvBarStore(dir);
    const generated = await time(() => {
      const all = generateSyntheticBars('AAPL', '1m', Date.UTC(2015, 0, 1), Date.UTC(2026, 0, 1));
      return Promise.resolve(sliceByIndex(all, 0, BARS));
    });
    const bars = generated.value;
    if (bars.t.length !== BARS) throw new Error(`generated ${bars.t.length} bars, wanted ${BARS}`);
    const written = await time(() => store.write('AAPL', '1m', bars));
    const file = store.pathFor('AAPL', '1m');
    console.log(
      `file: ${BARS.toLocaleString('en-US')} bars of synthetic AAPL 1m; generated in ` +
        `${generated.ms.toFixed(0)} ms, written (atomic) in ${written.ms.toFixed(0)} ms`,
    );

    const baselineMs: number[] = [];
    const storeMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const b = await time(() => baseline(file));
      if (b.value !== BARS) throw new Error(`baseline saw ${b.value} rows`);
      baselineMs.push(b.ms);
      const s = await time(() => store.read('AAPL', '1m'));
      if (s.value.t.length !== BARS || s.value.c[BARS - 1] !== bars.c[BARS - 1]) {
        throw new Error('CsvBarStore.read returned different bars');
      }
      storeMs.push(s.ms);
    }
    const range = await time(() => store.range('AAPL', '1m'));

    const baseMedian = median(baselineMs);
    const storeMedian = median(storeMs);
    const storeRate = (BARS / storeMedian) * 1000;
    const baseRate = (BARS / baseMedian) * 1000;
    const ratio = baseMedian / storeMedian;
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    console.log(`runs: ${RUNS} of each, alternating`);
    console.log(
      `baseline (readFile + split lines + split fields): median ${baseMedian.toFixed(1)} ms, ${fmt(baseRate)} bars/s  [${baselineMs.map((m) => m.toFixed(0)).join(', ')}]`,
    );
    console.log(
      `CsvBarStore.read:                                median ${storeMedian.toFixed(1)} ms, ${fmt(storeRate)} bars/s  [${storeMs.map((m) => m.toFixed(0)).join(', ')}]`,
    );
    console.log(`speed vs baseline: ${(ratio * 100).toFixed(0)}% (target ≥ 50%)`);
    console.log(
      `CsvBarStore.range (head + tail + newline count): ${range.ms.toFixed(1)} ms, count ${range.value?.count}`,
    );
    const ok = storeRate >= 1_000_000 && ratio >= 0.5;
    console.log(ok ? 'PASS' : 'FAIL: below target');
    if (!ok) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
