import { lastValueFrom, toArray } from 'rxjs';
import type { TrainingSessionEvent } from '@ktrdr/training-engine';
import { initialProgress } from './session-progress';
import { SessionEventLog } from './session-event-log';

const progress = (percentage: number) =>
  ({ type: 'progress', progress: { ...initialProgress(), percentage } }) as const;
const epoch = (n: number) =>
  ({
    type: 'epoch',
    metrics: {
      epoch: n,
      epochs: 3,
      train_loss: 1,
      val_loss: 1,
      train_accuracy: 0,
      val_accuracy: 0,
    },
  }) as const;

describe('SessionEventLog', () => {
  it('replays epochs and only the newest progress, then continues live until the status', async () => {
    const log = new SessionEventLog();
    log.append(progress(1));
    log.append(epoch(1));
    log.append(progress(2));
    const seen: TrainingSessionEvent[] = [];
    const done = lastValueFrom(log.events$(0).pipe(toArray()));
    log.events$(0).subscribe((e) => seen.push(e));
    expect(seen.map((e) => e.seq)).toEqual([2, 3]);
    log.append(progress(3));
    log.append({ type: 'status', status: 'completed', error: null });
    log.append(progress(4)); // after the status: never delivered
    log.close();
    expect((await done).map((e) => [e.seq, e.type])).toEqual([
      [2, 'epoch'],
      [3, 'progress'],
      [4, 'progress'],
      [5, 'status'],
    ]);
    expect(log.lastSeq).toBe(6);
  });

  it('resumes after a seq and ends at once for a closed log', async () => {
    const log = new SessionEventLog();
    log.append(epoch(1));
    log.append(epoch(2));
    log.append({ type: 'status', status: 'stopped', error: null });
    log.close();
    const events = await lastValueFrom(log.events$(1).pipe(toArray()));
    expect(events.map((e) => e.seq)).toEqual([2, 3]);
    expect(log.append(epoch(3))).toBeUndefined();
  });
});
