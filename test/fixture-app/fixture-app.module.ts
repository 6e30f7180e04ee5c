import { type DynamicModule, Module } from '@nestjs/common';
import { AsyncInfrastructureModule } from '@ktrdr/async-infrastructure';
import { HttpKitModule } from '@ktrdr/http-kit';
import {
  OperationEventsController,
  OperationsController,
  OperationsModule,
} from '../../src/operations';
import { CountdownModule } from './countdown/countdown.module';

/** Options of {@link FixtureAppModule.forRoot}. */
export interface FixtureAppOptions {
  /** The SQLite file of the operations registry. */
  databaseUrl: string;
  shutdownGraceMs?: number;
}

/**
 * A separate, minimal Nest app built on the operations foundation: the async infrastructure,
 * the persisted registry and its REST/SSE routes behind the HTTP kit (under `/api/v1`), and one
 * domain module of its own. No API key, no socket.io, no data domain.
 */
@Module({})
export class FixtureAppModule {
  static forRoot(options: FixtureAppOptions): DynamicModule {
    return {
      module: FixtureAppModule,
      imports: [
        HttpKitModule.forRoot({ apiPrefix: 'api/v1' }),
        AsyncInfrastructureModule.forRoot({ shutdownGraceMs: options.shutdownGraceMs ?? 2000 }),
        OperationsModule.forRoot({ databaseUrl: options.databaseUrl }),
        CountdownModule,
      ],
      controllers: [OperationsController, OperationEventsController],
    };
  }
}
