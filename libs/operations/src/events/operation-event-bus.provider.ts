import type { Provider } from '@nestjs/common';
import {
  OPERATIONS_MODULE_OPTIONS,
  type OperationsModuleOptions,
} from '../operations.module-definition';
import { InMemoryOperationEventBus } from './in-memory-operation-event-bus';
import { OperationEventBus } from './operation-event-bus';
import { RedisOperationEventBus } from './redis-operation-event-bus';

/**
 * The event bus of the module's options: in queued mode the one shared on Redis (every process
 * relays the others' events to its subscribers; an API process from the start), otherwise the
 * in-memory one.
 */
export const OPERATION_EVENT_BUS_PROVIDER: Provider = {
  provide: OperationEventBus,
  useFactory: ({ queued }: OperationsModuleOptions): OperationEventBus =>
    queued === undefined
      ? new InMemoryOperationEventBus()
      : new RedisOperationEventBus({
          redisUrl: queued.redisUrl,
          prefix: queued.redisPrefix,
          relayAtStart: queued.role === 'api',
        }),
  inject: [OPERATIONS_MODULE_OPTIONS],
};
