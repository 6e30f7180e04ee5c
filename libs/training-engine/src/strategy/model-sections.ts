import { type ProblemCollector, childPath } from './problem-collector';
import { ACTIVATIONS, OPTIMIZERS, type ModelSpec, type Strategy } from './strategy.types';

/** The default `model.training.seed`. */
export const DEFAULT_SEED = 42;

/** `model`: architecture, features and training settings of the MLP. */
export function parseModel(c: ProblemCollector, value: unknown): ModelSpec | undefined {
  const m = c.object(value, 'model');
  if (!m) return undefined;
  c.unknownKeys(m, 'model', ['type', 'architecture', 'features', 'training']);
  const type = c.oneOf(m['type'], 'model.type', ['mlp'] as const, 'mlp');
  const arch = c.object(m['architecture'], 'model.architecture');
  let architecture: ModelSpec['architecture'] | undefined;
  if (arch) {
    c.unknownKeys(arch, 'model.architecture', ['hidden_layers', 'activation', 'dropout']);
    const layersPath = 'model.architecture.hidden_layers';
    const layers = c
      .array(arch['hidden_layers'], layersPath)
      ?.map((n, i) => c.number(n, childPath(layersPath, i), { integer: true, min: 1, max: 4096 }));
    const activation = c.oneOf(
      arch['activation'],
      'model.architecture.activation',
      ACTIVATIONS,
      'relu',
    );
    const dropout = c.number(
      arch['dropout'],
      'model.architecture.dropout',
      { min: 0, below: 1 },
      0,
    );
    if (layers && !layers.includes(undefined) && activation && dropout !== undefined) {
      architecture = { hidden_layers: layers as number[], activation, dropout };
    }
  }
  const feat = c.object(m['features'], 'model.features', false) ?? {};
  c.unknownKeys(feat, 'model.features', ['lookback_periods']);
  const lookback = c.number(
    feat['lookback_periods'],
    'model.features.lookback_periods',
    { integer: true, min: 0, max: 100 },
    0,
  );
  const training = parseModelTraining(c, m['training']);
  if (!type || !architecture || lookback === undefined || !training) return undefined;
  return { type, architecture, features: { lookback_periods: lookback }, training };
}

function parseModelTraining(
  c: ProblemCollector,
  value: unknown,
): ModelSpec['training'] | undefined {
  const path = 'model.training';
  const t = c.object(value, path);
  if (!t) return undefined;
  c.unknownKeys(t, path, [
    'epochs',
    'batch_size',
    'learning_rate',
    'optimizer',
    'seed',
    'early_stopping',
  ]);
  const epochs = c.number(t['epochs'], `${path}.epochs`, { integer: true, min: 1, max: 10_000 });
  const batch = c.number(
    t['batch_size'],
    `${path}.batch_size`,
    { integer: true, min: 1, max: 65_536 },
    32,
  );
  const lr = c.number(t['learning_rate'], `${path}.learning_rate`, { above: 0, max: 1 }, 0.001);
  const optimizer = c.oneOf(t['optimizer'], `${path}.optimizer`, OPTIMIZERS, 'adam');
  const seed = c.number(
    t['seed'],
    `${path}.seed`,
    { integer: true, min: 0, max: 2 ** 31 - 1 },
    DEFAULT_SEED,
  );
  let earlyStopping: ModelSpec['training']['early_stopping'];
  let esOk = true;
  const es = c.object(t['early_stopping'], `${path}.early_stopping`, false);
  if (es) {
    c.unknownKeys(es, `${path}.early_stopping`, ['patience', 'monitor']);
    const patience = c.number(
      es['patience'],
      `${path}.early_stopping.patience`,
      { integer: true, min: 1 },
      10,
    );
    const monitor = c.oneOf(
      es['monitor'],
      `${path}.early_stopping.monitor`,
      ['val_loss', 'val_accuracy'] as const,
      'val_loss',
    );
    if (patience !== undefined && monitor) earlyStopping = { patience, monitor };
    else esOk = false;
  }
  if (
    epochs === undefined ||
    batch === undefined ||
    lr === undefined ||
    !optimizer ||
    seed === undefined ||
    !esOk
  ) {
    return undefined;
  }
  return {
    epochs,
    batch_size: batch,
    learning_rate: lr,
    optimizer,
    seed,
    ...(earlyStopping && { early_stopping: earlyStopping }),
  };
}

/** `training`: labels and the chronological split. */
export function parseTraining(
  c: ProblemCollector,
  value: unknown,
): Strategy['training'] | undefined {
  const t = c.object(value, 'training');
  if (!t) return undefined;
  c.unknownKeys(t, 'training', ['labels', 'data_split']);
  const labels = c.object(t['labels'], 'training.labels');
  let parsedLabels: Strategy['training']['labels'] | undefined;
  if (labels) {
    c.unknownKeys(labels, 'training.labels', ['source', 'zigzag_threshold']);
    const source = c.oneOf(
      labels['source'],
      'training.labels.source',
      ['zigzag'] as const,
      'zigzag',
    );
    const threshold = c.number(labels['zigzag_threshold'], 'training.labels.zigzag_threshold', {
      above: 0,
      below: 1,
    });
    if (source && threshold !== undefined) parsedLabels = { source, zigzag_threshold: threshold };
  }
  const split = c.object(t['data_split'], 'training.data_split');
  let parsedSplit: Strategy['training']['data_split'] | undefined;
  if (split) {
    c.unknownKeys(split, 'training.data_split', ['train', 'validation', 'test']);
    const rule = { above: 0, below: 1 };
    const train = c.number(split['train'], 'training.data_split.train', rule);
    const validation = c.number(split['validation'], 'training.data_split.validation', rule);
    const test = c.number(split['test'], 'training.data_split.test', rule);
    if (train !== undefined && validation !== undefined && test !== undefined) {
      const sum = train + validation + test;
      if (Math.abs(sum - 1) > 1e-6) c.add('training.data_split', `must sum to 1 (got ${sum})`);
      else parsedSplit = { train, validation, test };
    }
  }
  return parsedLabels && parsedSplit
    ? { labels: parsedLabels, data_split: parsedSplit }
    : undefined;
}
