import { HttpStatus } from '@nestjs/common';
import { AppError, defineErrorCodes } from '@ktrdr/http-kit';
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
  InvalidSymbol = 'INVALID_SYMBOL',
  InvalidDateRange = 'INVALID_DATE_RANGE',
  InvalidArtifactName = 'INVALID_ARTIFACT_NAME',
  ArtifactNotFound = 'ARTIFACT_NOT_FOUND',
}

export const TRAINING_HOST_ERROR_CODES = defineErrorCodes({
  [TrainingHostErrorCode.SessionNotFound]: HttpStatus.NOT_FOUND,
  [TrainingHostErrorCode.SessionFinished]: HttpStatus.CONFLICT,
  [TrainingHostErrorCode.SessionNotCompleted]: HttpStatus.CONFLICT,
  [TrainingHostErrorCode.TooManySessions]: HttpStatus.TOO_MANY_REQUESTS,
  [TrainingHostErrorCode.ShuttingDown]: HttpStatus.SERVICE_UNAVAILABLE,
  [TrainingHostErrorCode.InvalidStrategy]: HttpStatus.UNPROCESSABLE_ENTITY,
  [TrainingHostErrorCode.InvalidBars]: HttpStatus.BAD_REQUEST,
  [TrainingHostErrorCode.InvalidSymbol]: HttpStatus.BAD_REQUEST,
  [TrainingHostErrorCode.InvalidDateRange]: HttpStatus.BAD_REQUEST,
  [TrainingHostErrorCode.InvalidArtifactName]: HttpStatus.BAD_REQUEST,
  [TrainingHostErrorCode.ArtifactNotFound]: HttpStatus.NOT_FOUND,
});

/** 404: no session with that id (never created, expired after its TTL, or lost in a restart). */
export class SessionNotFoundError extends AppError {
  constructor(id: string) {
    super(TrainingHostErrorCode.SessionNotFound, `Training session '${id}' not found`);
  }
}

/** 409: a stop on a session that has already ended. */
export class SessionFinishedError extends AppError {
  constructor(id: string, status: TrainingSessionStatus) {
    super(TrainingHostErrorCode.SessionFinished, `Training session '${id}' is ${status}`, {
      details: { status },
    });
  }
}

/** 409: the result or an artifact of a session that has not completed (yet, or ever). */
export class SessionNotCompletedError extends AppError {
  constructor(id: string, status: TrainingSessionStatus) {
    super(
      TrainingHostErrorCode.SessionNotCompleted,
      `Training session '${id}' is ${status}, not completed`,
      { details: { status } },
    );
  }
}

/** 429: the host trains as many sessions as it may; retry after `Retry-After` seconds. */
export class TooManySessionsError extends AppError {
  constructor(limit: number, retryAfterSeconds: number) {
    super(
      TrainingHostErrorCode.TooManySessions,
      `The training host is at its limit of ${limit} running session(s)`,
      { retryAfterSeconds, details: { max_sessions: limit } },
    );
  }
}

/** 503: the host is shutting down and takes no new session. */
export class ShuttingDownError extends AppError {
  constructor() {
    super(TrainingHostErrorCode.ShuttingDown, 'The training host is shutting down');
  }
}

/** 422: the strategy file has problems; `details.problems` lists them all. */
export class InvalidSessionStrategyError extends AppError {
  constructor(problems: StrategyProblem[]) {
    super(TrainingHostErrorCode.InvalidStrategy, `Invalid strategy: ${describe(problems)}`, {
      details: { problems },
    });
  }
}

/** 400: the bars do not fit the request; `details.problems` lists each with its path. */
export class InvalidBarsError extends AppError {
  constructor(problems: StrategyProblem[]) {
    super(TrainingHostErrorCode.InvalidBars, `Invalid bars: ${describe(problems)}`, {
      details: { problems },
    });
  }
}

/** 400: an artifact name that is not a plain relative path (`..`, absolute, backslash). */
export class InvalidArtifactNameError extends AppError {
  constructor(file: string) {
    super(
      TrainingHostErrorCode.InvalidArtifactName,
      `Invalid artifact name '${file}': a relative path without '..' segments`,
    );
  }
}

/** 404: no such file in the session's artifact manifest. */
export class ArtifactNotFoundError extends AppError {
  constructor(id: string, file: string) {
    super(
      TrainingHostErrorCode.ArtifactNotFound,
      `Training session '${id}' has no artifact '${file}'`,
    );
  }
}

function describe(problems: StrategyProblem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('; ');
}
