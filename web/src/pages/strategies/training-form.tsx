import { useState } from 'preact/hooks';
import { trainingApi, type ApiError, type OperationRecord, type StrategySummary } from '../../api';
import { DateField, ErrorNote, SelectField, TextField } from '../../components';
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
        <TextField label="Symbols" name="symbols" value={symbols} onValue={setSymbols} />
        <TextField
          label="Timeframes"
          name="timeframes"
          value={timeframes}
          onValue={setTimeframes}
        />
        <DateField label="Start" name="start_date" value={start} onValue={setStart} />
        <DateField label="End" name="end_date" value={end} onValue={setEnd} />
        <SelectField
          label="Where"
          name="execution"
          value={execution}
          onValue={(value) => setExecution(value as 'local' | 'host')}
          options={[
            { value: 'local', text: 'local (worker thread)' },
            { value: 'host', text: 'training host' },
          ]}
        />
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
