import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import request from 'supertest';
import { undocumentedRoutes } from '@ktrdr/http-kit';
import { createTestApp, type TestApp } from './common/testing/test-app';

interface SocketDoc {
  namespace: string;
  client_messages: Record<string, { payload?: unknown }>;
  server_events: Record<string, { payload?: unknown }>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

function operations(document: OpenAPIObject): [string, OperationObject][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      return operation ? [[`${method.toUpperCase()} ${path}`, operation] as const] : [];
    }),
  ) as [string, OperationObject][];
}

describe('API OpenAPI document', () => {
  let api: TestApp;
  let document: OpenAPIObject;

  beforeAll(async () => {
    api = await createTestApp({ API_KEY: 'a-long-enough-api-key-for-tests' });
    document = (await request(api.url).get('/api/openapi.json').expect(200)).body as OpenAPIObject;
  });
  afterAll(() => api?.close());

  it('is public OpenAPI 3 (no key needed), with Swagger UI beside it', async () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('ktrdr API');
    await request(api.url)
      .get('/api/docs')
      .expect(200)
      .expect('content-type', /text\/html/);
    await request(api.url).get('/api/v1/operations').expect(401);
  });

  it('documents every route the API serves', () => {
    expect(undocumentedRoutes(api.app, document)).toEqual([]);
  });

  it('gives every operation a success answer and the ErrorResponse on 500', () => {
    for (const [route, operation] of operations(document)) {
      const statuses = Object.keys(operation.responses);
      expect({ route, success: statuses.some((s) => /^2/.test(s)) }).toEqual({
        route,
        success: true,
      });
      expect(operation.responses['500']).toMatchObject({
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
      });
    }
  });

  it('marks the public health route without security, the others with the key', () => {
    expect(document.paths['/api/v1/health']!.get!.security).toEqual([]);
    expect(document.security).toEqual([{ bearer: [] }, { 'api-key': [] }]);
    const list = document.paths['/api/v1/operations']!.get!;
    expect(list.security).toBeUndefined();
    expect(list.responses['401']).toBeDefined();
  });

  it('documents the SSE stream: text/event-stream, its events and Last-Event-ID', () => {
    const events = document.paths['/api/v1/operations/{id}/events']!.get!;
    expect(events.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Last-Event-ID', in: 'header' })]),
    );
    const stream = (events.responses['200'] as { content: Record<string, { schema: unknown }> })
      .content['text/event-stream'];
    expect(stream?.schema).toMatchObject({
      oneOf: [
        { $ref: '#/components/schemas/ProgressEventDto' },
        { $ref: '#/components/schemas/StatusEventDto' },
      ],
    });
  });

  it('describes the socket.io gateway beside the routes, with the names the gateway uses', () => {
    const socket = (document as unknown as { 'x-socketio': SocketDoc })['x-socketio'];
    expect(socket.namespace).toBe('/operations');
    expect(Object.keys(socket.client_messages)).toEqual([
      'subscribe',
      'unsubscribe',
      'subscribe_all',
      'unsubscribe_all',
    ]);
    expect(Object.keys(socket.server_events)).toEqual(
      expect.arrayContaining([
        'progress',
        'status',
        'operation_created',
        'operation_status',
        'error',
      ]),
    );
    expect(socket.client_messages['subscribe']?.payload).toEqual({
      $ref: '#/components/schemas/SubscribeOperationDto',
    });
    expect(document.components!.schemas!['SubscribeOperationDto']).toBeDefined();
    expect(document.info.description).toContain('`subscribe_all`');
  });

  it('documents 202 bodies, conflicts and query limits', () => {
    const cancel = document.paths['/api/v1/operations/{id}']!.delete!;
    expect(Object.keys(cancel.responses)).toEqual(expect.arrayContaining(['202', '404', '409']));
    const list = document.paths['/api/v1/operations']!.get!;
    expect(list.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'limit',
          in: 'query',
          schema: expect.objectContaining({ minimum: 1, maximum: 1000, default: 50 }),
        }),
      ]),
    );
    const dummy = document.paths['/api/v1/operations/dummy']!.post!;
    expect(dummy.responses['202']).toMatchObject({
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/StartedOperationDto' } },
      },
    });
  });

  it('documents the training routes: their answers, error statuses and bodies', () => {
    const statuses = (path: string, method: (typeof METHODS)[number]): string[] =>
      Object.keys(document.paths[path]![method]!.responses);
    const expected: [string, (typeof METHODS)[number], string[]][] = [
      ['/api/v1/trainings', 'post', ['202', '400', '404', '422', '503']],
      ['/api/v1/strategies', 'get', ['200']],
      ['/api/v1/strategies/{name}', 'get', ['200', '400', '404']],
      ['/api/v1/strategies/validate', 'post', ['200', '413', '415']],
      ['/api/v1/models', 'get', ['200']],
      ['/api/v1/models/{strategy}/{version}', 'get', ['200', '400', '404']],
      ['/api/v1/models/{strategy}/{version}', 'delete', ['204', '400', '404']],
      ['/api/v1/models/{strategy}/{version}/predict', 'post', ['200', '400', '404']],
    ];
    for (const [path, method, codes] of expected) {
      expect({ path, method, statuses: statuses(path, method) }).toEqual({
        path,
        method,
        statuses: expect.arrayContaining(codes),
      });
    }
    const start = document.paths['/api/v1/trainings']!.post!;
    expect(start.responses['422']).toMatchObject({
      description: expect.stringContaining('INVALID_STRATEGY'),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
    });
    expect(start.requestBody).toMatchObject({
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/StartTrainingDto' } },
      },
    });
    const predict = document.paths['/api/v1/models/{strategy}/{version}/predict']!.post!;
    expect(predict.responses['200']).toMatchObject({
      content: {
        'application/json': { schema: { $ref: '#/components/schemas/PredictResponseDto' } },
      },
    });
    expect(predict.responses['400']).toMatchObject({
      description: expect.stringContaining('SYMBOL_NOT_IN_MODEL'),
    });
    const validate = document.paths['/api/v1/strategies/validate']!.post!;
    expect(Object.keys((validate.requestBody as { content: object }).content)).toEqual(
      expect.arrayContaining(['text/yaml', 'text/plain']),
    );
    const schemas = document.components!.schemas!;
    expect(schemas['StartTrainingDto']).toMatchObject({
      required: ['strategy_name'],
      properties: { execution: { enum: ['local', 'host'] } },
    });
    expect(schemas['ModelVersionInfoDto']).toMatchObject({
      properties: { test_metrics: { $ref: '#/components/schemas/TestMetricsDto' } },
    });
    expect(schemas['StrategyDetailDto']).toMatchObject({
      properties: { problems: { items: { $ref: '#/components/schemas/StrategyProblemDto' } } },
    });
  });
});
