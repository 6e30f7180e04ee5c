import type { IncomingMessage } from 'node:http';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyVerifier } from './api-key.verifier';
import { IS_PUBLIC_KEY } from './public.decorator';

/**
 * Global guard (installed by `HttpKitModule`): when a key is configured, every HTTP route not marked `@Public()` needs the key.
 * Global guards do not reach socket.io gateways in Nest; the gateway checks the handshake
 * itself with the same `ApiKeyVerifier`.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: ApiKeyVerifier,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.verifier.enabled || context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic === true) return true;
    this.verifier.assertHeaders(context.switchToHttp().getRequest<IncomingMessage>().headers);
    return true;
  }
}
