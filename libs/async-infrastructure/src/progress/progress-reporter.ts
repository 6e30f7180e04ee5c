import { BehaviorSubject, filter, type Observable } from 'rxjs';
import { EtaEstimator } from './eta-estimator';
import { ProgressPlan } from './progress-plan';
import { DefaultProgressRenderer, type ProgressRenderer } from './progress-renderer';
import type { ProgressSnapshot } from './progress.types';

/** Options of {@link ProgressReporter}. */
export interface ProgressReporterOptions {
  /** The steps; without one, a single implicit step `run` covers 0–100. */
  plan?: ProgressPlan;
  /** Renders each snapshot's `message` (default {@link DefaultProgressRenderer}). */
  renderer?: ProgressRenderer;
  /** Called synchronously with every snapshot (the runner records it in the store). */
  onUpdate?: (snapshot: ProgressSnapshot) => void;
  /** The clock, in epoch milliseconds (default `Date.now`). */
  now?: () => number;
}

/** Options of {@link ProgressReporter.startStep}. */
export interface StartStepOptions {
  items_total?: number | null;
  context?: Record<string, unknown>;
  message?: string;
}

/** Options of {@link ProgressReporter.update}. */
export interface ProgressUpdate {
  items_processed?: number;
  items_total?: number | null;
  current_item?: string | null;
  /** Completed fraction of the current step (0–1); defaults to items_processed / items_total. */
  fraction?: number;
  /** Shallow-merged into the snapshot's context. */
  context?: Record<string, unknown>;
  /** A free detail message, kept until the next step or the next message. */
  message?: string;
}

const IMPLICIT_PLAN = ProgressPlan.fromRanges([{ name: 'run', start: 0, end: 100 }]);

/**
 * The producer side of an operation's progress. Each report builds a new
 * {@link ProgressSnapshot} (`seq` + 1, percentage never decreasing, ETA, rendered message),
 * calls `onUpdate` and emits it on `progress$`.
 *
 * @example
 * ctx.progress.setPlan(ProgressPlan.evenly(['fetch', 'save']));
 * ctx.progress.startStep('fetch', { items_total: 4000, context: { symbol: 'AAPL' } });
 * ctx.progress.update({ items_processed: 1200, current_item: 'segment 2' });
 */
export class ProgressReporter {
  private plan: ProgressPlan;
  private readonly renderer: ProgressRenderer;
  private readonly onUpdate: ((snapshot: ProgressSnapshot) => void) | undefined;
  private readonly now: () => number;
  private readonly eta = new EtaEstimator();
  private readonly state$ = new BehaviorSubject<ProgressSnapshot | null>(null);
  private stepIndex = -1;
  private itemsProcessed: number | null = null;
  private itemsTotal: number | null = null;
  private currentItem: string | null = null;
  private context: Record<string, unknown> = {};
  private detail: string | null = null;
  private completed = false;
  private closed = false;

  /**
   * Every snapshot, in order; a new subscriber first gets the latest one. Completes on
   * `close()`.
   */
  readonly progress$: Observable<ProgressSnapshot> = this.state$.pipe(
    filter((s): s is ProgressSnapshot => s !== null),
  );

  constructor(opts: ProgressReporterOptions = {}) {
    this.plan = opts.plan ?? IMPLICIT_PLAN;
    this.renderer = opts.renderer ?? new DefaultProgressRenderer();
    this.onUpdate = opts.onUpdate;
    this.now = opts.now ?? Date.now;
    this.eta.usePlan(this.plan.steps);
  }

  /**
   * Replaces the plan. Only before the first report; throws afterwards. `kind` names the sort
   * of work (a strategy, a timeframe and mode): the ETA learns from earlier runs of the same
   * plan and kind only.
   */
  setPlan(plan: ProgressPlan, kind?: string): void {
    if (this.state$.value !== null) {
      throw new Error('The progress plan can only be set before the first progress report');
    }
    this.plan = plan;
    this.eta.usePlan(plan.steps, kind);
  }

  /**
   * Moves to a step of the plan: steps_completed = its index, items reset, percentage at
   * least the step's start. Throws for a step the plan does not have.
   */
  startStep(name: string, opts: StartStepOptions = {}): void {
    if (this.isFinished) return;
    const index = this.plan.indexOf(name);
    if (index < 0) {
      throw new Error(
        `Unknown progress step "${name}" (plan: ${this.plan.steps.map((s) => s.name).join(', ')})`,
      );
    }
    this.stepIndex = index;
    this.itemsTotal = opts.items_total ?? null;
    this.itemsProcessed = this.itemsTotal === null ? null : 0;
    this.currentItem = null;
    this.detail = opts.message ?? null;
    if (opts.context) this.context = { ...this.context, ...opts.context };
    this.emit(this.currentStep.start);
  }

  /**
   * Reports progress inside the current step (the first step if none was started): the
   * percentage interpolates the step's range by `fraction` (or items_processed / items_total),
   * clamped to [0, 1], and never decreases.
   */
  update(opts: ProgressUpdate): void {
    if (this.isFinished) return;
    if (this.stepIndex < 0) this.stepIndex = 0;
    if (opts.items_total !== undefined) this.itemsTotal = opts.items_total;
    if (opts.items_processed !== undefined) this.itemsProcessed = opts.items_processed;
    if (opts.current_item !== undefined) this.currentItem = opts.current_item;
    if (opts.message !== undefined) this.detail = opts.message;
    if (opts.context) this.context = { ...this.context, ...opts.context };

    const step = this.currentStep;
    const fraction = opts.fraction ?? this.itemsFraction();
    const percentage =
      fraction === undefined
        ? step.start
        : step.start + (step.end - step.start) * clamp01(fraction);
    this.emit(percentage);
  }

  /** Reports the end: percentage 100, every step completed. Later reports are ignored. */
  complete(opts: { message?: string; context?: Record<string, unknown> } = {}): void {
    if (this.isFinished) return;
    if (this.stepIndex < 0) this.stepIndex = this.plan.size - 1;
    if (opts.message !== undefined) this.detail = opts.message;
    if (opts.context) this.context = { ...this.context, ...opts.context };
    this.completed = true;
    this.emit(100);
  }

  /** The latest snapshot, or null before the first report. */
  snapshot(): ProgressSnapshot | null {
    return this.state$.value;
  }

  /** Completes `progress$`; later reports are ignored. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.state$.complete();
  }

  private get isFinished(): boolean {
    return this.completed || this.closed;
  }

  private get currentStep(): Readonly<{ name: string; start: number; end: number }> {
    const step = this.plan.steps[Math.max(this.stepIndex, 0)];
    if (!step) throw new Error('A progress plan has at least one step');
    return step;
  }

  private itemsFraction(): number | undefined {
    if (this.itemsProcessed === null || !this.itemsTotal) return undefined;
    return this.itemsProcessed / this.itemsTotal;
  }

  private emit(percentage: number): void {
    const previous = this.state$.value;
    const nowMs = this.now();
    const pct = Math.min(100, Math.max(previous?.percentage ?? 0, percentage));
    this.eta.observe(pct, nowMs, this.stepIndex, this.itemsTotal);
    const state = {
      percentage: pct,
      step_name: this.currentStep.name,
      steps_completed: this.completed ? this.plan.size : this.stepIndex,
      steps_total: this.plan.size,
      items_processed: this.itemsProcessed,
      items_total: this.itemsTotal,
      current_item: this.currentItem,
      eta_seconds: this.eta.estimateSeconds(),
      context: { ...this.context },
    };
    const snapshot: ProgressSnapshot = {
      seq: (previous?.seq ?? 0) + 1,
      ...state,
      message: this.renderer.render({ ...state, detail: this.detail }),
      updated_at: new Date(nowMs).toISOString(),
    };
    this.onUpdate?.(snapshot);
    this.state$.next(snapshot);
  }
}

function clamp01(n: number): number {
  if (Number.isNaN(n)) return 0;
  return Math.min(1, Math.max(0, n));
}
