import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateSyntheticBars } from '../../series/synthetic-bars';
import { CsvBarStore } from '../csv-bar-store';

export const utc = (iso: string): number => Date.parse(iso);

/**
 * About 28,800 one-minute EUR.USD bars (~1.7 MB of CSV): enough for a page read to cross
 * read chunks and seek steps, forwards or backwards.
 */
export const MINUTE_BARS = generateSyntheticBars(
  'EUR.USD',
  '1m',
  utc('2024-01-01T00:00:00Z'),
  utc('2024-01-29T00:00:00Z'),
);

/**
 * Gives each test of the calling `describe` its own CsvBarStore in a fresh temp dir (named
 * from `tempPrefix`) holding {@link MINUTE_BARS} as EUR.USD 1m, and removes the dir after
 * the test. Returns a getter for the current test's store.
 */
export function useSeededCsvStore(tempPrefix: string): () => CsvBarStore {
  let dir = '';
  let store: CsvBarStore | undefined;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), tempPrefix));
    store = new CsvBarStore(dir);
    await store.write('EUR.USD', '1m', MINUTE_BARS);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));
  return () => {
    if (!store) throw new Error('the seeded store exists only while a test runs');
    return store;
  };
}
