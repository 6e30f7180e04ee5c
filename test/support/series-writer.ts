// A process that writes one cached series through a CsvBarStore, for the series lock e2e test:
// `node -r @swc-node/register test/support/series-writer.ts <json options>`. It prints `ready`,
// waits for a line on stdin (so that every writer starts at once), writes, prints `done`.
import { createInterface } from 'node:readline';
import {
  CsvBarStore,
  InProcessSeriesLock,
  mergeBars,
  PostgresSeriesLock,
  type BarSeries,
} from '@ktrdr/market-data';

interface WriterOptions {
  dataDir: string;
  /** null: only this process's own lock (the control). */
  postgres: { url: string; schema: string } | null;
  writer: number;
  writers: number;
  rounds: number;
  barsPerRound: number;
}

const HOUR = 3_600_000;
const BASE = Date.UTC(2024, 0, 1);

/** This writer's bars of one round: timestamps no other writer or round uses. */
function barsOf(o: WriterOptions, round: number): BarSeries {
  const t: number[] = [];
  for (let i = 0; i < o.barsPerRound; i++) {
    t.push(BASE + ((round * o.barsPerRound + i) * o.writers + o.writer) * HOUR);
  }
  const price = t.map(() => 100 + o.writer);
  return { t, o: price, h: price, l: price, c: price, v: t.map(() => 1) };
}

async function main(): Promise<void> {
  const o = JSON.parse(process.argv[2] ?? '{}') as WriterOptions;
  const lock = o.postgres
    ? new PostgresSeriesLock({
        connection: {
          connectionString: o.postgres.url,
          options: `-c search_path=${o.postgres.schema}`,
          application_name: `ktrdr-series-writer-${o.postgres.schema}`,
        },
      })
    : new InProcessSeriesLock();
  const store = new CsvBarStore(o.dataDir, { lock });
  const lines = createInterface({ input: process.stdin });
  const go = new Promise<void>((resolve) => lines.once('line', () => resolve()));
  process.stdout.write('ready\n');
  await go;
  lines.close();
  for (let round = 0; round < o.rounds; round++) {
    const bars = barsOf(o, round);
    if (round % 2 === 0) {
      await store.merge('LOCKTEST', '1h', bars);
    } else {
      // A read-modify-write that takes a while between its read and its write.
      await store.update('LOCKTEST', '1h', async (current) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return mergeBars(current, bars);
      });
    }
  }
  await lock.close();
  process.stdout.write('done\n');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
