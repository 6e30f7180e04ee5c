import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { OPERATION_HANDLER_METADATA, type OperationHandlerInstance } from './operation-handler';
import {
  DuplicateOperationTypeError,
  InvalidOperationHandlerError,
  UnknownOperationTypeError,
} from './execution.errors';

/** Nest's provider wrapper, typed without a deep import into @nestjs/core. */
type ProviderWrapper = ReturnType<DiscoveryService['getProviders']>[number];

/**
 * Finds at boot every provider decorated with `@OperationHandler(type)`, in any module of the
 * app, and answers the handler of a type. A duplicate type, or a decorated provider that is
 * not a singleton with a `run` method, fails the boot with a named error.
 */
@Injectable()
export class OperationHandlerRegistry implements OnModuleInit {
  private readonly handlers = new Map<
    string,
    { instance: OperationHandlerInstance; name: string }
  >();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) this.register(wrapper);
  }

  /** The handler of a type. Throws UnknownOperationTypeError when there is none. */
  get(operationType: string): OperationHandlerInstance {
    const entry = this.handlers.get(operationType);
    if (!entry) throw new UnknownOperationTypeError(operationType);
    return entry.instance;
  }

  /** Whether a handler is registered for the type. */
  has(operationType: string): boolean {
    return this.handlers.has(operationType);
  }

  /** The registered operation types. */
  types(): string[] {
    return [...this.handlers.keys()];
  }

  private register(wrapper: ProviderWrapper): void {
    // An alias (`useExisting`) is the provider it points to, which is registered on its own.
    if (wrapper.isAlias) return;
    const target = handlerClassOf(wrapper);
    if (typeof target !== 'function') return;
    const operationType = this.reflector.get<unknown>(OPERATION_HANDLER_METADATA, target);
    if (operationType === undefined) return;

    const name = typeof wrapper.name === 'string' ? wrapper.name : target.name;
    if (typeof operationType !== 'string' || operationType.length === 0) {
      throw new InvalidOperationHandlerError(name, 'its operation type is not a non-empty string');
    }
    if (!wrapper.isDependencyTreeStatic()) {
      throw new InvalidOperationHandlerError(name, 'it is request- or transient-scoped');
    }
    const instance = wrapper.instance as Partial<OperationHandlerInstance> | undefined;
    if (!instance || typeof instance.run !== 'function') {
      throw new InvalidOperationHandlerError(name, 'it has no run(params, ctx) method');
    }
    const existing = this.handlers.get(operationType);
    if (existing?.instance === instance) return;
    if (existing) throw new DuplicateOperationTypeError(operationType, existing.name, name);
    this.handlers.set(operationType, { instance: instance as OperationHandlerInstance, name });
  }
}

/**
 * The class that may carry `@OperationHandler`. `metatype` is that class for a class provider,
 * but the factory function for `useFactory` (then `inject` is set) and null for `useValue`: for
 * those, the instance's constructor is the class (as `@nestjs/bull`'s explorer finds
 * `@Processor` classes).
 */
function handlerClassOf(wrapper: ProviderWrapper): unknown {
  const instance = wrapper.instance as object | null | undefined;
  return !wrapper.metatype || wrapper.inject ? instance?.constructor : wrapper.metatype;
}
