import './models.css';
import { trainingApi, type ModelVersionInfo } from '../../api';
import { ErrorNote, formatTime, useApiValue } from '../../components';
import type { PageProps } from '../../router';
import { ModelDetail } from './model-detail';

/**
 * The version a URL names: its full name (`AAPL_1h_v3`) or its number (`/models/rsi/3`, the
 * newest version with that number when several symbol sets share it).
 */
function resolveVersion(
  items: ModelVersionInfo[],
  strategy: string,
  wanted: string,
): string | null {
  if (!/^\d+$/.test(wanted)) return wanted;
  const matches = items.filter((m) => m.strategy === strategy && m.number === Number(wanted));
  return matches.sort((a, b) => a.created_at.localeCompare(b.created_at)).at(-1)?.version ?? null;
}

/** Models: versions per strategy with their test metrics; one version in detail. */
export default function ModelsPage({ params }: PageProps) {
  const strategy = params['strategy'];
  const wanted = params['version'];
  const models = useApiValue((signal) => trainingApi.models(strategy, signal), [strategy]);
  const items = models.value?.items ?? null;
  const error = models.error;

  const version =
    strategy !== undefined && wanted !== undefined && items !== null
      ? resolveVersion(items, strategy, wanted)
      : null;
  return (
    <section aria-labelledby="models-title">
      <h1 id="models-title">Models{strategy ? `: ${strategy}` : ''}</h1>
      {error ? <ErrorNote error={error} prefix="Models" /> : null}
      {items === null ? (
        <p aria-busy="true">Loading the model versions…</p>
      ) : items.length === 0 ? (
        <p>
          No model version yet{strategy ? ` for ${strategy}` : ''}:{' '}
          <a href="/strategies">train a strategy</a>.
        </p>
      ) : (
        <table class="models">
          <caption>Model versions, oldest first per strategy</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Created</th>
              <th scope="col">Test accuracy</th>
              <th scope="col">Weighted F1</th>
              <th scope="col">Epochs</th>
            </tr>
          </thead>
          <tbody>
            {items.map((m) => {
              const href = `/models/${encodeURIComponent(m.strategy)}/${encodeURIComponent(m.version)}`;
              return (
                <tr key={href}>
                  <th scope="row">
                    <a href={href} aria-current={m.version === version ? 'page' : undefined}>
                      {m.strategy} {m.version}
                    </a>
                    {m.is_latest ? ' (latest)' : ''}
                  </th>
                  <td>{formatTime(m.created_at)}</td>
                  <td>{(m.test_metrics.accuracy * 100).toFixed(1)}%</td>
                  <td>{(m.test_metrics.f1 * 100).toFixed(1)}%</td>
                  <td>{m.training_metrics.epochs_completed}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {strategy !== undefined && wanted !== undefined && items !== null ? (
        version === null ? (
          <p class="error" role="alert">
            No version {wanted} of {strategy}.
          </p>
        ) : (
          <ModelDetail key={version} strategy={strategy} version={version} />
        )
      ) : null}
    </section>
  );
}
