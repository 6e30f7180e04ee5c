import {
  SIGNAL_CLASSES,
  type ClassMetrics,
  type SignalClass,
  type TestMetrics,
} from '../engine.types';

/**
 * Accuracy, per-class and support-weighted precision / recall / F1 and the confusion matrix
 * (rows = true class, columns = predicted; BUY, HOLD, SELL). A class never predicted has
 * precision 0 (not NaN), as scikit-learn's `zero_division=0`.
 */
export function classificationMetrics(
  actual: Uint8Array,
  predicted: Uint8Array,
  loss: number,
): TestMetrics {
  const k = SIGNAL_CLASSES.length;
  const matrix = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < actual.length; i++) matrix[actual[i]!]![predicted[i]!]!++;
  const perClass = {} as Record<SignalClass, ClassMetrics>;
  let correct = 0;
  const weighted = { precision: 0, recall: 0, f1: 0 };
  SIGNAL_CLASSES.forEach((name, c) => {
    const tp = matrix[c]![c]!;
    correct += tp;
    const support = matrix[c]!.reduce((a, b) => a + b, 0);
    const predictedAs = matrix.reduce((a, row) => a + row[c]!, 0);
    const precision = predictedAs === 0 ? 0 : tp / predictedAs;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[name] = { precision, recall, f1, support };
    const w = actual.length === 0 ? 0 : support / actual.length;
    weighted.precision += w * precision;
    weighted.recall += w * recall;
    weighted.f1 += w * f1;
  });
  return {
    loss,
    accuracy: actual.length === 0 ? 0 : correct / actual.length,
    ...weighted,
    per_class: perClass,
    confusion_matrix: matrix,
  };
}
