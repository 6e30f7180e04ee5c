/** Injection token of the validated {@link DataHostConfig}. */
export const DATA_HOST_CONFIG = Symbol('DATA_HOST_CONFIG');

/** Injection token of the {@link MarketDataProvider} this host serves. */
export const MARKET_DATA_PROVIDER = Symbol('MARKET_DATA_PROVIDER');
