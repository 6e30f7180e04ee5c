import type { CachedSymbol } from '../../api';
import { formatTime } from '../../components';

/** The cached series with their ranges; each opens its chart. */
export function SeriesTable({ symbols, current }: { symbols: CachedSymbol[]; current: string }) {
  if (symbols.length === 0) {
    return <p>Nothing is cached yet: start a load below.</p>;
  }
  return (
    <table class="series">
      <caption>Cached series</caption>
      <thead>
        <tr>
          <th scope="col">Series</th>
          <th scope="col">First bar</th>
          <th scope="col">Last bar</th>
          <th scope="col">Bars</th>
        </tr>
      </thead>
      <tbody>
        {symbols.flatMap((s) =>
          s.timeframes.map((tf) => {
            const href = `/data/${encodeURIComponent(s.symbol)}/${tf.timeframe}`;
            return (
              <tr key={href}>
                <th scope="row">
                  <a href={href} aria-current={href === current ? 'page' : undefined}>
                    {s.symbol} {tf.timeframe}
                  </a>
                </th>
                {tf.status === 'ok' ? (
                  <>
                    <td>{formatTime(tf.first)}</td>
                    <td>{formatTime(tf.last)}</td>
                    <td>{tf.count.toLocaleString('en')}</td>
                  </>
                ) : (
                  <td colSpan={3} class="error">
                    <code>{tf.error.code}</code> {tf.error.message}
                  </td>
                )}
              </tr>
            );
          }),
        )}
      </tbody>
    </table>
  );
}
