import { API_KEY_MIN_LENGTH } from '../auth/api-key.verifier';
import { isLoopbackAddress } from '../server/loopback-address';

/**
 * Reads a host app's environment at boot, collecting every problem instead of stopping at the
 * first (the app then refuses to start with the whole list).
 */
export class HostEnvReader {
  /** What is wrong so far, one readable line each. */
  readonly problems: string[] = [];

  constructor(private readonly env: Record<string, string | undefined>) {}

  /** The trimmed value; unset or blank is undefined. */
  text(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  /** A whole number in [min, max]; `fallback` when unset, or (with a problem) when invalid. */
  integer<T extends number | undefined>(
    name: string,
    fallback: T,
    min: number,
    max: number,
  ): number | T {
    const raw = this.text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  /**
   * The shared key in `variable`: required when `host` is not a loopback address, and at least
   * {@link API_KEY_MIN_LENGTH} characters whenever set.
   */
  apiKey(variable: string, host: string): string | undefined {
    const key = this.text(variable);
    if (!key && !isLoopbackAddress(host)) {
      this.problems.push(`${variable} is required when HOST (${host}) is not a loopback address`);
    } else if (key && key.length < API_KEY_MIN_LENGTH) {
      this.problems.push(`${variable} must be at least ${API_KEY_MIN_LENGTH} characters long`);
    }
    return key;
  }
}
