import type { Server } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createKitTestApp } from '../testing/kit-test-app';
import { listHttpRoutes, undocumentedRoutes } from './undocumented-routes';

const openApi = {
  title: 'Kit test',
  description: 'The kit test app',
  version: '9',
  extensions: { 'x-socketio': { namespace: '/things' } },
};

describe('OpenAPI document (HttpKitModule openApi option)', () => {
  let app: NestExpressApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const server = (): Server => app!.getHttpServer();

  async function boot(options: Parameters<typeof createKitTestApp>[0]): Promise<void> {
    app = await createKitTestApp(options);
    await app.init();
  }

  it('serves the JSON document and Swagger UI without the API key', async () => {
    await boot({ apiKey: 'secret', openApi });
    await request(server()).get('/fast').expect(401);
    const res = await request(server()).get('/api/openapi.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({
      openapi: expect.stringMatching(/^3\./),
      info: { title: 'Kit test', description: 'The kit test app', version: '9' },
      'x-socketio': { namespace: '/things' },
      security: [{ bearer: [] }, { 'api-key': [] }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          'api-key': { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
    });
    const ui = await request(server()).get('/api/docs').expect(200);
    expect(ui.headers['content-type']).toMatch(/^text\/html/);
    expect(ui.text).toContain('swagger-ui');
  });

  it('documents every route the app serves; a route outside Nest is reported', async () => {
    await boot({ openApi, apiPrefix: 'api/v1' });
    const { body } = await request(server()).get('/api/openapi.json').expect(200);
    expect(listHttpRoutes(app!)).toEqual(
      expect.arrayContaining(['GET /api/v1/health', 'POST /api/v1/items']),
    );
    expect(undocumentedRoutes(app!, body)).toEqual([]);

    app!
      .getHttpAdapter()
      .get('/raw/:thing', (_req: unknown, res: { end: () => void }) => res.end());
    expect(undocumentedRoutes(app!, body)).toEqual(['GET /raw/{thing}']);
  });

  it('marks @Public() routes without security; others answer 401, all 500, with ErrorResponse', async () => {
    await boot({ openApi, apiKeyHeaders: ['x-api-key'] });
    const { body } = await request(server()).get('/api/openapi.json').expect(200);
    expect(body.security).toEqual([{ 'api-key': [] }]);
    expect(body.components.securitySchemes.bearer).toBeUndefined();
    const health = body.paths['/health'].get;
    expect(health.security).toEqual([]);
    expect(health.responses['401']).toBeUndefined();
    const items = body.paths['/items'].post;
    expect(items.security).toBeUndefined();
    const ref = { $ref: '#/components/schemas/ErrorResponse' };
    expect(items.responses['401'].content['application/json'].schema).toEqual(ref);
    expect(items.responses['500'].content['application/json'].schema).toEqual(ref);
    expect(body.components.schemas.ErrorResponse.required).toEqual(
      expect.arrayContaining(['statusCode', 'error', 'message', 'code']),
    );
  });

  it('serves no docs unless asked to', async () => {
    await boot({});
    await request(server()).get('/api/openapi.json').expect(404);
    await request(server()).get('/api/docs').expect(404);
  });
});
