import { ProgressRenderer, type ProgressRenderState } from '@ktrdr/async-infrastructure';
import type { TrainingProgressContext } from '@ktrdr/training-engine';

/** Symbols shown by name before `(+N more)`. */
const SHOWN_SYMBOLS = 2;

const PHASE_LABELS: Readonly<Record<string, string>> = {
  preparing: 'preparing',
  loading_data: 'loading data',
  computing_features: 'computing features',
  evaluating_saving: 'evaluating and saving',
};

/**
 * A training's progress message (training.md, "Progress"):
 * `Training MLP on AAPL, MSFT (+1 more) [1h, 4h] · Epoch 15/50 · Batch 342/640 · RTX 3090`.
 * Outside the training phase the phase replaces epoch and batch; the GPU's name ends the line
 * when one is used.
 */
export class TrainingProgressRenderer extends ProgressRenderer {
  override render(state: ProgressRenderState): string {
    const ctx = state.context as Partial<TrainingProgressContext>;
    const parts = [headline(ctx)];
    if (state.step_name === 'training' && ctx.epoch !== undefined && ctx.epochs !== undefined) {
      parts.push(`Epoch ${ctx.epoch}/${ctx.epochs}`);
      if (ctx.batch !== undefined && ctx.batches !== undefined) {
        parts.push(`Batch ${ctx.batch}/${ctx.batches}`);
      }
    } else if (state.step_name !== null && state.percentage < 100) {
      parts.push(PHASE_LABELS[state.step_name] ?? state.step_name);
    }
    if (ctx.gpu_name) parts.push(ctx.gpu_name);
    if (state.detail) parts.push(state.detail);
    return parts.join(' · ');
  }
}

function headline(ctx: Partial<TrainingProgressContext>): string {
  const model = (ctx.model_type ?? 'model').toUpperCase();
  const symbols = ctx.symbols ?? [];
  const shown = symbols.slice(0, SHOWN_SYMBOLS).join(', ');
  const more = symbols.length > SHOWN_SYMBOLS ? ` (+${symbols.length - SHOWN_SYMBOLS} more)` : '';
  const timeframes = ctx.timeframes?.length ? ` [${ctx.timeframes.join(', ')}]` : '';
  return `Training ${model}${shown ? ` on ${shown}${more}` : ''}${timeframes}`;
}
