import { ConfigurableModuleBuilder } from '@nestjs/common';

/** Options of `OperationsModule.forRoot` / `forRootAsync`. */
export interface OperationsModuleOptions {
  /** A SQLite file path (`sqlite:` prefix optional) or a `postgres://` / `postgresql://` URL. */
  databaseUrl: string;
  /** PostgreSQL only: the schema to use, created if missing. */
  schema?: string;
  /** How long shutdown waits for cancelled operations to end (default 10000 ms). */
  shutdownGraceMs?: number;
}

export const {
  ConfigurableModuleClass: ConfigurableOperationsModule,
  MODULE_OPTIONS_TOKEN: OPERATIONS_MODULE_OPTIONS,
  OPTIONS_TYPE: OPERATIONS_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: OPERATIONS_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<OperationsModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
