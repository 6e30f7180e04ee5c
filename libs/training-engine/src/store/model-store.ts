import { TrainingEngineError, TrainingEngineErrorCode } from '../errors';
import type { ModelVersionInfo, PublishModelInput } from './model-store.types';

/** No such strategy / version in the store. */
export class ModelNotFoundError extends TrainingEngineError {
  constructor(strategy: string, version?: string) {
    super(
      TrainingEngineErrorCode.MODEL_NOT_FOUND,
      version === undefined
        ? `No model for strategy '${strategy}'`
        : `Model '${strategy}/${version}' not found`,
    );
  }
}

/** A version (or strategy) name that is malformed or would escape the models folder. */
export class InvalidModelVersionError extends TrainingEngineError {
  constructor(message: string) {
    super(TrainingEngineErrorCode.INVALID_MODEL_VERSION, message);
  }
}

/** The model registry on disk. */
export class ModelStore {
  constructor(readonly modelsDir: string) {}

  publish(input: PublishModelInput): Promise<ModelVersionInfo> {
    void input;
    throw new Error('not implemented');
  }

  list(strategy?: string): Promise<ModelVersionInfo[]> {
    void strategy;
    throw new Error('not implemented');
  }

  get(strategy: string, version: string): Promise<ModelVersionInfo> {
    void strategy;
    void version;
    throw new Error('not implemented');
  }

  remove(strategy: string, version: string): Promise<void> {
    void strategy;
    void version;
    throw new Error('not implemented');
  }
}
