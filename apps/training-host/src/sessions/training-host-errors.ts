import { HostServiceError } from '@ktrdr/host-service';
import type { StrategyProblem, TrainingSessionStatus } from '@ktrdr/training-engine';

/** The training host's own error codes (the kit adds VALIDATION_FAILED, INVALID_JSON…). */
export enum TrainingHostErrorCode {
  SessionNotFound = 'SESSION_NOT_FOUND',
  SessionFinished = 'SESSION_FINISHED',
  SessionNotCompleted = 'SESSION_NOT_COMPLETED',
  TooManySessions = 'TOO_MANY_SESSIONS',
  ShuttingDown = 'SHUTTING_DOWN',
  InvalidStrategy = 'INVALID_STRATEGY',
  InvalidBars = 'INVALID_BARS',
  InvalidRequest = 'INVALID_REQUEST',
  InvalidArtifactName = 'INVALID_ARTIFACT_NAME',
  ArtifactNotFound = 'ARTIFACT_NOT_FOUND',
}

/** 404: no session with that id (never created, expired after its TTL, or lost in a restart). */
export class SessionNotFoundError extends HostServiceError {
  constructor(id: string) {
    super(404, TrainingHostErrorCode.SessionNotFound, `Training session '${id}' not found`);
  }
}

/** 409: a stop on a session that has already ended. */
export class SessionFinishedError extends HostServiceError {
  constructor(id: string, status: TrainingSessionStatus) {
    super(409, TrainingHostErrorCode.SessionFinished, `Training session '${id}' is ${status}`, {
      details: { status },
    });
  }
}

/** 409: the result or an artifact of a session that has not completed (yet, or ever). */
export class SessionNotCompletedError extends HostServiceError {
  constructor(id: string, status: TrainingSessionStatus) {
    super(
      409,
      TrainingHostErrorCode.SessionNotCompleted,
      `Training session '${id}' is ${status}, not completed`,
      { details: { status } },
    );
  }
}

/** 429: the host trains as many sessions as it may; retry after `Retry-After` seconds. */
export class TooManySessionsError extends HostServiceError {
  constructor(limit: number, retryAfterSeconds: number) {
    super(
      429,
      TrainingHostErrorCode.TooManySessions,
      `The training host is at its limit of ${limit} running session(s)`,
      { retryAfterSeconds, details: { max_sessions: limit } },
    );
  }
}

/** 503: the host is shutting down and takes no new session. */
export class ShuttingDownError extends HostServiceError {
  constructor() {
    super(503, TrainingHostErrorCode.ShuttingDown, 'The training host is shutting down');
  }
}

/** 422: the strategy file has problems; `details.problems` lists them all. */
export class InvalidSessionStrategyError extends HostServiceError {
  constructor(problems: StrategyProblem[]) {
    super(
      422,
      TrainingHostErrorCode.InvalidStrategy,
      `Invalid strategy: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      { details: { problems } },
    );
  }
}

/** 400: the bars do not fit the request; `details.problems` lists each with its path. */
export class InvalidBarsError extends HostServiceError {
  constructor(problems: StrategyProblem[]) {
    super(
      400,
      TrainingHostErrorCode.InvalidBars,
      `Invalid bars: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      { details: { problems } },
    );
  }
}

/** 400: a request the routes cannot read (a body that is not an object, a bad header). */
export class InvalidRequestError extends HostServiceError {
  constructor(message: string) {
    super(400, TrainingHostErrorCode.InvalidRequest, message);
  }
}

/** 400: an artifact name that is not a plain relative path (`..`, absolute, backslash). */
export class InvalidArtifactNameError extends HostServiceError {
  constructor(file: string) {
    super(
      400,
      TrainingHostErrorCode.InvalidArtifactName,
      `Invalid artifact name '${file}': a relative path without '..' segments`,
    );
  }
}

/** 404: no such file in the session's artifact manifest. */
export class ArtifactNotFoundError extends HostServiceError {
  constructor(id: string, file: string) {
    super(
      404,
      TrainingHostErrorCode.ArtifactNotFound,
      `Training session '${id}' has no artifact '${file}'`,
    );
  }
}
