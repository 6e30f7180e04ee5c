import { useState } from 'preact/hooks';
import { dataApi, TIMEFRAMES } from '../../api';
import { ErrorNote, useApiValue } from '../../components';
import { navigate, type PageProps } from '../../router';
import { LoadForm } from './load-form';
import { SeriesChart } from './series-chart';
import { SeriesTable } from './series-table';

/** Data: the cached series with their ranges, a candlestick chart of one, and loads. */
export default function DataPage({ params }: PageProps) {
  const symbol = params['symbol'];
  const timeframe = params['timeframe'];
  const [reload, setReload] = useState(0);
  const cached = useApiValue((signal) => dataApi.symbols(signal), [reload]);
  const supported = useApiValue((signal) => dataApi.timeframes(signal), []);
  const symbols = cached.value?.symbols ?? null;
  const error = cached.error;
  const timeframes = supported.value?.timeframes ?? TIMEFRAMES;

  const current = symbol && timeframe ? `/data/${encodeURIComponent(symbol)}/${timeframe}` : '';
  return (
    <section aria-labelledby="data-title">
      <h1 id="data-title">Data{symbol && timeframe ? `: ${symbol} ${timeframe}` : ''}</h1>
      {error ? <ErrorNote error={error} prefix="Cached series" /> : null}
      {symbols === null ? (
        <p aria-busy="true">Loading the cached series…</p>
      ) : (
        <SeriesTable symbols={symbols} current={current} />
      )}
      {symbol && timeframe ? (
        <SeriesChart symbol={symbol} timeframe={timeframe} reload={reload} />
      ) : null}
      <LoadForm
        timeframes={timeframes}
        initial={{ symbol: symbol ?? 'AAPL', timeframe: timeframe ?? '1h' }}
        onLoaded={(loadedSymbol, loadedTimeframe, operation) => {
          setReload((n) => n + 1);
          if (operation.status === 'completed') {
            navigate(`/data/${encodeURIComponent(loadedSymbol)}/${loadedTimeframe}`);
          }
        }}
      />
    </section>
  );
}
