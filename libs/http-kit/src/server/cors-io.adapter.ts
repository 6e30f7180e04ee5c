import type { CorsOptions, INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';

// platform-socket.io brings its own socket.io: its types, not the root package's.
type IoServerOptions = Parameters<IoAdapter['createIOServer']>[1];
type IoServer = ReturnType<IoAdapter['createIOServer']>;
import { REQUEST_ID_HEADER } from '../request/request-id';

/**
 * The CORS answer for a list of allowed origins, the same for REST (Express `cors`) and
 * socket.io's polling transport: the key headers may be sent, the request id and
 * `Retry-After` may be read; no cookies (the API key travels in a header).
 */
export function corsOptionsFor(origins: readonly string[]): CorsOptions {
  return {
    origin: [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'x-api-key', REQUEST_ID_HEADER],
    exposedHeaders: [REQUEST_ID_HEADER, 'Retry-After'],
    credentials: false,
    maxAge: 600,
  };
}

/** socket.io servers created with the app's CORS origins (gateways keep their own options). */
export class CorsIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly origins: readonly string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: IoServerOptions): IoServer {
    const cors = corsOptionsFor(this.origins);
    // Nest passes only the gateway's own options (socket.io fills in the rest): a partial object.
    const withCors = { ...options, cors: { ...cors, origin: [...this.origins] } };
    return super.createIOServer(port, withCors as NonNullable<IoServerOptions>);
  }
}
