import type { ProviderName } from '@ktrdr/market-data';

/** How a symbol is read, for the OpenAPI document. */
export const SYMBOL_DESCRIPTION =
  'Trimmed and upper-cased, then `^[A-Z0-9][A-Z0-9._-]{0,19}$` (`EUR.USD` is forex)';

/** The providers a data host serves from. */
export const PROVIDER_NAMES = ['ib', 'csv', 'synthetic'] as const satisfies readonly ProviderName[];
