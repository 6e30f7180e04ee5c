import { Writable } from 'node:stream';

/** A writable that keeps what was written and lets a test await a pattern in it. */
export class CapturedOutput extends Writable {
  text = '';
  isTTY = false;
  private waiters: { pattern: RegExp; resolve: () => void }[] = [];

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += String(chunk);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.pattern.test(this.text)) return true;
      waiter.resolve();
      return false;
    });
    done();
  }

  /** Resolves as soon as the output matches `pattern` (at once if it already does). */
  waitFor(pattern: RegExp): Promise<void> {
    if (pattern.test(this.text)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ pattern, resolve }));
  }
}
