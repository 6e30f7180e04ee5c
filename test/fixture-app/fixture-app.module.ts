import { type DynamicModule, Module } from '@nestjs/common';
import { HttpKitModule } from '@ktrdr/http-kit';
import { OperationsModule } from '@ktrdr/operations';
import { OperationEventsController, OperationsController } from '../../src/operations';
import { CountdownModule } from './countdown/countdown.module';

/** Options of {@link FixtureAppModule.forRoot}. */
export interface FixtureAppOptions {
  /** The SQLite file of the operations registry. */
  databaseUrl: string;
  shutdownGraceMs?: number;
}

/**
 * A separate, minimal Nest app built on the operations foundation: the operation lifecycle
 * (`OperationsModule`) and the API's REST/SSE routes behind the HTTP kit (under `/api/v1`), and
 * one domain module of its own. No API key, no socket.io, no data domain.
 */
@Module({})
export class FixtureAppModule {
  static forRoot(options: FixtureAppOptions): DynamicModule {
    return {
      module: FixtureAppModule,
      imports: [
        HttpKitModule.forRoot({ apiPrefix: 'api/v1' }),
        OperationsModule.forRoot({
          databaseUrl: options.databaseUrl,
          shutdownGraceMs: options.shutdownGraceMs ?? 2000,
        }),
        CountdownModule,
      ],
      controllers: [OperationsController, OperationEventsController],
    };
  }
}
