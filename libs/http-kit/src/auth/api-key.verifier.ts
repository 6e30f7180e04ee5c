import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import { UnauthorizedError } from '../errors/kit.errors';
import { HTTP_KIT_SETTINGS } from '../http-kit.constants';
import type { HttpKitSettings } from '../http-kit.options';

/** What a socket.io handshake carries (the parts the key check reads). */
export interface HandshakeCredentials {
  auth?: Record<string, unknown>;
  headers: IncomingHttpHeaders;
}

/**
 * Shortest shared key an app should accept: the API's `API_KEY` and each host's key are
 * refused at boot when shorter (a guessable key protects nothing on a public address).
 */
export const API_KEY_MIN_LENGTH = 16;

const MISSING = 'API key required: send "Authorization: Bearer <key>" or "x-api-key: <key>"';
const WRONG = 'Invalid API key';

/**
 * The API-key check shared by the HTTP guard and socket.io gateways. Open when no key is
 * configured. The key is read from the first of the configured headers present (default:
 * `Authorization: Bearer`, then `x-api-key`) and compared as SHA-256 digests with
 * `timingSafeEqual`, so neither the content nor the length of the key leaks through timing.
 */
@Injectable()
export class ApiKeyVerifier {
  private readonly expected: Buffer | null;

  constructor(@Inject(HTTP_KIT_SETTINGS) private readonly settings: HttpKitSettings) {
    this.expected = settings.apiKey === null ? null : digest(settings.apiKey);
  }

  /** True when a key is configured and therefore required. */
  get enabled(): boolean {
    return this.expected !== null;
  }

  /** Throws UnauthorizedError unless the headers carry the key (or no key is configured). */
  assertHeaders(headers: IncomingHttpHeaders): void {
    if (this.expected === null) return;
    const presented = this.keyFromHeaders(headers);
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

  private keyFromHeaders(headers: IncomingHttpHeaders): string | undefined {
    for (const header of this.settings.apiKeyHeaders) {
      const key = header === 'authorization' ? bearer(headers) : plain(headers[header]);
      if (key !== undefined) return key;
    }
    return undefined;
  }
}

function bearer(headers: IncomingHttpHeaders): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '')?.[1];
}

function plain(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined || value === '' ? undefined : value;
}

function digest(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
