import { Readable } from 'node:stream';
import { FOREX_CALENDAR, NYSE_CALENDAR } from '../calendar/calendar-for';
import { InvalidCsvError } from './csv-bar-parser';
import { parseVendorCsv, parseVendorCsvStream } from './vendor-csv-parser';
import { parseVendorTime } from './vendor-time';

const utc = (iso: string) => Date.parse(iso);
const stock = { timeframe: '1m', calendar: NYSE_CALENDAR } as const;

describe('parseVendorTime', () => {
  it.each([
    ['2024-01-02T14:30:00Z', '2024-01-02T14:30:00Z'],
    ['2024-01-02T14:30:00.250Z', '2024-01-02T14:30:00.250Z'],
    ['2024-01-02T09:30:00-05:00', '2024-01-02T14:30:00Z'],
    ['2024-01-02 16:30:00+0200', '2024-01-02T14:30:00Z'],
    ['2024-01-02 14:30', '2024-01-02T14:30:00Z'],
    ['20240102 14:30:00', '2024-01-02T14:30:00Z'],
    ['20240102 143000', '2024-01-02T14:30:00Z'],
    ['2024/01/02 14:30:00 UTC', '2024-01-02T14:30:00Z'],
    ['01/02/2024 14:30', '2024-01-02T14:30:00Z'],
    ['02.01.2024 14:30:00.000 GMT+0000', '2024-01-02T14:30:00Z'],
    ['1704205800', '2024-01-02T14:30:00Z'],
    ['1704205800000', '2024-01-02T14:30:00Z'],
  ])('reads %j', (text, expected) => {
    expect(parseVendorTime(text)?.ms).toBe(utc(expected));
  });

  it('reads local times in the given zone and flags date-only values', () => {
    expect(parseVendorTime('2024-07-02 09:30', 'America/New_York')?.ms).toBe(
      utc('2024-07-02T13:30:00Z'),
    );
    expect(parseVendorTime('2024-07-02T09:30:00Z', 'America/New_York')?.ms).toBe(
      utc('2024-07-02T09:30:00Z'),
    );
    expect(parseVendorTime('20240702')).toEqual({
      ms: utc('2024-07-02T00:00:00Z'),
      dateOnly: true,
      date: '2024-07-02',
    });
  });

  it.each([
    '',
    'yesterday',
    '2024-13-01',
    '2024-02-30',
    '2024-01-02 25:00',
    '2024-01-02T14:30:00 PST',
  ])('rejects %j', (text) => {
    expect(parseVendorTime(text)).toBeNull();
  });
});

describe('parseVendorCsv', () => {
  it('reads our own format', () => {
    const result = parseVendorCsv(
      'timestamp,open,high,low,close,volume\n2024-01-02T14:30:00Z,1,2,0.5,1.5,10\n',
      stock,
    );
    expect(result.series).toEqual({
      t: [utc('2024-01-02T14:30:00Z')],
      o: [1],
      h: [2],
      l: [0.5],
      c: [1.5],
      v: [10],
    });
    expect(result).toMatchObject({ rows: 1, rejected: { total: 0, by_reason: {}, examples: [] } });
  });

  it('reads MetaStock-style <DATE>;<TIME> columns with semicolons', () => {
    const text =
      '<TICKER>;<DATE>;<TIME>;<OPEN>;<HIGH>;<LOW>;<CLOSE>;<VOL>\nAAPL;20240102;143000;1;2;0.5;1.5;10\nAAPL;20240102;143100;1.5;2;1;1.75;20\n';
    const { series } = parseVendorCsv(text, stock);
    expect(series.t).toEqual([utc('2024-01-02T14:30:00Z'), utc('2024-01-02T14:31:00Z')]);
    expect(series.v).toEqual([10, 20]);
  });

  it('reads epoch seconds and tab-separated files, volume optional', () => {
    const text =
      'Time\tOpen\tHigh\tLow\tClose\n1704205860\t1\t2\t0.5\t1.5\n1704205800\t1\t2\t0.5\t1.25\n';
    const { series } = parseVendorCsv(text, stock);
    expect(series.t).toEqual([utc('2024-01-02T14:30:00Z'), utc('2024-01-02T14:31:00Z')]); // sorted
    expect(series.c).toEqual([1.25, 1.5]);
    expect(series.v).toEqual([0, 0]);
  });

  it('converts ISO times with offsets to UTC (Dukascopy-style "Gmt time")', () => {
    const text =
      'Gmt time,Open,High,Low,Close,Volume\n02.01.2024 14:30:00.000,1.1,1.2,1.0,1.15,5\n';
    expect(parseVendorCsv(text, { timeframe: '1h', calendar: FOREX_CALENDAR }).series.t).toEqual([
      utc('2024-01-02T14:30:00Z'),
    ]);
  });

  it('stamps daily rows at the session open and skips closed days', () => {
    const text =
      'Date,Open,High,Low,Close,Adj Close,Volume\n2024-07-03,1,2,0.5,1,1,1\n2024-07-04,1,2,0.5,1,1,1\n2024-07-05,1,2,0.5,1,1,1\n';
    const result = parseVendorCsv(text, { timeframe: '1d', calendar: NYSE_CALENDAR });
    expect(result.series.t).toEqual([utc('2024-07-03T13:30:00Z'), utc('2024-07-05T13:30:00Z')]);
    expect(result.rejected).toEqual({
      total: 1,
      by_reason: { no_session: 1 },
      examples: [
        {
          line: 3,
          time: '2024-07-04',
          reason: 'no_session',
          detail: 'no NYSE session on 2024-07-04 (Thursday)',
        },
      ],
    });
    const midnightUtc = 'timestamp,open,high,low,close,volume\n2024-07-05T00:00:00Z,1,2,0.5,1,1\n';
    expect(
      parseVendorCsv(midnightUtc, { timeframe: '1d', calendar: NYSE_CALENDAR }).series.t,
    ).toEqual([utc('2024-07-05T13:30:00Z')]);
  });

  it('rejects timestamped daily rows that fall on no session instead of moving them to another day', () => {
    const text = [
      'timestamp,open,high,low,close,volume',
      '2024-03-04T21:00:00Z,10,12,9,11,100', // Monday after the close: Monday's bar
      '2024-03-09T00:00:00Z,1,2,0.5,1,1', // Saturday: no session
      '2024-03-10T05:00:00Z,1,2,0.5,1,1', // Sunday: no session
      '2024-03-11T14:30:00Z,20,22,19,21,200', // Monday at the open
    ].join('\n');
    const result = parseVendorCsv(text, { timeframe: '1d', calendar: NYSE_CALENDAR });
    expect(result.series.t).toEqual([utc('2024-03-04T14:30:00Z'), utc('2024-03-11T13:30:00Z')]);
    expect(result.series.c).toEqual([11, 21]);
    expect(result.rejected).toMatchObject({
      total: 2,
      by_reason: { no_session: 2 },
      examples: [
        {
          line: 3,
          time: '2024-03-09T00:00:00Z',
          detail: 'no NYSE session on 2024-03-09 (Saturday)',
        },
        { line: 4, time: '2024-03-10T05:00:00Z', detail: 'no NYSE session on 2024-03-10 (Sunday)' },
      ],
    });
    // Forex: a bar stamped at the session open (Sunday 21:00Z in summer) is Monday's.
    const fx = parseVendorCsv(
      'timestamp,open,high,low,close\n2024-03-10T21:00:00Z,1,2,0.5,1\n2024-03-09T00:00:00Z,1,2,0.5,1\n',
      { timeframe: '1d', calendar: FOREX_CALENDAR },
    );
    expect(fx.series.t).toEqual([utc('2024-03-10T21:00:00Z')]);
    expect(fx.rejected.by_reason).toEqual({ no_session: 1 });
  });

  it('keeps at most five example rows however many are rejected', () => {
    const rows = Array.from(
      { length: 8 },
      (_, i) => `2024-03-${String(2 + 7 * (i % 4)).padStart(2, '0')},1,2,0.5,1`,
    );
    const result = parseVendorCsv(`date,open,high,low,close\n${rows.join('\n')}\n`, {
      timeframe: '1d',
      calendar: NYSE_CALENDAR,
    });
    expect(result.rejected.total).toBe(8);
    expect(result.rejected.examples).toHaveLength(5);
  });

  it('stamps weekly rows at the week’s first session', () => {
    const text = 'date,open,high,low,close\n2024-01-19,1,2,0.5,1\n2024-07-12,1,2,0.5,1\n';
    const { series } = parseVendorCsv(text, { timeframe: '1w', calendar: NYSE_CALENDAR });
    // Jan 15 2024 was MLK day: that week starts on Tuesday.
    expect(series.t).toEqual([utc('2024-01-16T14:30:00Z'), utc('2024-07-08T13:30:00Z')]);
  });

  it('names the missing column or the bad line', () => {
    expect(() => parseVendorCsv('date,open,high,low\n2024-01-02,1,2,3\n', stock)).toThrow(
      /no close column/,
    );
    try {
      parseVendorCsv(
        'date,open,high,low,close\n2024-01-02,1,2,0.5,1\n2024-01-03,1,x,0.5,1\n',
        stock,
      );
      throw new Error('expected a throw');
    } catch (e) {
      expect(e).toBeInstanceOf(InvalidCsvError);
      expect(e).toMatchObject({ code: 'INVALID_CSV', line: 3 });
      expect((e as Error).message).toContain("high 'x'");
    }
    expect(() => parseVendorCsv('', stock)).toThrow(InvalidCsvError);
  });

  it.each(['300000000000000', '1800-01-01', '2200-01-01T00:00:00Z', '0001-01-01'])(
    'refuses a time outside 1900–2199 (%s) naming its line',
    (time) => {
      const content = `time,open,high,low,close,volume\n1704205800,10,11,9,10,100\n${time},10,11,9,10,100\n`;
      expect(() => parseVendorCsv(content, stock)).toThrow(
        expect.objectContaining({
          code: 'INVALID_CSV',
          line: 3,
          message: expect.stringContaining('outside 1900–2199') as unknown,
        }),
      );
    },
  );

  it('accepts the edges of the window', () => {
    const content =
      'time,open,high,low,close\n1900-01-01T00:00:00Z,1,1,1,1\n2199-12-31T23:59:00Z,1,1,1,1\n';
    expect(parseVendorCsv(content, stock).series.t).toEqual([
      utc('1900-01-01T00:00:00Z'),
      utc('2199-12-31T23:59:00Z'),
    ]);
  });
});

describe('parseVendorCsvStream', () => {
  function pieces(text: string, size: number): AsyncIterable<Buffer> {
    const bytes = Buffer.from(text);
    const chunks: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
    return Readable.from(chunks);
  }

  it('reads chunks cut anywhere (mid-line, mid-character) exactly as the whole text', async () => {
    const text =
      '\uFEFF<DATE>;<TIME>;<OPEN>;<HIGH>;<LOW>;<CLOSE>;<VOL>;<NOTE>\r\n' +
      Array.from(
        { length: 50 },
        (_, i) => `20240102;15${String(i).padStart(2, '0')}00;1;2;0.5;1.5;${i};é€`,
      ).join('\r\n');
    const whole = parseVendorCsv(text, stock);
    for (const size of [1, 7, 64, 100_000]) {
      expect(await parseVendorCsvStream(pieces(text, size), stock)).toEqual(whole);
    }
    expect(whole.series.t).toHaveLength(50);
    expect(whole.series.t[49]).toBe(utc('2024-01-02T15:49:00Z'));
  });

  it('keeps a long file in the blocks it was read in, never one array of all its bars', async () => {
    const forex = { timeframe: '1m', calendar: FOREX_CALENDAR } as const;
    const start = utc('2024-01-08T00:00:00Z');
    const row = (i: number, close: number) =>
      `${new Date(start + i * 60_000).toISOString()},1,2,0.5,${close},${i}`;
    const rows = Array.from({ length: 40_000 }, (_, i) => row(i, 1.5));
    const inOrder = await parseVendorCsvStream(
      pieces(`Datetime,Open,High,Low,Close,Volume\n${rows.join('\n')}`, 65_536),
      forex,
    );
    expect(inOrder.parts.parts.length).toBeGreaterThan(1);
    expect(inOrder.parts.length).toBe(40_000);
    expect(inOrder.series.t).toEqual(rows.map((_, i) => start + i * 60_000));
    // A timestamp repeated far apart: the blocks overlap, are joined, the later row wins.
    const repeated = await parseVendorCsvStream(
      pieces(`Datetime,Open,High,Low,Close,Volume\n${[...rows, row(10, 1.75)].join('\n')}`, 65_536),
      forex,
    );
    expect(repeated.parts.parts).toHaveLength(1);
    expect(repeated.series.t).toHaveLength(40_000);
    expect(repeated.series.c[10]).toBe(1.75);
  });

  it('names the bad line, and refuses an empty stream', async () => {
    const text = 'time,open,high,low,close\n1704205800,1,2,0.5,1\nnope,1,2,0.5,1\n';
    await expect(parseVendorCsvStream(pieces(text, 5), stock)).rejects.toMatchObject({
      code: 'INVALID_CSV',
      line: 3,
    });
    await expect(parseVendorCsvStream(pieces('', 5), stock)).rejects.toBeInstanceOf(
      InvalidCsvError,
    );
  });
});
