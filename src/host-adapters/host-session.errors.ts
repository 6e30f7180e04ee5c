import { AppError } from '@ktrdr/http-kit';

/** Codes of a host training session's failures (the operation's `error.code`). */
export enum HostSessionErrorCode {
  /** The host no longer knows the session (it restarted) or stayed unreachable too long. */
  HOST_SESSION_LOST = 'HOST_SESSION_LOST',
  /** The host could not be reached, or refused, when the session was to start. */
  HOST_UNAVAILABLE = 'HOST_UNAVAILABLE',
  /** The session ended `failed` on the host (its own code and message follow). */
  HOST_TRAINING_FAILED = 'HOST_TRAINING_FAILED',
  /** An artifact's bytes do not match the sha256 of the host's manifest. */
  ARTIFACT_CHECKSUM_MISMATCH = 'ARTIFACT_CHECKSUM_MISMATCH',
}

/** A host session failure with its code (it ends an operation; no HTTP answer carries it). */
export class HostSessionError extends AppError {
  declare readonly code: HostSessionErrorCode;

  constructor(code: HostSessionErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
