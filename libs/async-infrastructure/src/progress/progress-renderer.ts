import type { ProgressSnapshot } from './progress.types';

/**
 * What a renderer sees: the snapshot being built (without `seq`, `message`, `updated_at`)
 * plus `detail`, the free message the producer gave with its last report, if any.
 */
export type ProgressRenderState = Omit<ProgressSnapshot, 'seq' | 'message' | 'updated_at'> & {
  detail: string | null;
};

/**
 * Turns a progress state into the human `message` of a snapshot. Each operation type may
 * bring its own (a handler's `renderer`); {@link DefaultProgressRenderer} otherwise.
 */
export abstract class ProgressRenderer {
  abstract render(state: ProgressRenderState): string;
}

/**
 * Renders `Step 3/5: fetch (1,200/4,000 items) segment 2 · ETA 45s · <detail>`: the step
 * (just its name in a one-step plan), items, the current item, the ETA (not once at 100 %)
 * and the producer's detail, each part only when known.
 */
export class DefaultProgressRenderer extends ProgressRenderer {
  override render(state: ProgressRenderState): string {
    const head: string[] = [];
    if (state.step_name !== null) head.push(this.renderStep(state, state.step_name));
    if (state.items_processed !== null) head.push(this.renderItems(state, state.items_processed));
    if (state.current_item !== null) head.push(state.current_item);

    const parts = [head.join(' ') || `${formatNumber(Math.floor(state.percentage))}%`];
    if (state.eta_seconds !== null && state.percentage < 100) {
      parts.push(`ETA ${formatDuration(state.eta_seconds)}`);
    }
    if (state.detail) parts.push(state.detail);
    return parts.join(' · ');
  }

  private renderStep(state: ProgressRenderState, name: string): string {
    if (state.steps_total <= 1) return name;
    const current = Math.min(state.steps_completed + 1, state.steps_total);
    return `Step ${current}/${state.steps_total}: ${name}`;
  }

  private renderItems(state: ProgressRenderState, processed: number): string {
    return state.items_total === null
      ? `(${formatNumber(processed)} items)`
      : `(${formatNumber(processed)}/${formatNumber(state.items_total)} items)`;
  }
}

function formatNumber(n: number): string {
  return n.toLocaleString('en-US');
}

/** `45s`, `2m 05s`, `1h 02m`. */
function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return `${s}s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}
