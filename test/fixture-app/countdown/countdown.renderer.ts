import { ProgressRenderer, type ProgressRenderState } from '@ktrdr/async-infrastructure';

/**
 * The fixture's own progress message, recognisably not the default one:
 * `Countdown 40% · T-minus 3` (`arming`, `T-minus n`, `launching`, then `liftoff`).
 */
export class CountdownRenderer extends ProgressRenderer {
  override render(state: ProgressRenderState): string {
    return `Countdown ${Math.floor(state.percentage)}% · ${this.phase(state)}`;
  }

  private phase(state: ProgressRenderState): string {
    if (state.steps_completed >= state.steps_total) return 'liftoff';
    if (state.step_name === 'arm') return 'arming';
    if (state.step_name === 'count') {
      return `T-minus ${(state.items_total ?? 0) - (state.items_processed ?? 0)}`;
    }
    return 'launching';
  }
}
