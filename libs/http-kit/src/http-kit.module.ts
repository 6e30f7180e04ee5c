import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyVerifier } from './auth/api-key.verifier';
import { HttpErrorFilter } from './errors/http-error.filter';
import { HTTP_KIT_SETTINGS } from './http-kit.constants';
import {
  ConfigurableModuleClass,
  HTTP_KIT_OPTIONS,
  OPTIONS_TYPE,
} from './http-kit.module-definition';
import { resolveHttpKitSettings } from './http-kit.options';
import { ContextLogger } from './request/context-logger';
import { JsonBodyInterceptor } from './request/json-body.interceptor';
import { RequestIdMiddleware } from './request/request-id.middleware';
import { createValidationPipe } from './validation/create-validation-pipe';

/**
 * What every HTTP app of the project shares, installed by importing it once in the root module
 * (global): the error filter (`APP_FILTER`), the validation pipe (`APP_PIPE`), the API-key
 * guard (`APP_GUARD`) with its `ApiKeyVerifier` for socket.io gateways, the JSON body parser
 * (`APP_INTERCEPTOR`: after the key check, with a nesting limit), request ids on every request
 * and the logger that prints them. Create the app with `createHttpApp`, which applies the
 * app-level options (prefix, keep-alive, logger, OpenAPI docs, shutdown hooks).
 *
 * @example
 * \@Module({ imports: [HttpKitModule.forRoot({ apiKey: process.env.API_KEY }), OrdersModule] })
 * class AppModule {}
 * const app = await createHttpApp(AppModule);
 * await listenHttpApp(app, { name: 'orders', host: '127.0.0.1', port: 8002 });
 */
@Module({
  // Discovery: the OpenAPI document finds the `@Public()` handlers.
  imports: [DiscoveryModule],
  providers: [
    {
      provide: HTTP_KIT_SETTINGS,
      inject: [HTTP_KIT_OPTIONS],
      useFactory: resolveHttpKitSettings,
    },
    ApiKeyVerifier,
    ContextLogger,
    { provide: APP_FILTER, useClass: HttpErrorFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_INTERCEPTOR, useClass: JsonBodyInterceptor },
  ],
  exports: [HTTP_KIT_SETTINGS, ApiKeyVerifier, ContextLogger],
})
export class HttpKitModule extends ConfigurableModuleClass implements NestModule {
  /** Options are all optional: `forRoot()` is an open app with the defaults. */
  static override forRoot(options: typeof OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware).forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
