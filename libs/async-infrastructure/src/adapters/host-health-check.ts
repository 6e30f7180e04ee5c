import { performance } from 'node:perf_hooks';
import type { HttpService } from '@nestjs/axios';
import type { AxiosResponse, CancelToken } from 'axios';
import type { HostHealth } from './adapter-statistics';
import { failureFromError } from './attempt-failure';
import { decodeBody } from './pooled-http';

/** How {@link fetchHostHealth} checks a host. */
export interface HealthCheckRequest {
  path: string;
  timeoutMs: number;
  /** The adapter's lifetime token (a closed adapter's check ends at once). */
  cancelToken: CancelToken;
  isClosed: () => boolean;
  /** Called when the host answered (any status), with the attempt's latency. */
  onAnswer: (latencyMs: number, response: AxiosResponse) => void;
}

/** One GET of a host's health route, turned into a {@link HostHealth}; never rejects. */
export async function fetchHostHealth(
  http: HttpService,
  check: HealthCheckRequest,
): Promise<HostHealth> {
  const started = performance.now();
  const latency = (): number => Math.round((performance.now() - started) * 100) / 100;
  try {
    const response = await http.axiosRef.get<string>(check.path, {
      cancelToken: check.cancelToken,
      timeout: check.timeoutMs,
    });
    const latencyMs = latency();
    check.onAnswer(latencyMs, response);
    return {
      ok: response.status >= 200 && response.status < 300,
      status: response.status,
      latency_ms: latencyMs,
      checked_at: new Date().toISOString(),
      details: decodeBody(response),
    };
  } catch (error) {
    const failure = failureFromError(error);
    const code = failure.kind === 'network' ? failure.errorCode : 'TIMEOUT';
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      status: null,
      latency_ms: latency(),
      checked_at: new Date().toISOString(),
      details: { code: check.isClosed() ? 'ADAPTER_CLOSED' : code, message },
    };
  }
}
