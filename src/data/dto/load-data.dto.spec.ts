import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { LoadDataDto } from './load-data.dto';

function problems(body: Record<string, unknown>): string[] {
  const errors = validateSync(plainToInstance(LoadDataDto, body), {
    whitelist: true,
    forbidNonWhitelisted: true,
  });
  return errors.flatMap((e) => Object.values(e.constraints ?? {}));
}

describe('LoadDataDto', () => {
  it('accepts the documented body, mode and dates optional', () => {
    expect(problems({ symbol: 'AAPL', timeframe: '1h' })).toEqual([]);
    expect(
      problems({
        symbol: 'AAPL',
        timeframe: '1h',
        mode: 'backfill',
        start_date: '2024-01-01',
        end_date: '2024-02-01T00:00:00Z',
        repair: true,
      }),
    ).toEqual([]);
  });

  it('names each field that is missing, mistyped, unknown or not a mode', () => {
    expect(problems({ timeframe: 1, mode: 'sideways', extra: true })).toEqual(
      expect.arrayContaining([
        'symbol must be a string',
        'timeframe must be a string',
        'mode must be one of: local, tail, backfill, full',
        'property extra should not exist',
      ]),
    );
    expect(problems({ symbol: 'A'.repeat(65), timeframe: '1h', repair: 'yes' })).toEqual([
      'symbol must be shorter than or equal to 64 characters',
      'repair must be a boolean value',
    ]);
  });
});
