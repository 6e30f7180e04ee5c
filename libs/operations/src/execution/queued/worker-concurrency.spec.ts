import { DEFAULT_WORKER_CONCURRENCY, parseWorkerConcurrency } from './worker-concurrency';

describe('parseWorkerConcurrency', () => {
  it('reads the default and tolerates spaces and a trailing comma', () => {
    expect(parseWorkerConcurrency(DEFAULT_WORKER_CONCURRENCY)).toEqual({
      data_load: 4,
      training: 1,
      dummy: 50,
    });
    expect(parseWorkerConcurrency(' dummy = 2 , training=1,')).toEqual({ dummy: 2, training: 1 });
  });

  it.each([
    ['', 'names no operation type'],
    ['dummy', 'has a malformed entry "dummy"'],
    ['Dummy=2', 'has an invalid operation type "Dummy"'],
    ['dummy=2,dummy=3', 'names "dummy" twice'],
    ['dummy=0', 'gives "dummy" the count "0", not an integer from 1 to 1000'],
    ['dummy=1.5', 'gives "dummy" the count "1.5", not an integer from 1 to 1000'],
    ['dummy=1001', 'gives "dummy" the count "1001", not an integer from 1 to 1000'],
  ])('refuses %j: %s', (text, problem) => {
    expect(() => parseWorkerConcurrency(text)).toThrow(
      `WORKER_CONCURRENCY ${problem} (expected type=n,type=n, e.g. ${DEFAULT_WORKER_CONCURRENCY})`,
    );
  });
});
