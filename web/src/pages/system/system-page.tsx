import { useEffect, useState } from 'preact/hooks';
import { api, keyEpoch, type ApiError } from '../../api';
import { ErrorNote, formatDuration } from '../../components';
import { operationsConnection } from '../../live';
import { useStore } from '../../state';

interface ComponentHealth {
  status: string;
  message?: string;
  [field: string]: unknown;
}

interface HealthReport {
  status: string;
  uptime_s?: number;
  active_operations?: number | null;
  running_here?: number;
  execution_mode?: string;
  components?: Record<string, ComponentHealth>;
}

interface AdapterStatistics {
  name: string;
  base_url: string;
  requests: number;
  retries: number;
  errors: Record<string, number>;
  latency_ms: Record<string, number | null>;
  sockets: Record<string, number>;
}

interface HostHealth {
  name: string;
  base_url: string;
  ok: boolean;
  status: number | null;
  latency_ms: number;
  checked_at: string;
  details: unknown;
}

interface Diagnostics {
  adapters: AdapterStatistics[];
  hosts: HostHealth[];
  data: unknown;
}

const REFRESH_MS = 5000;

/** System: health per component, execution mode, host adapters' statistics and host health. */
export default function SystemPage() {
  const [health, setHealth] = useState<HealthReport | null>(null);
  const [healthError, setHealthError] = useState<ApiError | null>(null);
  const [diagnostics, setDiagnostics] = useState<Diagnostics | null>(null);
  const [diagnosticsError, setDiagnosticsError] = useState<ApiError | null>(null);
  const [reloads, setReloads] = useState(0);
  const epoch = useStore(keyEpoch);

  useEffect(() => operationsConnection.onReconnect(() => setReloads((n) => n + 1)), []);
  useEffect(() => {
    let live = true;
    const load = async () => {
      // /health answers 503 with the same report when the database fails: show it either way.
      const [h, d] = await Promise.all([
        api.get<HealthReport>('/health'),
        api.get<Diagnostics>('/health/diagnostics'),
      ]);
      if (!live) return;
      if (h.ok) {
        setHealth(h.value);
        setHealthError(null);
      } else setHealthError(h.error);
      if (d.ok) {
        setDiagnostics(d.value);
        setDiagnosticsError(null);
      } else setDiagnosticsError(d.error);
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [epoch, reloads]);

  return (
    <section aria-labelledby="system-title">
      <h1 id="system-title">System</h1>
      <h2>Health</h2>
      {healthError ? <ErrorNote error={healthError} prefix="Health" /> : null}
      {health ? (
        <>
          <dl class="facts">
            <dt>Status</dt>
            <dd data-testid="health-status">{health.status}</dd>
            <dt>Execution mode</dt>
            <dd data-testid="execution-mode">{health.execution_mode ?? '—'}</dd>
            <dt>Uptime</dt>
            <dd>{health.uptime_s === undefined ? '—' : formatDuration(health.uptime_s * 1000)}</dd>
            <dt>Active operations</dt>
            <dd>{health.active_operations ?? '—'}</dd>
            <dt>Running in this process</dt>
            <dd>{health.running_here ?? '—'}</dd>
          </dl>
          <table>
            <caption>Components</caption>
            <thead>
              <tr>
                <th scope="col">Component</th>
                <th scope="col">Status</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(health.components ?? {}).map(([name, component]) => {
                const { status, ...details } = component;
                return (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td>
                      <span class={`badge badge-health-${status}`}>{status}</span>
                    </td>
                    <td class="mono">{JSON.stringify(details)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : null}
      <h2>Host adapters</h2>
      {diagnosticsError ? <ErrorNote error={diagnosticsError} prefix="Diagnostics" /> : null}
      {diagnostics ? <AdaptersTable diagnostics={diagnostics} /> : null}
    </section>
  );
}

function AdaptersTable({ diagnostics }: { diagnostics: Diagnostics }) {
  if (diagnostics.adapters.length === 0) {
    return <p>No host-service adapters in this process (everything runs in-process).</p>;
  }
  const hosts = new Map(diagnostics.hosts.map((host) => [host.name, host]));
  return (
    <table>
      <caption>Adapters: pool, retries, latency and host health</caption>
      <thead>
        <tr>
          <th scope="col">Adapter</th>
          <th scope="col">Host</th>
          <th scope="col">Requests</th>
          <th scope="col">Retries</th>
          <th scope="col">Errors</th>
          <th scope="col">Latency (ms)</th>
          <th scope="col">Sockets</th>
          <th scope="col">Host health</th>
        </tr>
      </thead>
      <tbody>
        {diagnostics.adapters.map((adapter) => {
          const host = hosts.get(adapter.name);
          return (
            <tr key={adapter.name}>
              <th scope="row">{adapter.name}</th>
              <td class="mono">{adapter.base_url}</td>
              <td>{adapter.requests}</td>
              <td>{adapter.retries}</td>
              <td>
                {Object.entries(adapter.errors)
                  .map(([code, n]) => `${code}: ${n}`)
                  .join(', ') || '—'}
              </td>
              <td>
                {Object.entries(adapter.latency_ms)
                  .map(([p, v]) => `${p} ${v ?? '—'}`)
                  .join(' · ')}
              </td>
              <td>
                {Object.entries(adapter.sockets)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(' · ')}
              </td>
              <td>
                {host ? (
                  <span class={`badge badge-health-${host.ok ? 'up' : 'down'}`}>
                    {host.ok ? 'up' : 'down'} ({host.status ?? 'unreachable'}, {host.latency_ms} ms)
                  </span>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
