import { createHash, timingSafeEqual } from 'node:crypto';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage } from 'node:http';
import { HostErrorCode, HostServiceError } from './host-service-error';
import { HOST_PUBLIC_ROUTE } from './public-route.decorator';

/**
 * Requires the host's shared key on every route but `/health` and `@PublicRoute()` ones, as
 * `x-api-key: <key>` or `Authorization: Bearer <key>`; otherwise 401 `UNAUTHORIZED`.
 * `configureHostApp` installs it globally when an API key is configured.
 */
export class HostApiKeyGuard implements CanActivate {
  private readonly expected: Buffer;
  private readonly reflector = new Reflector();

  constructor(apiKey: string) {
    if (!apiKey) throw new Error('HostApiKeyGuard needs a non-empty API key');
    this.expected = digest(apiKey);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(HOST_PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<IncomingMessage>();
    if (pathOf(req) === '/health') return true;
    const presented = presentedKey(req);
    if (presented !== undefined && timingSafeEqual(digest(presented), this.expected)) return true;
    throw new HostServiceError(401, HostErrorCode.Unauthorized, 'Missing or invalid API key');
  }
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://host').pathname;
}

function presentedKey(req: IncomingMessage): string | undefined {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** Compared as fixed-length digests so the comparison time says nothing about the key. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
