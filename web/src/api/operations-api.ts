import { api, type ApiResult } from './api-client';
import type {
  OperationMetricsPage,
  OperationPage,
  OperationRecord,
  StartedOperation,
} from './wire';

/** Filters and page of `GET /operations`. */
export interface OperationQuery {
  status?: string;
  operation_type?: string;
  limit: number;
  offset: number;
}

const id = (operationId: string) => encodeURIComponent(operationId);

/** The operations routes the page uses. */
export const operationsApi = {
  list(query: OperationQuery, signal?: AbortSignal): Promise<ApiResult<OperationPage>> {
    const params = new URLSearchParams({
      limit: String(query.limit),
      offset: String(query.offset),
    });
    if (query.status) params.set('status', query.status);
    if (query.operation_type) params.set('operation_type', query.operation_type);
    return api.get(`/operations?${params.toString()}`, signal);
  },
  get: (operationId: string, signal?: AbortSignal) =>
    api.get<OperationRecord>(`/operations/${id(operationId)}`, signal),
  cancel: (operationId: string, reason?: string) =>
    api.delete<OperationRecord>(`/operations/${id(operationId)}`, reason ? { reason } : undefined),
  /** Starts a new run of the same work (a 404 `NOT_FOUND` while the API lacks the route). */
  retry: (operationId: string) =>
    api.post<StartedOperation>(`/operations/${id(operationId)}/retry`),
  metrics: (operationId: string, cursor: number | null, signal?: AbortSignal) =>
    api.get<OperationMetricsPage>(
      `/operations/${id(operationId)}/metrics?limit=1000${cursor === null ? '' : `&cursor=${cursor}`}`,
      signal,
    ),
  startDummy: (params: { steps: number; step_ms: number; fail_at_step?: number }) =>
    api.post<StartedOperation>('/operations/dummy', params),
};
