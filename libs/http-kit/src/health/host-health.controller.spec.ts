import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createKitTestApp, TestHealthController } from '../testing/kit-test-app';

describe('HostHealthController and the API key', () => {
  let app: NestExpressApplication;

  afterEach(async () => {
    TestHealthController.healthy = true;
    await app?.close();
  });

  it('answers 200 when healthy and 503 when the provider is down', async () => {
    app = await createKitTestApp();
    await app.init();
    const ok = await request(app.getHttpServer()).get('/health').expect(200);
    expect(ok.body).toMatchObject({ status: 'ok', provider: 'synthetic', connected: true });
    expect(Number.isNaN(Date.parse(ok.body.checked_at as string))).toBe(false);

    TestHealthController.healthy = false;
    const down = await request(app.getHttpServer()).get('/health').expect(503);
    expect(down.body).toMatchObject({ status: 'unavailable', connected: false });
  });

  it('answers 503 draining once shutdown began', async () => {
    app = await createKitTestApp();
    await app.init();
    await app.get(TestHealthController).beforeApplicationShutdown();
    const res = await request(app.getHttpServer()).get('/health').expect(503);
    expect(res.body).toMatchObject({ status: 'draining' });
  });

  it('requires the API key everywhere but the @Public() /health when one is set', async () => {
    app = await createKitTestApp({ apiKey: 'k3y' });
    await app.init();
    const server = app.getHttpServer();
    await request(server).get('/health').expect(200);
    const denied = await request(server).get('/fast').expect(401);
    expect(denied.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    await request(server).get('/fast').set('x-api-key', 'wrong').expect(401);
    await request(server).get('/fast').set('authorization', 'Bearer wrong').expect(401);
    await request(server).get('/fast').set('x-api-key', 'k3y').expect(200);
    await request(server).get('/fast').set('authorization', 'Bearer k3y').expect(200);
  });

  it('lets everything through without a key configured', async () => {
    app = await createKitTestApp();
    await app.init();
    await request(app.getHttpServer()).get('/fast').expect(200);
  });
});
