import { AsyncLocalStorage } from 'node:async_hooks';

interface RequestStore {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestStore>();

/**
 * The HTTP request being served in the current async call chain (AsyncLocalStorage): the kit's
 * middleware enters it for every request, the kit's logger prefixes each line with its id.
 */
export const RequestContext = {
  /** Runs `fn` (and everything it awaits or schedules) as part of request `requestId`. */
  run<T>(requestId: string, fn: () => T): T {
    return storage.run({ requestId }, fn);
  },

  /** The current request's id, or undefined outside a request. */
  get requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
};
