import { ConfigurableModuleBuilder } from '@nestjs/common';

/** Options of `AsyncInfrastructureModule.forRoot` / `forRootAsync`. */
export interface AsyncInfrastructureOptions {
  /** How long shutdown waits for cancelled operations to end (default 10000 ms). */
  shutdownGraceMs?: number;
}

export const { ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE, ASYNC_OPTIONS_TYPE } =
  new ConfigurableModuleBuilder<AsyncInfrastructureOptions>()
    .setClassMethodName('forRoot')
    .setExtras({ isGlobal: true }, (definition, extras) => ({
      ...definition,
      global: extras.isGlobal,
    }))
    .build();
