import type { MessageEvent } from '@nestjs/common';
import { Subject } from 'rxjs';
import { SSE_KEEP_ALIVE_MESSAGE, withSseKeepAlive } from './sse-keep-alive.operator';

describe('withSseKeepAlive', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('interleaves a keep-alive comment per interval while writable, and stops with the source', () => {
    const source = new Subject<MessageEvent>();
    let writable = true;
    const seen: MessageEvent[] = [];
    let completed = false;
    source.pipe(withSseKeepAlive(1000, () => writable)).subscribe({
      next: (m) => seen.push(m),
      complete: () => (completed = true),
    });
    source.next({ data: 'one' });
    jest.advanceTimersByTime(1000);
    writable = false;
    jest.advanceTimersByTime(1000);
    writable = true;
    jest.advanceTimersByTime(1000);
    source.complete();
    jest.advanceTimersByTime(5000);
    expect(seen).toEqual([{ data: 'one' }, SSE_KEEP_ALIVE_MESSAGE, SSE_KEEP_ALIVE_MESSAGE]);
    expect(completed).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });
});
