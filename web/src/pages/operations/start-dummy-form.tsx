import { useState } from 'preact/hooks';
import { operationsApi, type ApiError } from '../../api';
import { ErrorNote } from '../../components';

/** Starts the reference (dummy) operation: steps × step duration. Its row appears by the feed. */
export function StartDummyForm() {
  const [steps, setSteps] = useState(20);
  const [stepMs, setStepMs] = useState(500);
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const result = await operationsApi.startDummy({ steps, step_ms: stepMs });
    setBusy(false);
    if (result.ok) {
      setStarted(result.value.operation_id);
      setError(null);
    } else {
      setError(result.error);
    }
  };

  return (
    <form class="inline-form" aria-label="Start a dummy operation" onSubmit={(e) => void submit(e)}>
      <label>
        Steps
        <input
          type="number"
          min={1}
          max={10000}
          value={steps}
          onInput={(e) => setSteps(Number(e.currentTarget.value))}
        />
      </label>
      <label>
        Step duration (ms)
        <input
          type="number"
          min={1}
          max={60000}
          value={stepMs}
          onInput={(e) => setStepMs(Number(e.currentTarget.value))}
        />
      </label>
      <button type="submit" disabled={busy}>
        Start dummy operation
      </button>
      {started !== null ? (
        <span role="status" class="note">
          Started <a href={`/operations/${started}`}>{started}</a>
        </span>
      ) : null}
      {error !== null ? <ErrorNote error={error} prefix="Not started" /> : null}
    </form>
  );
}
