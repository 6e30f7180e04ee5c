import { AsyncServiceAdapter } from '../async-service-adapter';
import type { AdapterRequest } from '../adapter-request';
import type { AsyncServiceAdapterOptions } from '../adapter-options';

/** A concrete adapter exposing the protected `request` (test support, not product API). */
export class TestAdapter extends AsyncServiceAdapter {
  constructor(options: AsyncServiceAdapterOptions) {
    super(options);
  }

  call<T = unknown>(req: AdapterRequest): Promise<T> {
    return this.request<T>(req);
  }
}
