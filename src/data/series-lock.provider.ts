import { Logger, type Provider } from '@nestjs/common';
import { InProcessSeriesLock, PostgresSeriesLock, type SeriesLock } from '@ktrdr/market-data';
import { postgresConnectionConfig } from '@ktrdr/operations';
import { AppConfig } from '../config';
import { SERIES_LOCK } from './data.constants';

/** Added to the `application_name` of the lock's connections (`ktrdr series lock`). */
export const SERIES_LOCK_APPLICATION_SUFFIX = ' series lock';

/**
 * The lock that serialises the writes of one series. Queued execution runs loads in several
 * worker processes (and imports in every API process) on one DATA_DIR: there it is a
 * PostgreSQL advisory lock on the shared database (queued mode requires PostgreSQL). Otherwise
 * one process writes the folder, and an in-process lock suffices.
 */
export function createSeriesLock(config: AppConfig): SeriesLock {
  if (config.executionMode !== 'queued' || config.databaseKind !== 'postgres') {
    return new InProcessSeriesLock();
  }
  const logger = new Logger('SeriesLock');
  return new PostgresSeriesLock({
    connection: postgresConnectionConfig(config.databaseUrl, null, SERIES_LOCK_APPLICATION_SUFFIX),
    log: (message) => logger.warn(message),
  });
}

export const SERIES_LOCK_PROVIDER: Provider = {
  provide: SERIES_LOCK,
  inject: [AppConfig],
  useFactory: createSeriesLock,
};
