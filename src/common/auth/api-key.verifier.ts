import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config';
import { UnauthorizedError } from '../errors/http-errors';

/** What a socket.io handshake carries (the parts the key check reads). */
export interface HandshakeCredentials {
  auth?: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

const MISSING = 'API key required: send "Authorization: Bearer <key>" or "x-api-key: <key>"';
const WRONG = 'Invalid API key';

/**
 * The API-key check shared by the HTTP guard and the socket.io gateway. Open when API_KEY is
 * not set. Keys are compared as SHA-256 digests with `timingSafeEqual`, so neither the content
 * nor the length of the key leaks through timing.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly expected: Buffer | null;

  constructor(config: AppConfig) {
    this.expected = config.apiKey === null ? null : digest(config.apiKey);
  }

  /** True when a key is configured and therefore required. */
  get enabled(): boolean {
    return this.expected !== null;
  }

  /** Throws UnauthorizedError unless the headers carry the key (or no key is configured). */
  assertHeaders(headers: IncomingHttpHeaders): void {
    if (this.expected === null) return;
    const presented = keyFromHeaders(headers);
    if (presented === undefined) throw new UnauthorizedError(MISSING);
    if (!this.matches(presented)) throw new UnauthorizedError(WRONG);
  }

  /** Same check for a socket.io handshake: `auth.token`, else the same headers as HTTP. */
  assertHandshake(handshake: HandshakeCredentials): void {
    const token = handshake.auth?.['token'];
    if (typeof token === 'string' && token !== '') {
      if (this.expected !== null && !this.matches(token)) throw new UnauthorizedError(WRONG);
      return;
    }
    this.assertHeaders(handshake.headers);
  }

  private matches(presented: string): boolean {
    return this.expected !== null && timingSafeEqual(digest(presented), this.expected);
  }
}

function keyFromHeaders(headers: IncomingHttpHeaders): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer !== undefined) return bearer;
  const header = headers['x-api-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value === '' ? undefined : value;
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
