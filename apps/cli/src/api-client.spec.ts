import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient, normalizeBaseUrl } from './api-client';
import { ApiError, UsageError } from './cli.errors';

describe('ApiClient', () => {
  it.each([
    ['http://127.0.0.1:8000', 'http://127.0.0.1:8000/api/v1'],
    ['http://127.0.0.1:8000/', 'http://127.0.0.1:8000/api/v1'],
    ['http://host/api/v1/', 'http://host/api/v1'],
    ['https://host/prefix', 'https://host/prefix/api/v1'],
  ])('normalizes %s to %s', (raw, expected) => {
    expect(normalizeBaseUrl(raw)).toBe(expected);
  });

  it.each(['nope', 'ftp://host'])('rejects %s as a usage error', (raw) => {
    expect(() => normalizeBaseUrl(raw)).toThrow(UsageError);
  });

  describe('against a server', () => {
    let server: Server;
    let url: string;
    let answer: { status: number; body: string };

    beforeAll(async () => {
      server = createServer((_req, res) => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('turns a validation error (message list) into one ApiError', async () => {
      answer = {
        status: 400,
        body: JSON.stringify({
          statusCode: 400,
          error: 'Bad Request',
          message: ['steps must be an integer', 'step_ms must not be negative'],
          code: 'VALIDATION_FAILED',
        }),
      };
      const error = await new ApiClient({ baseUrl: url })
        .startDummy({ steps: 1, step_ms: 1 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
        message: 'steps must be an integer; step_ms must not be negative',
      });
    });

    it('keeps the HTTP status when the body is not JSON', async () => {
      answer = { status: 502, body: '<html>bad gateway</html>' };
      await expect(new ApiClient({ baseUrl: url }).getOperation('x')).rejects.toMatchObject({
        status: 502,
        code: undefined,
        message: 'HTTP 502 Bad Gateway',
      });
    });
  });
});
