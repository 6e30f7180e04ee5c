import { ApiClient } from './api-client';
import { ExitCode } from './exit-codes';
import { OperationWatcher, type OperationWatcherOptions } from './operation-watcher';
import { createProgressDisplay } from './progress-display';
import type { OutputStream, ProgressDisplay } from './progress-display.types';

export const DEFAULT_API_URL = 'http://127.0.0.1:8000';

/** Where Ctrl+C comes from: `process` in production, any EventEmitter in tests. */
export interface SignalSource {
  on(event: 'SIGINT', listener: () => void): unknown;
  off(event: 'SIGINT', listener: () => void): unknown;
}

/** Everything the CLI touches outside itself, injected so tests can run it in-process. */
export interface CliIo {
  /** Results: tables, details, the final status line. */
  stdout: OutputStream;
  /** Progress, notices and errors. */
  stderr: OutputStream;
  env: Readonly<Record<string, string | undefined>>;
  signals: SignalSource;
  /** Reconnection tuning of the event-stream watcher. */
  watcher?: OperationWatcherOptions;
  now?: () => number;
}

/** The global options, as commander parsed them. */
export interface GlobalOptions {
  apiUrl?: string;
  apiKey?: string;
}

/** What every command gets: I/O, the API client built from the global options, the exit code. */
export class CliContext {
  private client: ApiClient | undefined;
  private code: number = ExitCode.Ok;

  constructor(
    readonly io: CliIo,
    private readonly globalOptions: () => GlobalOptions,
  ) {}

  get stdout(): OutputStream {
    return this.io.stdout;
  }

  get stderr(): OutputStream {
    return this.io.stderr;
  }

  get exitCode(): number {
    return this.code;
  }

  /** Commands report how they ended here; runCli returns it. */
  setExitCode(code: number): void {
    this.code = code;
  }

  /** The API client: flags win over KTRDR_API_URL / KTRDR_API_KEY, then the default URL. */
  api(): ApiClient {
    if (!this.client) {
      const options = this.globalOptions();
      this.client = new ApiClient({
        baseUrl: options.apiUrl ?? (this.io.env.KTRDR_API_URL || DEFAULT_API_URL),
        apiKey: options.apiKey ?? (this.io.env.KTRDR_API_KEY || undefined),
      });
    }
    return this.client;
  }

  createWatcher(): OperationWatcher {
    return new OperationWatcher(this.api(), this.io.watcher);
  }

  createDisplay(): ProgressDisplay {
    return createProgressDisplay(this.io.stderr, this.io.now);
  }
}
