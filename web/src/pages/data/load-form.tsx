import { useState } from 'preact/hooks';
import { dataApi, LOAD_MODES, type ApiError, type LoadMode, type OperationRecord } from '../../api';
import { ErrorNote } from '../../components';
import { OperationProgress } from '../operation/operation-progress';

/** Starts a `data_load` (symbol, timeframe, mode, dates) and shows its progress live. */
export function LoadForm({
  timeframes,
  initial,
  onLoaded,
}: {
  timeframes: string[];
  initial: { symbol: string; timeframe: string };
  onLoaded: (symbol: string, timeframe: string, operation: OperationRecord) => void;
}) {
  const [symbol, setSymbol] = useState(initial.symbol);
  const [timeframe, setTimeframe] = useState(initial.timeframe);
  const [mode, setMode] = useState<LoadMode>('tail');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<{ id: string; symbol: string; timeframe: string } | null>(
    null,
  );
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const request = {
      symbol: symbol.trim().toUpperCase(),
      timeframe,
      mode,
      ...(start !== '' && { start_date: start }),
      ...(end !== '' && { end_date: end }),
    };
    const result = await dataApi.load(request);
    setBusy(false);
    if (result.ok) {
      setStarted({ id: result.value.operation_id, symbol: request.symbol, timeframe });
      setError(null);
    } else setError(result.error);
  };

  return (
    <section aria-labelledby="load-title">
      <h2 id="load-title">Load data</h2>
      <form class="inline-form" aria-label="Start a data load" onSubmit={(e) => void submit(e)}>
        <label>
          Symbol
          <input
            name="symbol"
            required
            maxLength={20}
            value={symbol}
            onInput={(e) => setSymbol(e.currentTarget.value)}
          />
        </label>
        <label>
          Timeframe
          <select
            name="timeframe"
            value={timeframe}
            onChange={(e) => setTimeframe(e.currentTarget.value)}
          >
            {timeframes.map((tf) => (
              <option key={tf} value={tf}>
                {tf}
              </option>
            ))}
          </select>
        </label>
        <label>
          Mode
          <select
            name="mode"
            value={mode}
            onChange={(e) => setMode(e.currentTarget.value as LoadMode)}
          >
            {LOAD_MODES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <label>
          Start
          <input
            type="date"
            name="start_date"
            value={start}
            onInput={(e) => setStart(e.currentTarget.value)}
          />
        </label>
        <label>
          End
          <input
            type="date"
            name="end_date"
            value={end}
            onInput={(e) => setEnd(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          Start load
        </button>
      </form>
      {error !== null ? <ErrorNote error={error} prefix="Not started" /> : null}
      {started !== null ? (
        <OperationProgress
          key={started.id}
          operationId={started.id}
          onEnd={(operation) => onLoaded(started.symbol, started.timeframe, operation)}
        />
      ) : null}
    </section>
  );
}
