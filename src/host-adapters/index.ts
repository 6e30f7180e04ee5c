export { HostAdaptersModule } from './host-adapters.module';
export { HostAdapterFactory } from './host-adapter.factory';
export { IbDataAdapter, type IbDataAdapterOptions } from './ib-data-adapter';
export { toProviderError, type HostCallSubject } from './host-error.mapper';
