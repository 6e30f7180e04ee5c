import type { ProgressStepDefinition } from './progress.types';

/** Floating-point slack for contiguity checks (33.333… + 33.333…). */
const EPSILON = 1e-9;

/**
 * The ordered steps of an operation, each owning a percentage range. Progress inside a step
 * interpolates within its range; ranges are contiguous and inside 0–100.
 *
 * @example
 * ProgressPlan.fromRanges([
 *   { name: 'analyze', start: 0, end: 10 },
 *   { name: 'fetch', start: 10, end: 90 },
 *   { name: 'save', start: 90, end: 100 },
 * ]);
 * ProgressPlan.evenly(['prepare', 'train', 'evaluate']);
 */
export class ProgressPlan {
  /** The steps, in order (frozen copies). */
  readonly steps: readonly Readonly<ProgressStepDefinition>[];

  private constructor(steps: ProgressStepDefinition[]) {
    this.steps = Object.freeze(steps.map((step) => Object.freeze({ ...step })));
  }

  /**
   * A plan from explicit ranges. Throws an Error naming the problem when the list is empty, a
   * name repeats, a range is empty or reversed, outside 0–100, or not contiguous with the
   * previous one.
   */
  static fromRanges(steps: ProgressStepDefinition[]): ProgressPlan {
    if (steps.length === 0) throw new Error('A progress plan needs at least one step');
    const names = new Set<string>();
    steps.forEach((step, index) => {
      if (!step.name) throw new Error(`Progress step #${index + 1} has no name`);
      if (names.has(step.name)) throw new Error(`Progress step "${step.name}" is listed twice`);
      names.add(step.name);
      if (!Number.isFinite(step.start) || !Number.isFinite(step.end)) {
        throw new Error(`Progress step "${step.name}" has a non-numeric range`);
      }
      if (step.start < 0 || step.end > 100) {
        throw new Error(
          `Progress step "${step.name}" range ${step.start}–${step.end} is outside 0–100`,
        );
      }
      if (step.start >= step.end) {
        throw new Error(
          `Progress step "${step.name}" must start before it ends (${step.start}–${step.end})`,
        );
      }
      const previous = index > 0 ? steps[index - 1] : undefined;
      if (previous && Math.abs(previous.end - step.start) > EPSILON) {
        throw new Error(
          `Progress step "${step.name}" starts at ${step.start} but "${previous.name}" ends at ${previous.end}: ranges must be contiguous and increasing`,
        );
      }
    });
    return new ProgressPlan(steps);
  }

  /** A plan splitting `from`–`to` (default 0–100) evenly between the named steps. */
  static evenly(names: string[], from = 0, to = 100): ProgressPlan {
    const width = (to - from) / names.length;
    const boundary = (i: number): number => (i === names.length ? to : from + width * i);
    return ProgressPlan.fromRanges(
      names.map((name, i) => ({ name, start: boundary(i), end: boundary(i + 1) })),
    );
  }

  /** The index of a step, or −1 when the plan has no step of that name. */
  indexOf(name: string): number {
    return this.steps.findIndex((step) => step.name === name);
  }

  /** How many steps the plan has. */
  get size(): number {
    return this.steps.length;
  }
}
