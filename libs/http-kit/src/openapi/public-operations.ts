import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IS_PUBLIC_KEY } from '../auth/public.decorator';

/** The operation id of a controller method: `Controller_method` (Nest's default shape). */
export function operationId(controllerKey: string, methodKey: string): string {
  return controllerKey ? `${controllerKey}_${methodKey}` : methodKey;
}

/**
 * The operation ids of every `@Public()` handler of the app (on the method or its controller),
 * read from the same metadata the API-key guard reads, so the document cannot disagree with it.
 */
export function publicOperationIds(app: NestExpressApplication): Set<string> {
  const reflector = app.get(Reflector);
  const scanner = new MetadataScanner();
  const ids = new Set<string>();
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const instance: unknown = wrapper.instance;
    const { metatype } = wrapper;
    if (typeof instance !== 'object' || instance === null || typeof metatype !== 'function') {
      continue;
    }
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function') continue;
      const isPublic = reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
        handler,
        metatype,
      ]);
      if (isPublic === true) ids.add(operationId(metatype.name, name));
    }
  }
  return ids;
}
