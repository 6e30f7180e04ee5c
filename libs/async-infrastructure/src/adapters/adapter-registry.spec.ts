import { Test } from '@nestjs/testing';
import { AdapterRegistry } from './adapter-registry';
import { HOST_ADAPTERS } from './adapters.constants';
import { TestAdapter } from './testing/test-adapter';

describe('AdapterRegistry wiring', () => {
  it('receives the adapters provided under HOST_ADAPTERS, and closes them with the module', async () => {
    const moduleRef = await Test.createTestingModule({
      providers: [
        {
          provide: 'A',
          useFactory: () =>
            new TestAdapter({ name: 'a', baseUrl: 'http://127.0.0.1:1', maxSockets: 1 }),
        },
        { provide: HOST_ADAPTERS, useFactory: (a: TestAdapter) => [a], inject: ['A'] },
        AdapterRegistry,
      ],
    }).compile();
    const registry = moduleRef.get(AdapterRegistry);
    const adapter = moduleRef.get<TestAdapter>('A');
    expect(registry.list()).toEqual([adapter]);
    const close = jest.spyOn(adapter, 'close');
    await moduleRef.close();
    expect(close).toHaveBeenCalled();
  });

  it('starts empty without HOST_ADAPTERS', async () => {
    const moduleRef = await Test.createTestingModule({ providers: [AdapterRegistry] }).compile();
    expect(moduleRef.get(AdapterRegistry).statistics()).toEqual([]);
    await moduleRef.close();
  });
});
