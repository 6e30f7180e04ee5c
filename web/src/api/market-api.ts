import { api } from './api-client';
import type { StartedOperation } from './wire';
import type {
  BarsPage,
  CachedSymbol,
  LoadRequest,
  ModelVersion,
  ModelVersionDetail,
  Predictions,
  SeriesRange,
  StartTrainingRequest,
  StrategySummary,
} from './market-wire';

const seg = encodeURIComponent;

/** The data routes the page uses. */
export const dataApi = {
  symbols: (signal?: AbortSignal) => api.get<{ symbols: CachedSymbol[] }>('/symbols', signal),
  timeframes: (signal?: AbortSignal) => api.get<{ timeframes: string[] }>('/timeframes', signal),
  range: (symbol: string, timeframe: string, signal?: AbortSignal) =>
    api.get<SeriesRange>(`/data/${seg(symbol)}/${seg(timeframe)}/range`, signal),
  /** The last `limit` bars before `before` (ISO), read backwards: scrolling into the past. */
  barsBefore: (
    symbol: string,
    timeframe: string,
    query: { before: string; start?: string; limit: number },
    signal?: AbortSignal,
  ) => {
    const params = new URLSearchParams({ before: query.before, limit: String(query.limit) });
    if (query.start !== undefined) params.set('start', query.start);
    return api.get<BarsPage>(`/data/${seg(symbol)}/${seg(timeframe)}?${params.toString()}`, signal);
  },
  load: (request: LoadRequest) => api.post<StartedOperation>('/data/load', request),
};

/** The strategies, trainings and models routes the page uses. */
export const trainingApi = {
  strategies: (signal?: AbortSignal) => api.get<StrategySummary[]>('/strategies', signal),
  start: (request: StartTrainingRequest) => api.post<StartedOperation>('/trainings', request),
  models: (strategy?: string, signal?: AbortSignal) =>
    api.get<{ items: ModelVersion[] }>(
      strategy === undefined ? '/models' : `/models?strategy=${seg(strategy)}`,
      signal,
    ),
  model: (strategy: string, version: string, signal?: AbortSignal) =>
    api.get<ModelVersionDetail>(`/models/${seg(strategy)}/${seg(version)}`, signal),
  predict: (
    strategy: string,
    version: string,
    body: { symbol: string; timeframe: string; start?: string; end?: string },
  ) => api.post<Predictions>(`/models/${seg(strategy)}/${seg(version)}/predict`, body),
};
