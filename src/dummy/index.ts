export { DummyModule } from './dummy.module';
export { DummyApiModule } from './dummy-api.module';
export {
  DummyFailureError,
  DummyOperation,
  type DummyParams,
  type DummyResult,
} from './dummy.operation';
export { StartDummyDto } from './dto/start-dummy.dto';
