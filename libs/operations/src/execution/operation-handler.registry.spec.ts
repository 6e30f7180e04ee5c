import { Injectable, Module, type Provider, Scope, type Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { OperationRunContext } from '@ktrdr/async-infrastructure';
import { OperationHandler, type OperationHandlerInstance } from './operation-handler';
import { OperationHandlerRegistry } from './operation-handler.registry';
import {
  DuplicateOperationTypeError,
  InvalidOperationHandlerError,
  UnknownOperationTypeError,
} from './execution.errors';

@OperationHandler('alpha')
class AlphaHandler implements OperationHandlerInstance<unknown, string> {
  run(_params: unknown, _ctx: OperationRunContext): Promise<string> {
    return Promise.resolve('alpha');
  }
}

@OperationHandler('beta')
class BetaHandler implements OperationHandlerInstance<unknown, string> {
  run(): Promise<string> {
    return Promise.resolve('beta');
  }
}

@OperationHandler('alpha')
class OtherAlphaHandler implements OperationHandlerInstance {
  run(): Promise<unknown> {
    return Promise.resolve(null);
  }
}

@OperationHandler('gamma')
class GammaHandler implements OperationHandlerInstance {
  run(): Promise<unknown> {
    return Promise.resolve(null);
  }
}

@OperationHandler('no_run')
class NoRunHandler {}

@Injectable({ scope: Scope.REQUEST })
@OperationHandler('per_request')
class RequestScopedHandler implements OperationHandlerInstance {
  run(): Promise<unknown> {
    return Promise.resolve(null);
  }
}

@Injectable()
class PlainService {}

@Module({ providers: [BetaHandler], exports: [] })
class FeatureModule {}

async function boot(
  providers: Provider[],
  imports: Type[] = [],
): Promise<OperationHandlerRegistry> {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule, ...imports],
    providers: [OperationHandlerRegistry, ...providers],
  }).compile();
  await moduleRef.init();
  return moduleRef.get(OperationHandlerRegistry);
}

describe('OperationHandlerRegistry', () => {
  it('finds decorated providers in every module', async () => {
    const registry = await boot([AlphaHandler, PlainService], [FeatureModule]);

    expect(registry.types().sort()).toEqual(['alpha', 'beta']);
    expect(registry.has('beta')).toBe(true);
    expect(registry.get('alpha')).toBeInstanceOf(AlphaHandler);
    await expect(registry.get('beta').run({}, {} as OperationRunContext)).resolves.toBe('beta');
  });

  it('throws UnknownOperationTypeError for a type without handler', async () => {
    const registry = await boot([AlphaHandler]);

    expect(registry.has('gamma')).toBe(false);
    expect(() => registry.get('gamma')).toThrow(UnknownOperationTypeError);
    try {
      registry.get('gamma');
    } catch (e) {
      expect((e as UnknownOperationTypeError).code).toBe('UNKNOWN_OPERATION_TYPE');
    }
  });

  it('fails the boot on a duplicate type', async () => {
    const failure = boot([AlphaHandler, OtherAlphaHandler]);

    await expect(failure).rejects.toBeInstanceOf(DuplicateOperationTypeError);
    await expect(failure).rejects.toMatchObject({ code: 'DUPLICATE_OPERATION_TYPE' });
    await expect(failure).rejects.toThrow(/AlphaHandler and OtherAlphaHandler/);
  });

  it('fails the boot on a decorated class without run', async () => {
    await expect(boot([NoRunHandler])).rejects.toMatchObject({
      name: 'InvalidOperationHandlerError',
      message: expect.stringContaining('no run(params, ctx) method'),
    });
  });

  it('fails the boot on a request-scoped handler', async () => {
    await expect(boot([RequestScopedHandler])).rejects.toBeInstanceOf(InvalidOperationHandlerError);
  });

  it('finds handlers provided through useFactory, useValue and useClass under a token', async () => {
    const registry = await boot([
      { provide: 'ALPHA', useFactory: () => new AlphaHandler() },
      { provide: 'BETA', useValue: new BetaHandler() },
      { provide: 'GAMMA', useClass: GammaHandler },
    ]);

    expect(registry.types().sort()).toEqual(['alpha', 'beta', 'gamma']);
    expect(registry.get('alpha')).toBeInstanceOf(AlphaHandler);
    expect(registry.get('beta')).toBeInstanceOf(BetaHandler);
    expect(registry.get('gamma')).toBeInstanceOf(GammaHandler);
  });

  it('registers a handler and its useExisting alias once', async () => {
    const registry = await boot([AlphaHandler, { provide: 'ALIAS', useExisting: AlphaHandler }]);

    expect(registry.types()).toEqual(['alpha']);
  });

  it('fails the boot, naming the provider, when a factory-made handler has no run', async () => {
    await expect(
      boot([{ provide: 'BROKEN', useFactory: () => new NoRunHandler() }]),
    ).rejects.toMatchObject({
      name: 'InvalidOperationHandlerError',
      message: expect.stringContaining('BROKEN is decorated with @OperationHandler'),
    });
  });
});
