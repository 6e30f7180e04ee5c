import { trainingApi } from '../../api';
import { ErrorNote, useApiValue } from '../../components';
import { navigate, useLocation } from '../../router';
import { TrainingForm } from './training-form';

/** Strategies: the strategy files with their validation problems; train one. */
export default function StrategiesPage() {
  const { value: strategies, error } = useApiValue((signal) => trainingApi.strategies(signal), []);
  const { query } = useLocation();
  const selected = query.get('train');
  const chosen = strategies?.find((s) => s.name === selected) ?? null;

  return (
    <section aria-labelledby="strategies-title">
      <h1 id="strategies-title">Strategies</h1>
      {error ? <ErrorNote error={error} prefix="Strategies" /> : null}
      {strategies === null ? (
        <p aria-busy="true">Loading the strategies…</p>
      ) : strategies.length === 0 ? (
        <p>No strategy files in STRATEGIES_DIR.</p>
      ) : (
        <table class="strategies">
          <caption>Strategy files</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Symbols</th>
              <th scope="col">Timeframes</th>
              <th scope="col">Problems</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {strategies.map((s) => (
              <tr key={s.name} data-strategy={s.name}>
                <th scope="row">
                  {s.name}
                  {s.description ? <div class="note">{s.description}</div> : null}
                </th>
                <td>{(s.symbols ?? []).join(', ') || '—'}</td>
                <td>{(s.timeframes ?? []).join(', ') || '—'}</td>
                <td>
                  {s.problems.length === 0 ? (
                    'valid'
                  ) : (
                    <ul class="problems">
                      {s.problems.map((p) => (
                        <li key={p.path + p.message}>
                          <code>{p.path}</code> {p.message}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td class="actions">
                  <button
                    type="button"
                    disabled={!s.valid}
                    aria-label={`Train ${s.name}…`}
                    onClick={() => navigate(`/strategies?train=${encodeURIComponent(s.name)}`)}
                  >
                    Train…
                  </button>{' '}
                  <a href={`/models/${encodeURIComponent(s.name)}`}>Models</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {chosen !== null ? <TrainingForm key={chosen.name} strategy={chosen} /> : null}
    </section>
  );
}
