/** OHLCV columns an indicator reads (plain arrays or typed arrays). */
export interface OhlcvColumns {
  o: ArrayLike<number>;
  h: ArrayLike<number>;
  l: ArrayLike<number>;
  c: ArrayLike<number>;
  v: ArrayLike<number>;
}
