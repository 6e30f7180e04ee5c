import { Body, Controller, Get, Logger, Module, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { IsInt, IsString, Min } from 'class-validator';
import request from 'supertest';
import { configureApp } from './configure-app';

class ThingDto {
  @IsString()
  name!: string;

  @Min(1)
  @IsInt()
  count!: number;
}

class CodedFailure extends Error {
  readonly code = 'SHUTTING_DOWN';
}

@Controller('probe')
class ProbeController {
  @Post()
  create(@Body() dto: ThingDto): ThingDto {
    return dto;
  }

  @Get('boom')
  boom(): never {
    throw new Error('database password is hunter2');
  }

  @Get('coded')
  coded(): never {
    throw new CodedFailure('not now');
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('configureApp', () => {
  let app: NestExpressApplication;
  let api: () => ReturnType<typeof request>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    configureApp(app);
    await app.init();
    api = () => request(app.getHttpServer());
  });
  afterAll(() => app.close());

  it('serves routes under /api/v1 and transforms validated DTOs', async () => {
    const res = await api().post('/api/v1/probe').send({ name: 'x', count: 2 }).expect(201);
    expect(res.body).toEqual({ name: 'x', count: 2 });
    await api().post('/probe').send({ name: 'x', count: 2 }).expect(404);
  });

  it('answers an unknown route with the JSON error shape', async () => {
    const res = await api().get('/api/v1/nowhere').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'Cannot GET /api/v1/nowhere',
      code: 'NOT_FOUND',
    });
  });

  it('lists one problem per invalid field', async () => {
    const res = await api().post('/api/v1/probe').send({ count: 'x', extra: 1 }).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: [
        'property extra should not exist',
        'name must be a string',
        'count must be an integer number',
      ],
      code: 'VALIDATION_FAILED',
    });
  });

  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    const res = await api()
      .post('/api/v1/probe')
      .set('content-type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'INVALID_JSON' });
  });

  it('maps a coded error through the status table', async () => {
    const res = await api().get('/api/v1/probe/coded').expect(503);
    expect(res.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'not now',
      code: 'SHUTTING_DOWN',
    });
  });

  it('answers an unexpected error with 500 and a correlation id, logging the stack only', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const res = await api().get('/api/v1/probe/boom').expect(500);
    expect(res.body.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
    const id = res.body.correlation_id as string;
    expect(res.body.message).toContain(id);
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]?.[0])).toContain(id);
    expect(String(logged.mock.calls[0]?.[0])).toContain('database password is hunter2');
    logged.mockRestore();
  });
});
