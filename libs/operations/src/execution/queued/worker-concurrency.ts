import { isValidOperationType } from '../../model/operation-id';

/** The per-type concurrency of a worker when `WORKER_CONCURRENCY` is not set. */
export const DEFAULT_WORKER_CONCURRENCY = 'data_load=4,training=1,dummy=50';

/** The most jobs of one type a worker runs at once. */
export const MAX_TYPE_CONCURRENCY = 1000;

/** A `WORKER_CONCURRENCY` value that cannot be read; the message names the faulty entry. */
export class WorkerConcurrencyError extends Error {
  readonly code = 'INVALID_WORKER_CONCURRENCY' as const;

  constructor(problem: string) {
    super(
      `WORKER_CONCURRENCY ${problem} (expected type=n,type=n, e.g. ${DEFAULT_WORKER_CONCURRENCY})`,
    );
    this.name = 'WorkerConcurrencyError';
  }
}

/**
 * Reads `type=n,type=n` into a map of operation type → how many jobs of it a worker runs at
 * once. Throws WorkerConcurrencyError for an empty list, a malformed entry, a type twice, or a
 * count outside 1…{@link MAX_TYPE_CONCURRENCY}.
 *
 * @example
 * parseWorkerConcurrency('data_load=4,training=1') // { data_load: 4, training: 1 }
 */
export function parseWorkerConcurrency(text: string): Record<string, number> {
  const concurrency: Record<string, number> = {};
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new WorkerConcurrencyError('names no operation type');
  for (const entry of entries) {
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(entry);
    if (!match) throw new WorkerConcurrencyError(`has a malformed entry "${entry}"`);
    const [, type = '', count = ''] = match;
    if (!isValidOperationType(type)) {
      throw new WorkerConcurrencyError(`has an invalid operation type "${type}"`);
    }
    if (type in concurrency) throw new WorkerConcurrencyError(`names "${type}" twice`);
    const n = Number(count);
    if (!/^\d+$/.test(count) || n < 1 || n > MAX_TYPE_CONCURRENCY) {
      throw new WorkerConcurrencyError(
        `gives "${type}" the count "${count}", not an integer from 1 to ${MAX_TYPE_CONCURRENCY}`,
      );
    }
    concurrency[type] = n;
  }
  return concurrency;
}
