import { parseHistoricalRequest, parseIsoInstant } from './data-request.parser';

describe('parseIsoInstant', () => {
  it('reads dates and times as UTC unless zoned', () => {
    expect(parseIsoInstant('2024-01-02', 'start')).toBe(Date.UTC(2024, 0, 2));
    expect(parseIsoInstant('2024-01-02T14:30', 'start')).toBe(Date.UTC(2024, 0, 2, 14, 30));
    expect(parseIsoInstant('2024-01-02T14:30:15.5Z', 'start')).toBe(
      Date.UTC(2024, 0, 2, 14, 30, 15, 500),
    );
    expect(parseIsoInstant('2024-01-02T16:30:00+02:00', 'start')).toBe(
      Date.UTC(2024, 0, 2, 14, 30),
    );
  });

  it.each(['', 'now', '2024-13-01', '2024-02-30', '2024-01-02T25:00', '1704205800000'])(
    'refuses %p with INVALID_DATE_RANGE naming the field',
    (text) => {
      expect(() => parseIsoInstant(text, 'end')).toThrow(
        expect.objectContaining({
          code: 'INVALID_DATE_RANGE',
          message: expect.stringMatching(/^end /),
        }),
      );
    },
  );
});

describe('parseHistoricalRequest', () => {
  it('normalizes the symbol and checks start < end', () => {
    expect(
      parseHistoricalRequest({
        symbol: ' eur.usd ',
        timeframe: '4h',
        start: '2024-01-01',
        end: '2024-01-08',
      }),
    ).toEqual({
      symbol: 'EUR.USD',
      timeframe: '4h',
      startMs: Date.UTC(2024, 0, 1),
      endMs: Date.UTC(2024, 0, 8),
    });
    expect(() =>
      parseHistoricalRequest({
        symbol: 'AAPL',
        timeframe: '1h',
        start: '2024-01-08',
        end: '2024-01-01',
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_DATE_RANGE' }));
  });

  it('refuses a range longer than one request may span with INVALID_REQUEST', () => {
    const request = (timeframe: string, start: string, end: string) => () =>
      parseHistoricalRequest({ symbol: 'EUR.USD', timeframe, start, end });
    expect(request('1m', '2015-01-01', '2199-12-31')).toThrow(
      expect.objectContaining({
        code: 'INVALID_REQUEST',
        message: expect.stringMatching(/1 days/),
      }),
    );
    expect(request('1m', '2024-01-01T00:00Z', '2024-01-02T00:00Z')).not.toThrow();
    expect(request('1m', '2024-01-01T00:00Z', '2024-01-02T00:00:01Z')).toThrow(
      expect.objectContaining({ code: 'INVALID_REQUEST' }),
    );
    expect(request('1d', '2023-01-01', '2024-01-01')).not.toThrow();
    expect(request('1d', '2023-01-01', '2024-01-02')).toThrow(
      expect.objectContaining({ code: 'INVALID_REQUEST' }),
    );
  });
});
