import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createTestHostApp } from './testing/test-host-app';
import { listenHostApp } from './listen-host-app';

describe('configureHostApp', () => {
  let app: NestExpressApplication;

  afterEach(async () => {
    await app?.close();
  });

  const server = (): Server => app.getHttpServer();

  describe('errors', () => {
    beforeEach(async () => {
      app = await createTestHostApp();
      await app.init();
    });

    it('maps a HostServiceError to its status, code and Retry-After', async () => {
      const res = await request(server()).get('/paced').expect(429);
      expect(res.headers['retry-after']).toBe('3');
      expect(res.body).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'slow down',
        code: 'PACING_VIOLATION',
      });
    });

    it('keeps the status of Nest HttpExceptions, with a code', async () => {
      const res = await request(server()).get('/missing').expect(404);
      expect(res.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: 'no such symbol',
        code: 'NOT_FOUND',
      });
      const unknown = await request(server()).get('/nope').expect(404);
      expect(unknown.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    });

    it('maps any error carrying status and code directly', async () => {
      const res = await request(server()).get('/typed').expect(422);
      expect(res.body).toMatchObject({
        statusCode: 422,
        error: 'Unprocessable Entity',
        code: 'BEFORE_HEAD_TIMESTAMP',
        message: 'start is before the head timestamp',
      });
    });

    it('turns an unknown error into a logged 500 with a correlation id', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
      const res = await request(server()).get('/boom').set('x-request-id', 'req-42').expect(500);
      expect(res.headers['x-correlation-id']).toBe('req-42');
      expect(res.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'Internal server error (correlation id req-42)',
        code: 'INTERNAL_ERROR',
        correlation_id: 'req-42',
      });
      expect(JSON.stringify(res.body)).not.toContain('kaboom');
      expect(logged).toHaveBeenCalledWith(
        expect.stringContaining('GET /boom failed [req-42]'),
        expect.stringContaining('kaboom'),
      );
      logged.mockRestore();
      const generated = await request(server()).get('/boom').expect(500);
      expect(generated.body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('validates bodies: field messages, unknown fields rejected, DTOs transformed', async () => {
      const bad = await request(server())
        .post('/items')
        .send({ symbol: 'aapl', count: 0, extra: 1 })
        .expect(400);
      expect(bad.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      const fields = (bad.body.details.fields as { field: string }[]).map((f) => f.field).sort();
      expect(fields).toEqual(['count', 'extra', 'symbol']);
      expect(bad.body.message).toContain('symbol must be upper-case letters');

      const good = await request(server()).post('/items').send({ symbol: 'AAPL', count: 2 });
      expect(good.status).toBe(201);
      expect(good.body).toEqual({ created: { symbol: 'AAPL', count: 2 }, isDto: true });
    });

    it('answers malformed JSON with the same JSON error shape', async () => {
      const res = await request(server())
        .post('/items')
        .set('content-type', 'application/json')
        .send('{"symbol": ')
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'INVALID_JSON' });
    });
  });

  it('enforces the body limit', async () => {
    app = await createTestHostApp({ bodyLimit: '100b' });
    await app.init();
    const res = await request(server())
      .post('/items')
      .send({ symbol: 'A'.repeat(200), count: 1 })
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
  });

  it('sets the server keep-alive above the adapters idle timeout', async () => {
    app = await createTestHostApp();
    expect(server().keepAliveTimeout).toBe(65_000);
    expect(server().headersTimeout).toBe(66_000);
    await app.close();
    app = await createTestHostApp({ keepAliveTimeoutMs: 7000 });
    expect(server().keepAliveTimeout).toBe(7000);
    expect(server().headersTimeout).toBe(8000);
  });

  it('rejects keep-alive settings that would race the adapters', async () => {
    await expect(createTestHostApp({ keepAliveTimeoutMs: 3000 })).rejects.toThrow(/≥ 5000/);
    await expect(
      createTestHostApp({ keepAliveTimeoutMs: 6000, headersTimeoutMs: 6000 }),
    ).rejects.toThrow(/headersTimeoutMs/);
  });

  describe('listenHostApp', () => {
    it('listens on HOST/PORT and prints the line the e2e helper parses', async () => {
      const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        app = await createTestHostApp();
        const url = await listenHostApp(app, {
          name: 'test-host',
          defaultPort: 5999,
          env: { PORT: '0' },
        });
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const line = String(write.mock.calls[0]?.[0]);
        expect(/listening on (http:\/\/\S+)/.exec(line)?.[1]).toBe(url);
        expect(line).toBe(`test-host listening on ${url}\n`);
        await request(url).get('/health').expect(200);
      } finally {
        write.mockRestore();
      }
    });

    it('refuses a non-loopback address without an API key, and a bad PORT', async () => {
      app = await createTestHostApp();
      await expect(
        listenHostApp(app, { name: 'h', defaultPort: 0, env: { HOST: '0.0.0.0' } }),
      ).rejects.toThrow(/without an API key \(set API_KEY /);
      await expect(
        listenHostApp(app, {
          name: 'h',
          defaultPort: 0,
          env: { HOST: '10.0.0.1' },
          apiKeyVariable: 'DATA_HOST_API_KEY',
        }),
      ).rejects.toThrow(/set DATA_HOST_API_KEY or bind/);
      await expect(
        listenHostApp(app, { name: 'h', defaultPort: 0, env: { PORT: 'eighty' } }),
      ).rejects.toThrow(/PORT/);
    });
  });
});
