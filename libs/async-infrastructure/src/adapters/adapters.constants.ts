/**
 * Injection token of the adapters an {@link AdapterRegistry} starts with: provide it as an
 * array (`useFactory: (ib, training) => [ib, training]`) or let adapters call `register`.
 */
export const HOST_ADAPTERS = Symbol('HOST_ADAPTERS');
