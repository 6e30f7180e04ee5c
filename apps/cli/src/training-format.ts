import type {
  ModelList,
  ModelVersionInfo,
  PredictResponse,
  StrategyDetail,
  StrategySummary,
  StrategyValidation,
  TrainingResult,
} from './api.types';
import { renderTable } from './data-format';

/** `ktrdr strategies list`. */
export function formatStrategiesTable(items: StrategySummary[]): string {
  if (items.length === 0) return 'No strategies.';
  return renderTable(
    ['NAME', 'VALID', 'SYMBOLS', 'TIMEFRAMES', 'DESCRIPTION'],
    items.map((s) => [
      s.name,
      s.valid ? 'yes' : `no (${s.problems.length} problem${s.problems.length === 1 ? '' : 's'})`,
      (s.symbols ?? []).join(','),
      (s.timeframes ?? []).join(','),
      s.description ?? '',
    ]),
  );
}

/** `ktrdr strategies show NAME`: the file's summary and every problem. */
export function formatStrategyDetail(detail: StrategyDetail): string {
  const lines = [`${detail.name}: ${detail.valid ? 'valid' : 'INVALID'}`];
  if (detail.description) lines.push(detail.description);
  if (detail.strategy) {
    const { training_data: data, model, indicators } = detail.strategy;
    lines.push(`symbols: ${data.symbols.join(', ')} · timeframes: ${data.timeframes.join(', ')}`);
    lines.push(`indicators: ${indicators.map((i) => `${i.name} (${i.type})`).join(', ')}`);
    lines.push(
      `model: ${model.type} ${model.architecture.hidden_layers.join('-')} · ${model.training.epochs} epochs, batch ${model.training.batch_size}`,
    );
  }
  return [...lines, ...formatProblems(detail)].join('\n');
}

/** `ktrdr strategies validate FILE`. */
export function formatValidation(validation: StrategyValidation): string {
  const head = `${validation.name ?? '(unnamed)'}: ${validation.valid ? 'valid' : 'INVALID'}`;
  return [head, ...formatProblems(validation)].join('\n');
}

function formatProblems(v: { problems: { path: string; message: string }[] }): string[] {
  return v.problems.map((p) => `  ${p.path}: ${p.message}`);
}

/** `ktrdr models list`. */
export function formatModelsTable(list: ModelList): string {
  if (list.items.length === 0) return 'No models.';
  return renderTable(
    ['STRATEGY', 'VERSION', 'LATEST', 'TEST ACC', 'TEST F1', 'EPOCHS', 'CREATED'],
    list.items.map((m) => [
      m.strategy,
      m.version,
      m.is_latest ? '*' : '',
      m.test_metrics.accuracy.toFixed(3),
      m.test_metrics.f1.toFixed(3),
      String(m.training_metrics.epochs_completed),
      m.created_at.replace('T', ' ').slice(0, 19),
    ]),
  );
}

/** `ktrdr models show`. */
export function formatModelDetail(m: ModelVersionInfo): string {
  const t = m.test_metrics;
  return [
    `${m.strategy}/${m.version}${m.is_latest ? ' (latest)' : ''} · created ${m.created_at}`,
    `symbols: ${m.symbols.join(', ')} · timeframes: ${m.timeframes.join(', ')}`,
    `features: ${m.input_size} (${m.feature_names.slice(0, 6).join(', ')}${m.feature_names.length > 6 ? ', …' : ''})`,
    `training: ${m.training_metrics.epochs_completed} epochs, best ${m.training_metrics.best_epoch}, val_loss ${m.training_metrics.final_val_loss.toFixed(4)}`,
    `test: accuracy ${t.accuracy.toFixed(3)} · precision ${t.precision.toFixed(3)} · recall ${t.recall.toFixed(3)} · f1 ${t.f1.toFixed(3)} · loss ${t.loss.toFixed(4)}`,
    `path: ${m.path}`,
  ].join('\n');
}

/** `ktrdr models predict`: a count line and the last `limit` rows. */
export function formatPredictions(p: PredictResponse, limit: number): string {
  const counts = { BUY: 0, HOLD: 0, SELL: 0 };
  for (const s of p.signal) counts[s] += 1;
  const from = Math.max(0, p.t.length - limit);
  const rows = p.t.slice(from).map((t, k) => {
    const i = from + k;
    return [
      new Date(t).toISOString().replace('T', ' ').slice(0, 16),
      p.signal[i] ?? '',
      (p.p_buy[i] ?? 0).toFixed(3),
      (p.p_hold[i] ?? 0).toFixed(3),
      (p.p_sell[i] ?? 0).toFixed(3),
    ];
  });
  return [
    `${p.strategy}/${p.version} on ${p.symbol} ${p.timeframe}: ${p.count} predictions (BUY ${counts.BUY}, HOLD ${counts.HOLD}, SELL ${counts.SELL})`,
    renderTable(['TIME (UTC)', 'SIGNAL', 'P_BUY', 'P_HOLD', 'P_SELL'], rows),
  ].join('\n');
}

/** After `models train`: the version published and its test metrics. */
export function formatTrainingSummary(r: TrainingResult): string {
  const u = r.resource_usage;
  return [
    `model ${r.session_info.strategy_name}/${r.artifacts.model_version} (${r.artifacts.model_path})`,
    `test: accuracy ${r.test_metrics.accuracy.toFixed(3)} · f1 ${r.test_metrics.f1.toFixed(3)} · loss ${r.test_metrics.loss.toFixed(4)}`,
    `${r.training_metrics.epochs_completed} epochs${r.training_metrics.early_stopped ? ' (early stop)' : ''} · ${u.training_mode} · ${u.backend}${u.gpu_name ? ` (${u.gpu_name})` : ''} · seed ${r.seed}`,
  ].join('\n');
}

export function isTrainingResult(value: unknown): value is TrainingResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    'artifacts' in value &&
    'test_metrics' in value &&
    'session_info' in value
  );
}
