import { useState } from 'preact/hooks';
import { trainingApi, type ApiError, type OperationRecord, type StrategySummary } from '../../api';
import { ErrorNote } from '../../components';
import { OperationProgress } from '../operation/operation-progress';
import { TrainingCurve } from './training-curve';

const list = (text: string): string[] =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** Starts a training of one strategy (symbols, timeframes, dates, venue) and follows it. */
export function TrainingForm({ strategy }: { strategy: StrategySummary }) {
  const [symbols, setSymbols] = useState((strategy.symbols ?? []).join(', '));
  const [timeframes, setTimeframes] = useState((strategy.timeframes ?? []).join(', '));
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [execution, setExecution] = useState<'local' | 'host'>('local');
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<string | null>(null);
  const [ended, setEnded] = useState<OperationRecord | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const result = await trainingApi.start({
      strategy_name: strategy.name,
      ...(list(symbols).length > 0 && { symbols: list(symbols) }),
      ...(list(timeframes).length > 0 && { timeframes: list(timeframes) }),
      ...(start !== '' && { start_date: start }),
      ...(end !== '' && { end_date: end }),
      execution,
    });
    setBusy(false);
    if (result.ok) {
      setStarted(result.value.operation_id);
      setEnded(null);
      setError(null);
    } else setError(result.error);
  };

  const version = (ended?.result as { artifacts?: { model_version?: string } } | null)?.artifacts
    ?.model_version;
  return (
    <section aria-labelledby="train-title">
      <h2 id="train-title">Train {strategy.name}</h2>
      <form
        class="inline-form"
        aria-label={`Train ${strategy.name}`}
        onSubmit={(e) => void submit(e)}
      >
        <label>
          Symbols
          <input
            name="symbols"
            value={symbols}
            onInput={(e) => setSymbols(e.currentTarget.value)}
          />
        </label>
        <label>
          Timeframes
          <input
            name="timeframes"
            value={timeframes}
            onInput={(e) => setTimeframes(e.currentTarget.value)}
          />
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
        <label>
          Where
          <select
            name="execution"
            value={execution}
            onChange={(e) => setExecution(e.currentTarget.value as 'local' | 'host')}
          >
            <option value="local">local (worker thread)</option>
            <option value="host">training host</option>
          </select>
        </label>
        <button type="submit" disabled={busy || !strategy.valid}>
          Start training
        </button>
      </form>
      {error !== null ? <ErrorNote error={error} prefix="Not started" /> : null}
      {started !== null ? (
        <>
          <OperationProgress key={started} operationId={started} onEnd={setEnded} />
          <TrainingCurve operationId={started} />
          {version !== undefined ? (
            <p role="status">
              Published{' '}
              <a
                href={`/models/${encodeURIComponent(strategy.name)}/${encodeURIComponent(version)}`}
              >
                {strategy.name} {version}
              </a>
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
