import type { Server } from 'node:http';
import { stripVTControlCharacters } from 'node:util';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { listenHttpApp } from './server/listen-http-app';
import { createKitTestApp } from './testing/kit-test-app';

describe('HttpKitModule + createHttpApp', () => {
  let app: NestExpressApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const server = (): Server => app!.getHttpServer();

  describe('errors and validation', () => {
    beforeEach(async () => {
      app = await createKitTestApp();
      await app.init();
    });

    it('answers a coded error with its status, code, details and Retry-After', async () => {
      const res = await request(server()).get('/paced').expect(429);
      expect(res.headers['retry-after']).toBe('3');
      expect(res.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'slow down',
        code: 'PACING_VIOLATION',
        details: { retry_after_ms: 2200 },
      });
    });

    it('maps a plain error with a declared code to its status', async () => {
      const res = await request(server()).get('/typed').expect(422);
      expect(res.body).toEqual({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'start is before the head timestamp',
        code: 'BEFORE_HEAD_TIMESTAMP',
      });
    });

    it('keeps the status of Nest HttpExceptions (unknown routes too), with a code', async () => {
      const res = await request(server()).get('/missing').expect(404);
      expect(res.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'no such symbol',
        code: 'NOT_FOUND',
      });
      const unknown = await request(server()).get('/nope').expect(404);
      expect(unknown.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'Cannot GET /nope',
        code: 'NOT_FOUND',
      });
    });

    it('turns an unknown error into a logged 500 whose correlation id is the request id', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      try {
        const res = await request(server()).get('/boom').set('x-request-id', 'req-42').expect(500);
        expect(res.headers['x-request-id']).toBe('req-42');
        expect(res.body).toEqual({
          statusCode: 500,
          error: 'Internal Server Error',
          message: 'Internal server error (correlation id req-42)',
          code: 'INTERNAL_ERROR',
          correlation_id: 'req-42',
        });
        expect(JSON.stringify(res.body)).not.toContain('kaboom');
        expect(logged).toHaveBeenCalledWith(
          'GET /boom failed (correlation id req-42)',
          expect.stringContaining('kaboom'),
        );
        const generated = await request(server()).get('/boom').expect(500);
        expect(generated.body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
        expect(generated.headers['x-request-id']).toBe(generated.body.correlation_id);
      } finally {
        logged.mockRestore();
      }
    });

    it('validates bodies: one problem per field, unknown fields rejected, DTOs transformed', async () => {
      const bad = await request(server())
        .post('/items')
        .send({ symbol: 'aapl', count: 'x', extra: 1 })
        .expect(400);
      expect(bad.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: [
          'property extra should not exist',
          'symbol must be upper-case letters',
          'count must be an integer number',
        ],
        code: 'VALIDATION_FAILED',
      });
      const array = await request(server()).post('/items').send([1]).expect(400);
      expect(array.body.message).toEqual(['request body must be a JSON object']);

      const good = await request(server()).post('/items').send({ symbol: 'AAPL', count: 2 });
      expect(good.status).toBe(201);
      expect(good.body).toEqual({ created: { symbol: 'AAPL', count: 2 }, isDto: true });
    });

    it('answers malformed JSON with 400 INVALID_JSON in the same shape', async () => {
      const res = await request(server())
        .post('/items')
        .set('content-type', 'application/json')
        .send('{"symbol": ')
        .expect(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        error: 'Bad Request',
        code: 'INVALID_JSON',
      });
      expect(res.body.message).toMatch(/^Malformed JSON in request body: /);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('request ids', () => {
    beforeEach(async () => {
      app = await createKitTestApp();
      await app.init();
    });

    it('honours a safe x-request-id on success and error answers', async () => {
      const ok = await request(server()).get('/fast').set('x-request-id', 'abc.DEF_1:2-3');
      expect(ok.headers['x-request-id']).toBe('abc.DEF_1:2-3');
      const denied = await request(server()).get('/missing').set('x-request-id', 'r-404');
      expect(denied.status).toBe(404);
      expect(denied.headers['x-request-id']).toBe('r-404');
    });

    it('generates one when the client sent none or an unsafe one', async () => {
      const ids = new Set<string>();
      for (const sent of [undefined, 'has space', 'x'.repeat(129), 'semi;colon', '']) {
        const req = request(server()).get('/fast');
        const res = await (sent === undefined ? req : req.set('x-request-id', sent)).expect(200);
        const id = res.headers['x-request-id'] as string;
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        ids.add(id);
      }
      expect(ids.size).toBe(5);
    });
  });

  it('prints the request id on every log line of the request', async () => {
    const lines: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(stripVTControlCharacters(String(chunk)));
      return true;
    });
    try {
      app = await createKitTestApp({}, ['log', 'error']);
      await app.init();
      await request(server()).get('/logs').set('x-request-id', 'req-logs-1').expect(200);
      await request(server()).get('/logs').set('x-request-id', 'req-logs-2').expect(200);
    } finally {
      write.mockRestore();
    }
    const handled = lines.filter((line) => line.includes('handled the logs route'));
    expect(handled).toHaveLength(2);
    expect(handled[0]).toContain('[request req-logs-1]');
    expect(handled[1]).toContain('[request req-logs-2]');
  });

  it('serves every route under the configured prefix', async () => {
    app = await createKitTestApp({ apiPrefix: 'api/v1' });
    await app.init();
    await request(server()).get('/api/v1/fast').expect(200);
    await request(server()).get('/fast').expect(404);
  });

  it('enforces the body limit with 413 PAYLOAD_TOO_LARGE', async () => {
    app = await createKitTestApp({ jsonBodyLimit: '100b' });
    await app.init();
    const res = await request(server())
      .post('/items')
      .send({ symbol: 'A'.repeat(200), count: 1 })
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  describe('request bodies', () => {
    const KEY = 'k'.repeat(16);
    const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

    it('refuses a too deeply nested body with 400 JSON_TOO_DEEP, at any limit it is given', async () => {
      app = await createKitTestApp();
      await app.init();
      const deep = await request(server())
        .post('/items')
        .set('content-type', 'application/json')
        .send(`{"symbol": "A", "count": ${nested(1400)}}`)
        .expect(400);
      expect(deep.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'JSON body nested deeper than 64 levels',
        code: 'JSON_TOO_DEEP',
      });
      // Brackets inside strings are text, not nesting.
      const text = await request(server())
        .post('/items')
        .send({ symbol: `A${'['.repeat(200)}\\"{`, count: 1 })
        .expect(400);
      expect(text.body.code).toBe('VALIDATION_FAILED');
      await app.close();
      app = await createKitTestApp({ jsonMaxDepth: 3 });
      await app.init();
      const three = await request(server())
        .post('/items')
        .send({ symbol: 'A', count: [[1]] })
        .expect(400);
      expect(three.body.code).toBe('VALIDATION_FAILED');
      const four = await request(server())
        .post('/items')
        .send({ symbol: 'A', count: [[[1]]] })
        .expect(400);
      expect(four.body.code).toBe('JSON_TOO_DEEP');
    });

    it('checks the API key before reading the body, except on public routes', async () => {
      app = await createKitTestApp({ apiKey: KEY, jsonBodyLimit: '1kb' });
      await app.init();
      for (const body of ['{"symbol": ', nested(1400), `{"symbol": "${'A'.repeat(5000)}"}`]) {
        const denied = await request(server())
          .post('/items')
          .set('content-type', 'application/json')
          .send(body)
          .expect(401);
        expect(denied.body.code).toBe('UNAUTHORIZED');
      }
      const keyed = await request(server())
        .post('/items')
        .set('x-api-key', KEY)
        .set('content-type', 'application/json')
        .send('{"symbol": ')
        .expect(400);
      expect(keyed.body.code).toBe('INVALID_JSON');
      const created = await request(server())
        .post('/public-items')
        .send({ symbol: 'AAPL', count: 2 })
        .expect(201);
      expect(created.body).toEqual({ created: { symbol: 'AAPL', count: 2 } });
      const deepPublic = await request(server())
        .post('/public-items')
        .set('content-type', 'application/json')
        .send(nested(100))
        .expect(400);
      expect(deepPublic.body.code).toBe('JSON_TOO_DEEP');
    });
  });

  it('sets the server keep-alive above the adapters idle timeout', async () => {
    app = await createKitTestApp();
    expect(server().keepAliveTimeout).toBe(65_000);
    expect(server().headersTimeout).toBe(66_000);
    await app.close();
    app = await createKitTestApp({ keepAliveTimeoutMs: 7000 });
    expect(server().keepAliveTimeout).toBe(7000);
    expect(server().headersTimeout).toBe(8000);
  });

  it('rejects keep-alive settings that would race the adapters', async () => {
    await expect(createKitTestApp({ keepAliveTimeoutMs: 3000 })).rejects.toThrow(/≥ 5000/);
    await expect(
      createKitTestApp({ keepAliveTimeoutMs: 6000, headersTimeoutMs: 6000 }),
    ).rejects.toThrow(/headersTimeoutMs/);
  });

  describe('listenHttpApp', () => {
    it('listens and prints the line the e2e helper parses', async () => {
      const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        app = await createKitTestApp();
        const url = await listenHttpApp(app, { name: 'test-host', host: '127.0.0.1', port: 0 });
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(String(write.mock.calls[0]?.[0])).toBe(`test-host listening on ${url}\n`);
        await request(url).get('/health').expect(200);
      } finally {
        write.mockRestore();
      }
    });

    it('refuses a non-loopback address without an API key', async () => {
      app = await createKitTestApp();
      await expect(listenHttpApp(app, { name: 'h', host: '0.0.0.0', port: 0 })).rejects.toThrow(
        /without an API key \(set API_KEY /,
      );
      await expect(
        listenHttpApp(app, {
          name: 'h',
          host: '10.0.0.1',
          port: 0,
          apiKeyVariable: 'DATA_HOST_API_KEY',
        }),
      ).rejects.toThrow(/set DATA_HOST_API_KEY or bind/);
    });
  });
});
