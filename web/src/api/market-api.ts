import { api } from './api-client';
import type {
  ColumnarBarsPage,
  DataLoadRequest,
  ModelList,
  ModelVersionDetail,
  PredictRequest,
  PredictResponse,
  SeriesRange,
  StartedOperation,
  StartTrainingRequest,
  StrategySummary,
  SymbolList,
  TimeframeList,
} from './wire';

const seg = encodeURIComponent;

/** The data routes the page uses. */
export const dataApi = {
  symbols: (signal?: AbortSignal) => api.get<SymbolList>('/symbols', signal),
  timeframes: (signal?: AbortSignal) => api.get<TimeframeList>('/timeframes', signal),
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
    return api.get<ColumnarBarsPage>(
      `/data/${seg(symbol)}/${seg(timeframe)}?${params.toString()}`,
      signal,
    );
  },
  load: (request: DataLoadRequest) => api.post<StartedOperation>('/data/load', request),
};

/** The strategies, trainings and models routes the page uses. */
export const trainingApi = {
  strategies: (signal?: AbortSignal) => api.get<StrategySummary[]>('/strategies', signal),
  start: (request: StartTrainingRequest) => api.post<StartedOperation>('/trainings', request),
  models: (strategy?: string, signal?: AbortSignal) =>
    api.get<ModelList>(
      strategy === undefined ? '/models' : `/models?strategy=${seg(strategy)}`,
      signal,
    ),
  model: (strategy: string, version: string, signal?: AbortSignal) =>
    api.get<ModelVersionDetail>(`/models/${seg(strategy)}/${seg(version)}`, signal),
  predict: (strategy: string, version: string, body: PredictRequest) =>
    api.post<PredictResponse>(`/models/${seg(strategy)}/${seg(version)}/predict`, body),
};
