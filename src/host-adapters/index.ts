export { HostAdaptersModule } from './host-adapters.module';
export { HostAdapterFactory } from './host-adapter.factory';
export { IbDataAdapter, type IbDataAdapterOptions } from './ib-data-adapter';
export { toProviderError, type HostCallSubject } from './host-error.mapper';
export { TrainingAdapter, type TrainingAdapterOptions } from './training-adapter';
export {
  HostSessionManager,
  type HostSessionManagerOptions,
  type HostSessionRun,
} from './host-session.manager';
export { HostSessionError, HostSessionErrorCode } from './host-session.errors';
