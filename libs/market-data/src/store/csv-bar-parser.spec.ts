import { seriesFromRows } from '../series/bar-series';
import { formatBarsCsv, formatTimestamp } from './csv-bar-format';
import { CSV_HEADER, InvalidCsvError, parseBarsCsv } from './csv-bar-parser';

const utc = (iso: string) => Date.parse(iso);
const parse = (text: string, options = {}) => parseBarsCsv(Buffer.from(text), options);
const csv = (...lines: string[]) => [CSV_HEADER, ...lines].join('\n');

function lineOfError(text: string): number | undefined {
  try {
    parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidCsvError);
    expect((e as InvalidCsvError).code).toBe('INVALID_CSV');
    return (e as InvalidCsvError).line;
  }
  throw new Error('expected INVALID_CSV');
}

describe('parseBarsCsv', () => {
  it('reads our format', () => {
    const bars = parse(csv('2024-01-02T14:30:00Z,187.15,188.44,183.89,185.64,82488700', ''));
    expect(bars).toEqual({
      t: [utc('2024-01-02T14:30:00Z')],
      o: [187.15],
      h: [188.44],
      l: [183.89],
      c: [185.64],
      v: [82488700],
    });
  });

  it('round-trips any finite double exactly through formatBarsCsv', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const values = [
      0.1,
      1e-7,
      123456789.123456,
      1e21,
      5e-324,
      1.7976931348623157e308,
      0.30000000000000004,
      -2.5,
      100,
      1 / 3,
      2 ** 53 + 2,
    ];
    for (let i = 0; i < 2000; i++) values.push(random() * 10 ** Math.floor(random() * 12 - 4));
    const rows = values.map((x, i) => ({
      t: utc('2020-01-01T00:00:00Z') + i * 60_000,
      o: x,
      h: x / 3,
      l: x / 7,
      c: -x,
      v: Math.floor(x),
    }));
    const series = seriesFromRows(rows);
    const text = [...formatBarsCsv(series, 100)].join('');
    const back = parse(text);
    for (const key of ['t', 'o', 'h', 'l', 'c', 'v'] as const) {
      const mismatch = back[key].findIndex((x, i) => !Object.is(x, series[key][i]));
      expect({ key, mismatch }).toEqual({ key, mismatch: -1 });
    }
  });

  it('tolerates CRLF, blank lines, a BOM and a missing final newline', () => {
    const text = `\uFEFF${CSV_HEADER}\r\n2024-01-02T14:30:00Z,1,2,0.5,1.5,10\r\n\r\n2024-01-02T14:31:00Z,1,2,0.5,1.5,11`;
    expect(parse(text).v).toEqual([10, 11]);
    expect(parse(`${CSV_HEADER}\n`).t).toEqual([]);
    expect(parse(CSV_HEADER).t).toEqual([]);
  });

  it('names the line of a malformed row', () => {
    const good = '2024-01-02T14:30:00Z,1,2,0.5,1.5,10';
    expect(lineOfError(csv(good, '2024-01-02 14:31:00,1,2,0.5,1.5,10'))).toBe(3);
    expect(lineOfError(csv(good, good, '2024-13-02T14:31:00Z,1,2,0.5,1.5,10'))).toBe(4);
    expect(lineOfError(csv(good, '2024-02-30T14:31:00Z,1,2,0.5,1.5,10'))).toBe(3);
    expect(lineOfError(csv(good, '2024-01-02T14:31:00Z,1,2,0.5,1.5'))).toBe(3);
    expect(lineOfError(csv(good, '2024-01-02T14:31:00Z,1,2,0.5,1.5,10,7'))).toBe(3);
    expect(lineOfError(csv(good, '2024-01-02T14:31:00Z,1,abc,0.5,1.5,10'))).toBe(3);
    expect(lineOfError(csv(good, '2024-01-02T14:31:00Z,1,,0.5,1.5,10'))).toBe(3);
    expect(lineOfError(csv(good, '2024-01-02T14:31:00Z,1,NaN,0.5,1.5,10'))).toBe(3);
    expect(lineOfError(csv(good, '2024-01-02T14:31:00Z,1,1e999,0.5,1.5,10'))).toBe(3);
    expect(lineOfError(csv(good, '2024-01-02T14:31'))).toBe(3);
    expect(lineOfError('time,open,high,low,close,volume\n')).toBe(1);
    expect(lineOfError('')).toBe(1);
  });

  it('reads numbers in every notation', () => {
    const bars = parse(csv('2024-01-02T14:30:00Z,+1.5,1e3,.5,1234567890123456789,-0.25'));
    expect([bars.o[0], bars.h[0], bars.l[0], bars.c[0], bars.v[0]]).toEqual([
      1.5,
      1000,
      0.5,
      Number('1234567890123456789'),
      -0.25,
    ]);
  });

  it('keeps only the asked range, both ends included', () => {
    const text = [
      ...formatBarsCsv(
        seriesFromRows(
          [1, 2, 3, 4, 5].map((m) => ({
            t: utc('2024-01-02T14:30:00Z') + m * 60_000,
            o: m,
            h: m,
            l: m,
            c: m,
            v: m,
          })),
        ),
      ),
    ].join('');
    const start = utc('2024-01-02T14:32:00Z');
    const end = utc('2024-01-02T14:34:00Z');
    expect(parse(text, { startMs: start, endMs: end }).o).toEqual([2, 3, 4]);
    expect(parse(text, { startMs: end }).o).toEqual([4, 5]);
  });

  it('sorts an unsorted file, the last copy of a timestamp winning', () => {
    const bars = parse(
      csv(
        '2024-01-02T14:32:00Z,2,2,2,2,2',
        '2024-01-02T14:31:00Z,1,1,1,1,1',
        '2024-01-02T14:32:00Z,3,3,3,3,3',
      ),
    );
    expect(bars.o).toEqual([1, 3]);
  });
});

describe('formatTimestamp', () => {
  it('writes whole-second UTC times and refuses anything else', () => {
    expect(formatTimestamp(utc('2024-02-29T23:59:59Z'))).toBe('2024-02-29T23:59:59Z');
    expect(formatTimestamp(0)).toBe('1970-01-01T00:00:00Z');
    expect(() => formatTimestamp(1500)).toThrow(expect.objectContaining({ code: 'INVALID_BARS' }));
    expect(() => formatTimestamp(Number.NaN)).toThrow(
      expect.objectContaining({ code: 'INVALID_BARS' }),
    );
  });

  it('refuses times outside the years 0000–9999, which would not read back', () => {
    expect(formatTimestamp(utc('9999-12-31T23:59:59Z'))).toBe('9999-12-31T23:59:59Z');
    const year0 = new Date(0);
    year0.setUTCFullYear(0, 0, 1);
    expect(formatTimestamp(year0.getTime())).toBe('0000-01-01T00:00:00Z');
    for (const ms of [
      300_000_000_000_000,
      utc('9999-12-31T23:59:59Z') + 1000,
      year0.getTime() - 1000,
    ]) {
      expect(() => formatTimestamp(ms)).toThrow(expect.objectContaining({ code: 'INVALID_BARS' }));
    }
  });
});
