import { useState } from 'preact/hooks';
import { dataApi, LOAD_MODES, type ApiError, type LoadMode, type OperationRecord } from '../../api';
import { DateField, ErrorNote, SelectField, TextField } from '../../components';
import { OperationProgress } from '../operation/operation-progress';

/** Starts a `data_load` (symbol, timeframe, mode, dates) and shows its progress live. */
export function LoadForm({
  timeframes,
  initial,
  onLoaded,
}: {
  timeframes: readonly string[];
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
        <TextField
          label="Symbol"
          name="symbol"
          required
          maxLength={20}
          value={symbol}
          onValue={setSymbol}
        />
        <SelectField
          label="Timeframe"
          name="timeframe"
          value={timeframe}
          onValue={setTimeframe}
          options={timeframes}
        />
        <SelectField
          label="Mode"
          name="mode"
          value={mode}
          onValue={(value) => setMode(value as LoadMode)}
          options={LOAD_MODES}
        />
        <DateField label="Start" name="start_date" value={start} onValue={setStart} />
        <DateField label="End" name="end_date" value={end} onValue={setEnd} />
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
