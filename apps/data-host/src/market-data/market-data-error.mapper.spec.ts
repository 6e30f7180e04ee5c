import { AppError } from '@ktrdr/http-kit';
import {
  BeforeHeadTimestampError,
  InvalidProviderRequestError,
  InvalidSymbolError,
  MarketDataError,
  NoDataError,
  NoPermissionError,
  PacingViolationError,
  ProviderUnavailableError,
  SymbolNotFoundError,
  UnknownProviderError,
} from '@ktrdr/market-data';
import { toDataHostError } from './market-data-error.mapper';

describe('toDataHostError', () => {
  it.each([
    [new InvalidSymbolError('a/b'), 400, 'INVALID_SYMBOL'],
    [new InvalidProviderRequestError('IB error 321'), 400, 'INVALID_REQUEST'],
    [new NoPermissionError('IB error 354'), 403, 'NO_PERMISSION'],
    [new SymbolNotFoundError('ZZZZ'), 404, 'SYMBOL_NOT_FOUND'],
    [new NoDataError('HMDS query returned no data'), 404, 'NO_DATA'],
    [new UnknownProviderError('IB error 999'), 502, 'PROVIDER_ERROR'],
    [new ProviderUnavailableError('not connected'), 503, 'PROVIDER_UNAVAILABLE'],
  ])('answers %p with %p %p', (error, status, code) => {
    const mapped = toDataHostError(error);
    expect(mapped).toBeInstanceOf(AppError);
    expect(mapped).toMatchObject({ httpStatus: status, code, message: error.message });
  });

  it('turns a pacing wait into whole Retry-After seconds (at least 1)', () => {
    expect(toDataHostError(new PacingViolationError(1500, 'x'))).toMatchObject({
      httpStatus: 429,
      retryAfterSeconds: 2,
      details: { retry_after_ms: 1500 },
    });
    expect(toDataHostError(new PacingViolationError(20, 'x'))).toMatchObject({
      retryAfterSeconds: 1,
    });
  });

  it('puts the head timestamp in the details of a 422', () => {
    const error = new BeforeHeadTimestampError('AAPL', Date.UTC(2005, 0, 3), Date.UTC(2004, 0, 1));
    expect(toDataHostError(error)).toMatchObject({
      httpStatus: 422,
      code: 'BEFORE_HEAD_TIMESTAMP',
      details: {
        head_timestamp: '2005-01-03T00:00:00.000Z',
        requested_end: '2004-01-01T00:00:00.000Z',
      },
    });
  });

  it('leaves other errors to the kit (cancellations, unknown codes, plain errors)', () => {
    const plain = new Error('boom');
    const unknownCode = new MarketDataError('SOMETHING_NEW', 'new');
    const abort = new DOMException('aborted', 'AbortError');
    expect(toDataHostError(plain)).toBe(plain);
    expect(toDataHostError(unknownCode)).toBe(unknownCode);
    expect(toDataHostError(abort)).toBe(abort);
  });
});
