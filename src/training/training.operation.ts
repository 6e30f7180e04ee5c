import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { CancellationError, type OperationRunContext } from '@ktrdr/async-infrastructure';
import { OperationHandler, type OperationHandlerInstance } from '@ktrdr/operations';
import {
  type ModelStore,
  TrainingCancelledError,
  type TrainingResult,
} from '@ktrdr/training-engine';
import { HostTrainingRunner } from './host-training.runner';
import { LocalTrainingRunner } from './local-training.runner';
import { TrainingBarsLoader } from './training-bars.loader';
import { TrainingProgressBridge } from './training-progress.bridge';
import { TrainingProgressRenderer } from './training-progress.renderer';
import { aggregateTrainingResult } from './training-result.aggregator';
import { freezeTrainingContext, type TrainingOperationContext } from './training-operation.context';
import {
  MODEL_STORE,
  TRAINING_OPERATION,
  TRAINING_TUNING,
  type TrainingTuning,
} from './training.constants';

/**
 * The `training` operation (training.md, "Pipeline"): load the bars through the data domain,
 * run the engine on the context's venue (a worker thread here, or the training host), publish
 * the artifacts as a new model version only when the run completed uncancelled, and answer the
 * one result schema. A cancel ends it `cancelled` with the epochs done as the partial result
 * and no version published.
 */
@Injectable()
@OperationHandler(TRAINING_OPERATION)
export class TrainingOperation implements OperationHandlerInstance<
  TrainingOperationContext,
  TrainingResult
> {
  readonly renderer = new TrainingProgressRenderer();

  constructor(
    private readonly bars: TrainingBarsLoader,
    private readonly local: LocalTrainingRunner,
    private readonly host: HostTrainingRunner,
    @Inject(MODEL_STORE) private readonly store: ModelStore,
    @Optional() @Inject(TRAINING_TUNING) private readonly tuning: TrainingTuning | null = null,
  ) {}

  async run(params: TrainingOperationContext, ctx: OperationRunContext): Promise<TrainingResult> {
    const context = freezeTrainingContext(params);
    const { token } = ctx;
    const bridge = new TrainingProgressBridge(
      ctx,
      {
        strategy_name: context.strategy_name,
        model_type: context.strategy.model.type,
        symbols: [...context.symbols],
        timeframes: [...context.timeframes],
        venue: context.venue.kind,
      },
      { ...(this.tuning?.batchEvery !== undefined ? { batchEvery: this.tuning.batchEvery } : {}) },
    );
    const cancelled = (): CancellationError =>
      new CancellationError(token.reason ?? 'cancelled', { partialResult: bridge.partialResult() });

    let outputDir: string | null = null;
    try {
      const series = await this.bars.load(context, ctx, (done, total, fraction) =>
        bridge.loading(done, total, fraction),
      );
      token.throwIfCancelled();
      outputDir = await mkdtemp(path.join(tmpdir(), 'ktrdr-training-'));
      const runner = context.venue.kind === 'host' ? this.host : this.local;
      const run = await runner.run({
        context,
        series,
        outputDir,
        operationId: ctx.operationId,
        signal: token.signal,
        onEvent: (event) => bridge.onEvent(event),
      });
      await bridge.flush();
      // A cancel that arrived as the run ended still wins: nothing is published.
      token.throwIfCancelled();
      const model = await this.store.publish({
        strategy: context.strategy_name,
        symbols: [...context.symbols],
        timeframes: [...context.timeframes],
        sourceDir: outputDir,
        operationId: ctx.operationId,
      });
      return aggregateTrainingResult({
        outcome: run.outcome,
        venue: context.venue.kind,
        operationId: ctx.operationId,
        ...(run.sessionId !== undefined ? { sessionId: run.sessionId } : {}),
        context,
        model,
      });
    } catch (error) {
      if (token.isCancelled || error instanceof TrainingCancelledError) {
        await bridge.flush().catch(() => undefined);
        throw cancelled();
      }
      throw error;
    } finally {
      if (outputDir !== null) await rm(outputDir, { recursive: true, force: true });
    }
  }
}
