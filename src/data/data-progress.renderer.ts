import { ProgressRenderer, type ProgressRenderState } from '@ktrdr/async-infrastructure';

const STEP_LABELS: Record<string, string> = {
  validate_symbol: 'validating symbol',
  read_cache: 'reading cache',
  find_gaps: 'finding gaps',
  plan_segments: 'planning segments',
  fetch_segments: 'fetching segments',
  merge_save: 'merging and saving',
  validate_bars: 'validating bars',
};

const DAY_MS = 86_400_000;
const numberFormat = new Intl.NumberFormat('en-US');

/**
 * The human message of a data load, built from the progress context (`symbol`, `timeframe`,
 * `mode`, `segment_index`, `segments_total`, `segment_start`, `segment_end`, `bars_fetched`), e.g.
 * `Loading AAPL 1h data (backfill mode) [5/7] segment 3/12 2024-01-01→2024-01-31 (2,400/4,000 bars) ETA 45s`.
 */
export class DataProgressRenderer extends ProgressRenderer {
  override render(state: ProgressRenderState): string {
    const ctx = state.context;
    const parts: string[] = [];
    const symbol = str(ctx.symbol) ?? '?';
    const timeframe = str(ctx.timeframe);
    const mode = str(ctx.mode);
    parts.push(`Loading ${symbol}${timeframe ? ` ${timeframe}` : ''} data`);
    if (mode) parts.push(`(${mode} mode)`);
    if (state.steps_total > 0) {
      parts.push(
        `[${Math.min(state.steps_completed + 1, state.steps_total)}/${state.steps_total}]`,
      );
    }
    if (state.step_name === 'fetch_segments' && num(ctx.segments_total) !== null) {
      parts.push(...this.segmentParts(state));
    } else if (state.step_name) {
      parts.push(STEP_LABELS[state.step_name] ?? state.step_name);
    }
    const eta = state.eta_seconds;
    if (eta !== null && eta > 0 && state.percentage < 100) parts.push(`ETA ${formatEta(eta)}`);
    if (state.detail) parts.push(`· ${state.detail}`);
    return parts.join(' ');
  }

  private segmentParts(state: ProgressRenderState): string[] {
    const ctx = state.context;
    const parts: string[] = [];
    const total = num(ctx.segments_total) ?? 0;
    const index = num(ctx.segment_index);
    parts.push(index !== null ? `segment ${index}/${total}` : `${total} segments`);
    const start = str(ctx.segment_start);
    const end = str(ctx.segment_end);
    if (start && end) parts.push(formatSpan(start, end));
    const fetched = state.items_processed ?? num(ctx.bars_fetched);
    if (fetched !== null) {
      const of = state.items_total !== null ? `/${numberFormat.format(state.items_total)}` : '';
      parts.push(`(${numberFormat.format(fetched)}${of} bars)`);
    }
    return parts;
  }
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Dates only when the span is a day or more; minutes when it is shorter (1m segments). */
function formatSpan(startIso: string, endIso: string): string {
  const start = Date.parse(startIso);
  const end = Date.parse(endIso);
  if (Number.isNaN(start) || Number.isNaN(end)) return `${startIso}→${endIso}`;
  const withTime = end - start < DAY_MS;
  const fmt = (ms: number): string => {
    const iso = new Date(ms).toISOString();
    return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
  };
  return `${fmt(start)}→${fmt(end)}`;
}

function formatEta(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
