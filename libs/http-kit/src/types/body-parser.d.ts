// body-parser (Express 5's own JSON parser) ships no types; this names the part the kit uses.
declare module 'body-parser' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface JsonOptions {
    limit?: number | string;
    verify?: (req: IncomingMessage, res: ServerResponse, body: Buffer, encoding: string) => void;
  }

  type Middleware = (
    req: IncomingMessage,
    res: ServerResponse,
    next: (error?: unknown) => void,
  ) => void;

  export function json(options?: JsonOptions): Middleware;
}
