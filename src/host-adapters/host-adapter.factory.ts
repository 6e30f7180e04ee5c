import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { AdapterRegistry } from '@ktrdr/async-infrastructure';
import { IbDataAdapter, type IbDataAdapterOptions } from './ib-data-adapter';
import { TrainingAdapter, type TrainingAdapterOptions } from './training-adapter';

/**
 * Creates the host-service adapters the domain services route to (a service decides its
 * venue at boot, so adapters are made on demand rather than for every process), registers
 * each in the AdapterRegistry for the diagnostics route, and closes their pools on shutdown
 * (after the running operations were drained).
 */
@Injectable()
export class HostAdapterFactory implements OnApplicationShutdown {
  private ibDataAdapter: IbDataAdapter | null = null;
  private readonly trainingAdapters = new Map<string, TrainingAdapter>();
  private readonly unregister: (() => void)[] = [];

  constructor(private readonly registry: AdapterRegistry) {}

  /** The data host's client; one per process (asking again returns the same one). */
  ibData(options: IbDataAdapterOptions): IbDataAdapter {
    if (this.ibDataAdapter) {
      const current = this.ibDataAdapter.statistics().base_url;
      if (current !== options.baseUrl.replace(/\/+$/, '')) {
        throw new Error(`The data host adapter already points at ${current}`);
      }
      return this.ibDataAdapter;
    }
    const adapter = new IbDataAdapter(options);
    this.unregister.push(this.registry.register(adapter));
    this.ibDataAdapter = adapter;
    return adapter;
  }

  /** The training host's client for a base URL (one pool per host, made on first use). */
  training(options: TrainingAdapterOptions): TrainingAdapter {
    const key = options.baseUrl.replace(/\/+$/, '');
    let adapter = this.trainingAdapters.get(key);
    if (!adapter) {
      adapter = new TrainingAdapter(options);
      this.unregister.push(this.registry.register(adapter));
      this.trainingAdapters.set(key, adapter);
    }
    return adapter;
  }

  /** After shutdown drained the operations (which may still be calling the hosts). */
  async onApplicationShutdown(): Promise<void> {
    for (const unregister of this.unregister.splice(0)) unregister();
    await this.ibDataAdapter?.close();
    this.ibDataAdapter = null;
    for (const adapter of this.trainingAdapters.values()) adapter.close();
    this.trainingAdapters.clear();
  }
}
