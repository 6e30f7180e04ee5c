import { Inject, Injectable, Optional } from '@nestjs/common';
import type { AdapterStatistics, HostHealth } from './adapter-statistics';
import { HOST_ADAPTERS } from './adapters.constants';
import type { AsyncServiceAdapter } from './async-service-adapter';

/** One adapter's health as the diagnostics route lists it. */
export interface AdapterHealthReport extends HostHealth {
  name: string;
  base_url: string;
}

/**
 * The adapters of the process, for the API's diagnostics route: each adapter is registered
 * once (through the `HOST_ADAPTERS` token or `register`), by its unique name.
 */
@Injectable()
export class AdapterRegistry {
  private readonly adapters = new Map<string, AsyncServiceAdapter>();

  constructor(@Optional() @Inject(HOST_ADAPTERS) adapters?: readonly AsyncServiceAdapter[]) {
    for (const adapter of adapters ?? []) this.register(adapter);
  }

  /**
   * Adds an adapter; returns the function removing it. Registering the same instance twice
   * is a no-op; another adapter with a taken name is an error.
   */
  register(adapter: AsyncServiceAdapter): () => void {
    const existing = this.adapters.get(adapter.name);
    if (existing && existing !== adapter) {
      throw new Error(`An adapter named "${adapter.name}" is already registered`);
    }
    this.adapters.set(adapter.name, adapter);
    return () => {
      if (this.adapters.get(adapter.name) === adapter) this.adapters.delete(adapter.name);
    };
  }

  /** The registered adapters, in registration order. */
  list(): AsyncServiceAdapter[] {
    return [...this.adapters.values()];
  }

  /** Statistics of every registered adapter. */
  statistics(): AdapterStatistics[] {
    return this.list().map((adapter) => adapter.statistics());
  }

  /** Health of every registered adapter's host, checked concurrently (never rejects). */
  health(): Promise<AdapterHealthReport[]> {
    return Promise.all(
      this.list().map(async (adapter) => {
        const { name, base_url } = adapter.statistics();
        return { name, base_url, ...(await adapter.health()) };
      }),
    );
  }
}
