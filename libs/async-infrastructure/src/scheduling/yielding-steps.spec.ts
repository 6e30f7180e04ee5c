import { EventLoopYielder } from './event-loop-yielder';
import { runSteps, runStepsYielding, type Steps } from './yielding-steps';

function* sumSteps(n: number, seen: number[]): Steps<number> {
  let sum = 0;
  for (let i = 1; i <= n; i++) {
    yield;
    seen.push(i);
    sum += i;
  }
  return sum;
}

describe('runSteps / runStepsYielding', () => {
  it('run the same steps to the same result', async () => {
    expect(runSteps(sumSteps(10, []))).toBe(55);
    await expect(runStepsYielding(sumSteps(10, []))).resolves.toBe(55);
  });

  it('runSteps never gives the loop a turn', () => {
    let turns = 0;
    const probe = setImmediate(() => turns++);
    expect(runSteps(sumSteps(1000, []))).toBe(500_500);
    expect(turns).toBe(0);
    clearImmediate(probe);
  });

  it('runStepsYielding lets a setImmediate run between steps once the slice is used up', async () => {
    const seen: number[] = [];
    let seenAtProbe = -1;
    setImmediate(() => (seenAtProbe = seen.length));
    // A zero budget: every pause point is a turn of the loop.
    await runStepsYielding(sumSteps(5, seen), new EventLoopYielder(0));
    expect(seenAtProbe).toBeGreaterThanOrEqual(0);
    expect(seenAtProbe).toBeLessThan(5);
  });

  it('runStepsYielding does not yield while the slice lasts', async () => {
    let turns = 0;
    const probe = setImmediate(() => turns++);
    await runStepsYielding(sumSteps(100, []), new EventLoopYielder(60_000));
    expect(turns).toBe(0);
    clearImmediate(probe);
  });
});
