import { mkdtempSync, promises as fsPromises, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CsvProvider } from './csv-provider';
import { ProviderErrorCode } from './provider-errors';

const OWN_FORMAT = [
  'timestamp,open,high,low,close,volume',
  '2024-01-02T14:30:00Z,187.15,188.44,183.89,185.64,82488700',
  '2024-01-02T15:30:00Z,185.64,186.00,185.00,185.50,1000',
  '2024-01-03T14:30:00Z,184.22,185.88,183.43,184.25,58414500',
  '',
].join('\n');

const VENDOR_FORMAT = [
  'Date;Open;High;Low;Close;Adj Close;Volume',
  '2024-01-02;370.87;376.00;366.50;370.60;368.1;25258600',
  '2024-01-03;369.01;373.26;368.51;370.60;368.1;23083500',
  '',
].join('\n');

describe('CsvProvider', () => {
  let dir: string;
  let provider: CsvProvider;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ktrdr-csv-provider-'));
    writeFileSync(path.join(dir, 'AAPL_1h.csv'), OWN_FORMAT);
    writeFileSync(path.join(dir, 'MSFT_1d.csv'), VENDOR_FORMAT);
    writeFileSync(path.join(dir, 'EMPTY_1d.csv'), 'timestamp,open,high,low,close,volume\n');
    provider = new CsvProvider(dir);
  });

  afterEach(async () => {
    await provider.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads bars in the range from a file in the cache format, labelled csv', async () => {
    const result = await provider.fetchHistorical({
      symbol: 'AAPL',
      timeframe: '1h',
      startMs: Date.parse('2024-01-02T15:00:00Z'),
      endMs: Date.parse('2024-01-03T14:30:00Z'),
    });
    expect(result).toMatchObject({ symbol: 'AAPL', timeframe: '1h', source: 'csv' });
    expect(result.bars.t).toEqual([
      Date.parse('2024-01-02T15:30:00Z'),
      Date.parse('2024-01-03T14:30:00Z'),
    ]);
    expect(result.bars.c).toEqual([185.5, 184.25]);
  });

  it('reads a vendor file, daily bars stamped at the session open', async () => {
    const result = await provider.fetchHistorical({
      symbol: 'MSFT',
      timeframe: '1d',
      startMs: Date.UTC(2024, 0, 1),
      endMs: Date.UTC(2024, 0, 31),
    });
    expect(result.bars.t).toEqual([
      Date.parse('2024-01-02T14:30:00Z'),
      Date.parse('2024-01-03T14:30:00Z'),
    ]);
    expect(result.bars.o).toEqual([370.87, 369.01]);
    expect(await provider.headTimestamp('MSFT', '1d')).toBe(Date.parse('2024-01-02T14:30:00Z'));
  });

  it('uses the first bar as head timestamp and refuses ranges before it', async () => {
    expect(await provider.headTimestamp('AAPL', '1h')).toBe(Date.parse('2024-01-02T14:30:00Z'));
    await expect(
      provider.fetchHistorical({
        symbol: 'AAPL',
        timeframe: '1h',
        startMs: Date.UTC(2023, 0, 1),
        endMs: Date.UTC(2023, 5, 1),
      }),
    ).rejects.toMatchObject({ code: ProviderErrorCode.BEFORE_HEAD_TIMESTAMP });
  });

  it('validates a symbol: head timestamps per timeframe, null where there is no file', async () => {
    const result = await provider.validateSymbol('AAPL', ['1h', '1d']);
    expect(result).toMatchObject({
      symbol: 'AAPL',
      source: 'csv',
      contract: { kind: 'stock', exchange: 'CSV' },
      head_timestamps: { '1h': '2024-01-02T14:30:00.000Z', '1d': null },
    });
  });

  it('answers SYMBOL_NOT_FOUND when there is no file', async () => {
    await expect(provider.validateSymbol('NOPE', undefined)).rejects.toMatchObject({
      code: ProviderErrorCode.SYMBOL_NOT_FOUND,
    });
    await expect(
      provider.fetchHistorical({ symbol: 'AAPL', timeframe: '5m', startMs: 0, endMs: Date.now() }),
    ).rejects.toMatchObject({
      code: ProviderErrorCode.SYMBOL_NOT_FOUND,
      message: expect.stringMatching(/AAPL_5m\.csv/),
    });
  });

  it('answers NO_DATA for a file without bars', async () => {
    await expect(provider.headTimestamp('EMPTY', '1d')).rejects.toMatchObject({
      code: ProviderErrorCode.NO_DATA,
    });
  });

  it('reports the folder in health, and a missing folder as not connected', async () => {
    expect(await provider.health()).toEqual({
      provider: 'csv',
      connected: true,
      details: { dir, files: 3 },
    });
    const missing = new CsvProvider(path.join(dir, 'missing'));
    expect(await missing.health()).toMatchObject({
      connected: false,
      details: { error: 'ENOENT' },
    });
  });

  it('parses a file once for every segment of a load, again when it changes', async () => {
    const reads = jest.spyOn(fsPromises, 'readFile');
    try {
      const segment = (day: number) =>
        provider.fetchHistorical({
          symbol: 'AAPL',
          timeframe: '1h',
          startMs: Date.UTC(2024, 0, day),
          endMs: Date.UTC(2024, 0, day + 1) - 1,
        });
      const [first, second] = await Promise.all([segment(2), segment(3)]);
      expect(first.bars.t).toHaveLength(2);
      expect(second.bars.t).toHaveLength(1);
      await segment(2);
      expect(await provider.headTimestamp('AAPL', '1h')).toBe(Date.parse('2024-01-02T14:30:00Z'));
      expect(reads).toHaveBeenCalledTimes(1);

      writeFileSync(
        path.join(dir, 'AAPL_1h.csv'),
        `${OWN_FORMAT}2024-01-04T14:30:00Z,1,2,0.5,1.5,10\n`,
      );
      expect((await segment(4)).bars.c).toEqual([1.5]);
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      reads.mockRestore();
    }
  });

  it('reads the head timestamp of a cache-format file from its first line only', async () => {
    const reads = jest.spyOn(fsPromises, 'readFile');
    try {
      const big = [OWN_FORMAT.trimEnd()];
      for (let i = 0; i < 20_000; i++) big.push('2024-02-01T14:30:00Z,1,2,0.5,1.5,10');
      writeFileSync(path.join(dir, 'BIG_1h.csv'), `${big.join('\n')}\n`);
      expect(await provider.headTimestamp('BIG', '1h')).toBe(Date.parse('2024-01-02T14:30:00Z'));
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  it('rejects at once when the signal has aborted', async () => {
    const signal = AbortSignal.abort();
    await expect(
      provider.fetchHistorical({
        symbol: 'AAPL',
        timeframe: '1h',
        startMs: 0,
        endMs: Date.now(),
        signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
