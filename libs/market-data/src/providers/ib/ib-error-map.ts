import {
  InvalidProviderRequestError,
  NoDataError,
  NoPermissionError,
  PacingViolationError,
  ProviderUnavailableError,
  SymbolNotFoundError,
  UnknownProviderError,
  type ProviderError,
} from '../provider-errors';

/** How long to wait after IB itself reports a pacing violation (its identical-request window). */
export const IB_PACING_PENALTY_MS = 15_000;

/** Codes meaning the link to the gateway or from the gateway to IB is down. */
const CONNECTION_LOST = new Set([502, 504, 507, 509, 1100, 1300, 2110]);
/** Codes meaning the link is back. */
const CONNECTION_RESTORED = new Set([1101, 1102]);
/** Informational codes: farm status (2104, 2106, 2158…), delayed-data notices, HMDS chatter. */
const INFORMATIONAL = new Set([165, 2104, 2106, 2107, 2108, 2119, 2158, 10167]);

/**
 * What an IB error code means here:
 * - `ignore`: informational, nothing failed;
 * - `connection`: about the connection (`up` false = lost, true = restored);
 * - `request`: the request with this id failed with `error`.
 */
export type IbErrorMeaning =
  | { readonly kind: 'ignore' }
  | { readonly kind: 'connection'; readonly up: boolean; readonly error?: ProviderError }
  | { readonly kind: 'request'; readonly error: ProviderError };

/**
 * Maps an IB error code and message (as emitted by `@stoqey/ib`'s `error`/`info` events) to its
 * meaning. `symbol` only improves messages.
 *
 * | code | meaning |
 * |---|---|
 * | 162 | "pacing violation" → PACING_VIOLATION; "HMDS query returned no data" → NO_DATA; "query cancelled" → ignore; permissions → NO_PERMISSION; else INVALID_REQUEST |
 * | 200 | no security definition → SYMBOL_NOT_FOUND |
 * | 354, 10090 | not subscribed → NO_PERMISSION |
 * | 321, 322, 366 | bad request → INVALID_REQUEST (322 "max simultaneous requests" → PACING_VIOLATION) |
 * | 502, 504, 507, 509, 1100, 1300, 2110 | not connected → PROVIDER_UNAVAILABLE |
 * | 1101, 1102 | connectivity restored |
 * | 2104, 2106, 2158, other 2100–2999 | informational → ignore |
 */
export function mapIbError(code: number, message: string, symbol = 'the symbol'): IbErrorMeaning {
  const text = `IB error ${code}: ${message}`;
  if (CONNECTION_LOST.has(code)) {
    return { kind: 'connection', up: false, error: new ProviderUnavailableError(text) };
  }
  if (CONNECTION_RESTORED.has(code)) return { kind: 'connection', up: true };
  if (INFORMATIONAL.has(code) || (code >= 2100 && code < 3000)) return { kind: 'ignore' };
  switch (code) {
    case 162:
      return historicalServiceError(message, text);
    case 200:
      return { kind: 'request', error: new SymbolNotFoundError(symbol, text) };
    case 354:
    case 10090:
      return { kind: 'request', error: new NoPermissionError(text) };
    case 322:
      if (/simultaneous|maximum number/i.test(message)) {
        return { kind: 'request', error: new PacingViolationError(IB_PACING_PENALTY_MS, text) };
      }
      return { kind: 'request', error: new InvalidProviderRequestError(text) };
    case 321:
    case 366:
      return { kind: 'request', error: new InvalidProviderRequestError(text) };
    default:
      return { kind: 'request', error: new UnknownProviderError(text) };
  }
}

function historicalServiceError(message: string, text: string): IbErrorMeaning {
  if (/pacing violation/i.test(message)) {
    return { kind: 'request', error: new PacingViolationError(IB_PACING_PENALTY_MS, text) };
  }
  if (/query cancelled|query canceled/i.test(message)) return { kind: 'ignore' };
  if (/returned no data|no data/i.test(message)) {
    return { kind: 'request', error: new NoDataError(text) };
  }
  if (/permission|not subscribed|subscription/i.test(message)) {
    return { kind: 'request', error: new NoPermissionError(text) };
  }
  return { kind: 'request', error: new InvalidProviderRequestError(text) };
}
