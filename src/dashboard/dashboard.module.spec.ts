import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Controller, Get, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createHttpApp, HttpKitModule } from '@ktrdr/http-kit';
import { DashboardModule } from './dashboard.module';
import { locateDashboard } from './dashboard-location';

@Controller('things')
class ThingsController {
  @Get()
  list(): { items: string[] } {
    return { items: ['a'] };
  }
}

/** A fake build: index.html, one hashed asset and the manifest that marks a finished build. */
function fakeBuild(root: string): string {
  const dir = path.join(root, 'dist', 'web');
  mkdirSync(path.join(dir, '.vite'), { recursive: true });
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, '.vite', 'manifest.json'), '{}');
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(path.join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
  return dir;
}

describe('DashboardModule', () => {
  let root: string;
  let app: NestExpressApplication;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'ktrdr-dashboard-'));
    @Module({
      imports: [
        HttpKitModule.forRoot({ apiPrefix: 'api/v1', apiKey: 'k'.repeat(16) }),
        DashboardModule.register(fakeBuild(root)),
      ],
      controllers: [ThingsController],
    })
    class TestApp {}
    app = await createHttpApp(TestApp, { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the page at / and at its own URLs, without the API key', async () => {
    for (const url of ['/', '/operations/op_dummy_20260101_120000_0123abcd', '/models/rsi/3']) {
      const res = await request(app.getHttpServer()).get(url).expect(200);
      expect(res.text).toContain('<title>page</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets as immutable, and a missing asset is a 404, not the page', async () => {
    const res = await request(app.getHttpServer()).get('/assets/index-abc.js').expect(200);
    expect(res.headers['cache-control']).toContain('immutable');
    const missing = await request(app.getHttpServer()).get('/assets/gone.js');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<title>page</title>');
  });

  it('never shadows the API: its routes keep the key check and JSON 404s', async () => {
    await request(app.getHttpServer()).get('/api/v1/things').expect(401);
    const unknown = await request(app.getHttpServer()).get('/api/v1/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ statusCode: 404 });
    for (const url of ['/api/docs-nope', '/health', '/socket.io/x']) {
      const res = await request(app.getHttpServer()).get(url);
      expect(res.text).not.toContain('<title>page</title>');
    }
  });
});

describe('locateDashboard', () => {
  it('finds a finished build and ignores the web sources', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ktrdr-dashboard-'));
    try {
      const from = path.join(root, 'src', 'dashboard');
      mkdirSync(path.join(root, 'web'), { recursive: true });
      writeFileSync(path.join(root, 'web', 'index.html'), 'sources');
      expect(locateDashboard(from)).toBeNull();
      const dir = fakeBuild(root);
      expect(locateDashboard(from)).toBe(dir);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
