import { MarketDataError } from '../../errors';
import { ProviderErrorCode, isTransient, type PacingViolationError } from '../provider-errors';
import { IB_PACING_PENALTY_MS, mapIbError } from './ib-error-map';

function requestCode(code: number, message: string): string {
  const meaning = mapIbError(code, message, 'AAPL');
  if (meaning.kind !== 'request') throw new Error(`expected a request error, got ${meaning.kind}`);
  return meaning.error.code;
}

describe('mapIbError', () => {
  it('tells pacing violations and empty answers apart within code 162', () => {
    expect(
      requestCode(162, 'Historical Market Data Service error message:HMDS query returned no data'),
    ).toBe(ProviderErrorCode.NO_DATA);
    expect(
      requestCode(
        162,
        'Historical Market Data Service error message:Historical data request pacing violation',
      ),
    ).toBe(ProviderErrorCode.PACING_VIOLATION);
    expect(
      requestCode(
        162,
        'Historical Market Data Service error message:No market data permissions for NYSE STK',
      ),
    ).toBe(ProviderErrorCode.NO_PERMISSION);
    expect(requestCode(162, 'Historical Market Data Service error message:something odd')).toBe(
      ProviderErrorCode.INVALID_REQUEST,
    );
  });

  it('gives a pacing violation a retry delay and marks it transient', () => {
    const meaning = mapIbError(162, 'Historical data request pacing violation');
    expect(meaning.kind).toBe('request');
    const error = (meaning as { error: unknown }).error as PacingViolationError;
    expect(error.retryAfterMs).toBe(IB_PACING_PENALTY_MS);
    expect(isTransient(error)).toBe(true);
    expect(error).toBeInstanceOf(MarketDataError);
  });

  it('ignores the notice that follows our own cancel', () => {
    expect(mapIbError(162, 'API historical data query cancelled: 7')).toEqual({ kind: 'ignore' });
  });

  it('maps 200 to SYMBOL_NOT_FOUND naming the symbol', () => {
    const meaning = mapIbError(
      200,
      'No security definition has been found for the request',
      'ZZZZ',
    );
    expect(meaning).toMatchObject({ kind: 'request', error: { code: 'SYMBOL_NOT_FOUND' } });
    expect((meaning as { error: Error }).error.message).toMatch(/ZZZZ/);
  });

  it.each([354, 10090])('maps %p to NO_PERMISSION (permanent)', (code) => {
    const meaning = mapIbError(code, 'Requested market data is not subscribed.');
    expect(meaning).toMatchObject({ kind: 'request', error: { code: 'NO_PERMISSION' } });
    expect(isTransient((meaning as { error: Error }).error)).toBe(false);
  });

  it.each([321, 322, 366])('maps %p to INVALID_REQUEST', (code) => {
    expect(requestCode(code, 'Error validating request')).toBe(ProviderErrorCode.INVALID_REQUEST);
  });

  it('treats "max simultaneous requests" (322) as pacing', () => {
    expect(requestCode(322, 'Max number of simultaneous requests exceeded')).toBe(
      ProviderErrorCode.PACING_VIOLATION,
    );
  });

  it.each([502, 504, 1100, 2110])('maps %p to a lost connection (PROVIDER_UNAVAILABLE)', (code) => {
    const meaning = mapIbError(code, 'Not connected');
    expect(meaning).toMatchObject({
      kind: 'connection',
      up: false,
      error: { code: 'PROVIDER_UNAVAILABLE' },
    });
    expect(isTransient((meaning as { error: Error }).error)).toBe(true);
  });

  it.each([1101, 1102])('maps %p to a restored connection', (code) => {
    expect(mapIbError(code, 'Connectivity restored')).toEqual({ kind: 'connection', up: true });
  });

  it.each([2104, 2106, 2158, 2107, 2150])('ignores informational %p', (code) => {
    expect(mapIbError(code, 'Market data farm connection is OK')).toEqual({ kind: 'ignore' });
  });

  it('maps an unknown code to PROVIDER_ERROR with the code in the message', () => {
    const meaning = mapIbError(999, 'Something new');
    expect(meaning).toMatchObject({ kind: 'request', error: { code: 'PROVIDER_ERROR' } });
    expect((meaning as { error: Error }).error.message).toBe('IB error 999: Something new');
  });
});
