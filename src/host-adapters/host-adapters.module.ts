import { Module } from '@nestjs/common';
import { AdapterRegistry } from '@ktrdr/async-infrastructure';
import { HostAdapterFactory } from './host-adapter.factory';

/**
 * Clients of the host services (ARCHITECTURE.md): the factory that makes them and the
 * AdapterRegistry that lists them for diagnostics.
 */
@Module({
  providers: [AdapterRegistry, HostAdapterFactory],
  exports: [AdapterRegistry, HostAdapterFactory],
})
export class HostAdaptersModule {}
