import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyVerifier } from './auth/api-key.verifier';

/** The API-key guard on every route, and the verifier the socket.io gateway reuses. */
@Global()
@Module({
  providers: [ApiKeyVerifier, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeyVerifier],
})
export class CommonModule {}
