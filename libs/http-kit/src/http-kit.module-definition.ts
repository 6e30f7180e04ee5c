import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { HttpKitOptions } from './http-kit.options';

export const {
  ConfigurableModuleClass,
  MODULE_OPTIONS_TOKEN: HTTP_KIT_OPTIONS,
  OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<HttpKitOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
