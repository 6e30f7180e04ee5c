// The bar shapes alone (no code): the data API's wire types and the dashboard read them here.

/**
 * OHLCV bars in columns: `t[i], o[i], h[i], l[i], c[i], v[i]` are bar `i`.
 * `t` is the bar's open time in epoch ms UTC. Series returned by this library are sorted by `t`
 * with unique timestamps unless said otherwise.
 *
 * Plain `number[]` rather than `Float64Array`: V8 already stores arrays of doubles unboxed
 * (PACKED_DOUBLE_ELEMENTS), so reads and pushes cost about the same, while plain arrays grow
 * without knowing the size up front (CSV parsing, merging), `JSON.stringify` to the columnar
 * REST shape as they are, and need no conversion at the HTTP and worker boundaries.
 */
export interface BarSeries {
  t: number[];
  o: number[];
  h: number[];
  l: number[];
  c: number[];
  v: number[];
}

/** One bar as a row. */
export interface Bar {
  t: number;
  o: number;
  h: number;
  l: number;
  c: number;
  v: number;
}
