import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../data.errors';
import { csvBodyChunks, drainBody } from './csv-body';

function request(chunks: string[], contentType?: string): IncomingMessage {
  const req = Readable.from(chunks.map((c) => Buffer.from(c))) as unknown as IncomingMessage;
  req.headers = contentType ? { 'content-type': contentType } : {};
  return req;
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += chunk.toString();
  return text;
}

describe('csvBodyChunks', () => {
  it('yields the body chunk by chunk', async () => {
    const req = request(['a,b\n', '1,2\n'], 'text/csv; charset=utf-8');
    expect(await collect(csvBodyChunks(req, 100))).toBe('a,b\n1,2\n');
  });

  it('refuses other content types before reading anything', () => {
    expect(() => csvBodyChunks(request(['{}'], 'application/json'), 100)).toThrow(
      UnsupportedMediaTypeError,
    );
    expect(() => csvBodyChunks(request(['x']), 100)).toThrow(UnsupportedMediaTypeError);
  });

  it('throws past the limit without destroying the request, which can then be drained', async () => {
    const req = request(['12345', '67890', 'abcde'], 'text/csv');
    await expect(collect(csvBodyChunks(req, 8))).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(req.destroyed).toBe(false);
    drainBody(req);
    await new Promise((resolve) => req.once('end', resolve));
    expect(req.readableEnded).toBe(true);
  });

  it('honours a body a parser already read', async () => {
    const req = Object.assign(request([], 'text/plain'), { body: 'x,y\n' });
    expect(await collect(csvBodyChunks(req, 100))).toBe('x,y\n');
  });
});
