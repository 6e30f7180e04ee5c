import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { CsvBarStore } from '@ktrdr/market-data';
import { ROOT, tempDir } from './support/spawn-service';

const POSTGRES_URL =
  process.env.KTRDR_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const WRITER = path.join(ROOT, 'test/support/series-writer.ts');

interface Writer {
  ready: Promise<void>;
  go: () => void;
  exited: Promise<{ code: number | null; output: string }>;
}

/** One series-writer process; it writes when `go()` is called. */
function startWriter(options: Record<string, unknown>): Writer {
  const proc = spawn(
    process.execPath,
    ['-r', '@swc-node/register', WRITER, JSON.stringify(options)],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout.on('data', (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes('ready\n')) resolve();
    });
    proc.once('exit', () => reject(new Error(`writer exited before ready:\n${output}`)));
  });
  proc.stderr.on('data', (chunk: Buffer) => (output += String(chunk)));
  const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
    proc.once('exit', (code) => resolve({ code, output })),
  );
  return { ready, go: () => proc.stdin.end('go\n'), exited };
}

describe('two processes writing one series, with the PostgreSQL series lock', () => {
  const schema = `ktrdr_test_${randomBytes(6).toString('hex')}`;
  let admin: Client;
  let data: { dir: string; remove: () => void };

  beforeAll(async () => {
    admin = new Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create schema "${schema}"`);
    data = tempDir('ktrdr-series-lock-e2e-');
  });
  afterAll(async () => {
    data?.remove();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });

  it('leaves one CSV with every bar of both, and no temp file', async () => {
    const shape = { writers: 2, rounds: 20, barsPerRound: 50 };
    const writers = [0, 1].map((writer) =>
      startWriter({
        ...shape,
        writer,
        dataDir: data.dir,
        postgres: { url: POSTGRES_URL, schema },
      }),
    );
    await Promise.all(writers.map((w) => w.ready));
    writers.forEach((w) => w.go());
    for (const { code, output } of await Promise.all(writers.map((w) => w.exited))) {
      expect({ code, output }).toEqual({ code: 0, output: 'ready\ndone\n' });
    }

    expect(await readdir(data.dir)).toEqual(['LOCKTEST_1h.csv']);
    const bars = await new CsvBarStore(data.dir).read('LOCKTEST', '1h');
    const total = shape.writers * shape.rounds * shape.barsPerRound;
    expect(bars.t).toHaveLength(total);
    // Each writer's bars carry its own price: none was lost or overwritten by the other.
    expect(bars.c.filter((c) => c === 100)).toHaveLength(total / 2);
    expect(bars.c.filter((c) => c === 101)).toHaveLength(total / 2);
    const { rows } = await admin.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity where application_name = $1`,
      [`ktrdr-series-writer-${schema}`],
    );
    expect(rows[0]?.n).toBe(0);
  });
});
