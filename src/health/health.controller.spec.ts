import request from 'supertest';
import { createTestApp, type TestApp } from '../common/testing/test-app';

describe('GET /api/v1/health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers ok', async () => {
    const res = await request(t.url).get('/api/v1/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', active_operations: 0, execution_mode: 'in-process' });
  });
});
