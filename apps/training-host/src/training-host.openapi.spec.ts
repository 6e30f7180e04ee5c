import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { undocumentedRoutes } from '@ktrdr/http-kit';
import { startTrainingHost, type TrainingHostTestApp } from './testing/training-host-test-app';

describe('training host OpenAPI document', () => {
  let host: TrainingHostTestApp;
  let document: OpenAPIObject;

  beforeAll(async () => {
    host = await startTrainingHost({ TRAINING_HOST_API_KEY: 'training-host-key-1234' });
    const res = await request(host.url).get('/api/openapi.json').expect(200);
    document = res.body as OpenAPIObject;
  });
  afterAll(() => host?.close());

  it('is public OpenAPI 3 (no key needed), with Swagger UI beside it', async () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('ktrdr training host');
    await request(host.url)
      .get('/api/docs')
      .expect(200)
      .expect('content-type', /text\/html/);
    await request(host.url).get('/training/sessions/nope').expect(401);
  });

  it('documents every route the host serves', () => {
    expect(undocumentedRoutes(host.app, document)).toEqual([]);
  });

  it('describes the session body, the SSE stream and the stop answers', () => {
    const create = document.paths['/training/sessions']!.post!;
    expect(create.requestBody).toMatchObject({
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/CreateTrainingSessionRequestDto' },
        },
      },
    });
    expect(Object.keys(create.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '413', '422', '429', '503']),
    );
    expect(document.components!.schemas!['CreateTrainingSessionRequestDto']).toMatchObject({
      required: expect.arrayContaining(['strategy_yaml', 'symbols', 'timeframes', 'bars']),
    });
    const events = document.paths['/training/sessions/{id}/events']!.get!;
    expect(Object.keys(events.responses['200']!)).toContain('content');
    expect(events.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Last-Event-ID', in: 'header' })]),
    );
    const stop = document.paths['/training/sessions/{id}/stop']!.post!;
    expect(Object.keys(stop.responses)).toEqual(
      expect.arrayContaining(['200', '202', '404', '409']),
    );
    expect(document.paths['/health']!.get!.security).toEqual([]);
  });
});
