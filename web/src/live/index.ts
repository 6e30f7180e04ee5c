export {
  connectionState,
  operationsConnection,
  type ConnectionState,
  type ConnectionStatus,
} from './connection';
export { frameBatch } from './frame-batch';
