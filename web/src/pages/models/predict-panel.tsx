import { useState } from 'preact/hooks';
import { trainingApi, type ApiError, type ModelVersionInfo, type PredictResponse } from '../../api';
import { DateField, ErrorNote, SelectField, TextField } from '../../components';
import type { CandleMarker } from '../../components/candles';
import { SeriesChart } from '../data/series-chart';

/** BUY and SELL of the predictions (HOLD draws nothing). */
function markersOf(p: PredictResponse): CandleMarker[] {
  const out: CandleMarker[] = [];
  p.t.forEach((t, i) => {
    const signal = p.signal[i];
    if (signal === 'BUY' || signal === 'SELL') out.push({ t, signal });
  });
  return out;
}

const DAY = 86_400_000;

/** Predicts with a version on a symbol and window; the signals go on the candlestick chart. */
export function PredictPanel({ model }: { model: ModelVersionInfo }) {
  const [symbol, setSymbol] = useState(model.symbols[0] ?? '');
  const [timeframe, setTimeframe] = useState(model.timeframes[0] ?? '1h');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [busy, setBusy] = useState(false);
  const [predictions, setPredictions] = useState<PredictResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const result = await trainingApi.predict(model.strategy, model.version, {
      symbol: symbol.trim().toUpperCase(),
      timeframe,
      ...(start !== '' && { start }),
      ...(end !== '' && { end }),
    });
    setBusy(false);
    if (result.ok) {
      setPredictions(result.value);
      setError(null);
    } else setError(result.error);
  };

  const markers = predictions === null ? [] : markersOf(predictions);
  const last = predictions?.t.at(-1);
  return (
    <section aria-labelledby="predict-title">
      <h2 id="predict-title">Predict</h2>
      <form
        class="inline-form"
        aria-label="Predict with this version"
        onSubmit={(e) => void submit(e)}
      >
        <TextField label="Symbol" name="symbol" required value={symbol} onValue={setSymbol} />
        <SelectField
          label="Timeframe"
          name="timeframe"
          value={timeframe}
          onValue={setTimeframe}
          options={model.timeframes}
        />
        <DateField label="Start" name="start" value={start} onValue={setStart} />
        <DateField label="End" name="end" value={end} onValue={setEnd} />
        <button type="submit" disabled={busy}>
          Predict
        </button>
      </form>
      {error !== null ? <ErrorNote error={error} prefix="Prediction" /> : null}
      {predictions !== null && last !== undefined ? (
        <>
          <p role="status" data-signals={markers.length}>
            {predictions.count.toLocaleString('en')} bars predicted:{' '}
            {markers.filter((m) => m.signal === 'BUY').length} BUY,{' '}
            {markers.filter((m) => m.signal === 'SELL').length} SELL (green arrows under the bars:
            BUY; red arrows above: SELL).
          </p>
          <SeriesChart
            symbol={predictions.symbol}
            timeframe={predictions.timeframe}
            start={new Date((predictions.t[0] ?? last) - 30 * DAY).toISOString()}
            end={new Date(last + 1).toISOString()}
            markers={markers}
          />
        </>
      ) : null}
    </section>
  );
}
