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

/** A host session failure with its code. */
export class HostSessionError extends Error {
  constructor(
    readonly code: HostSessionErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
