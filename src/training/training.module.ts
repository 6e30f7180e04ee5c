import { Module } from '@nestjs/common';
import { ModelStore, StrategyCatalog } from '@ktrdr/training-engine';
import { AppConfig } from '../config';
import { DataModule } from '../data';
import { HostAdaptersModule } from '../host-adapters';
import { HostTrainingRunner } from './host-training.runner';
import { LocalTrainingRunner } from './local-training.runner';
import { ModelsService } from './models.service';
import { StrategiesService } from './strategies.service';
import { TrainingBarsLoader } from './training-bars.loader';
import { MODEL_STORE, STRATEGY_CATALOG } from './training.constants';
import { TrainingOperation } from './training.operation';
import { TrainingService } from './training.service';

/**
 * The training domain (training.md): strategies (STRATEGIES_DIR), the model registry
 * (MODELS_DIR), the `training` operation on the local worker or the training host, predictions,
 * without routes (a worker runs its operations too; the routes are {@link TrainingApiModule}'s).
 * Bars come from the DataModule.
 */
@Module({
  imports: [DataModule, HostAdaptersModule],
  providers: [
    {
      provide: STRATEGY_CATALOG,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new StrategyCatalog(config.strategiesDir),
    },
    {
      provide: MODEL_STORE,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new ModelStore(config.modelsDir),
    },
    TrainingService,
    StrategiesService,
    ModelsService,
    TrainingBarsLoader,
    LocalTrainingRunner,
    HostTrainingRunner,
    TrainingOperation,
  ],
  exports: [TrainingService, ModelsService, StrategiesService],
})
export class TrainingModule {}
