/** A small seeded PRNG (mulberry32): the same seed gives the same sequence everywhere. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, 2³¹). */
  nextInt(): number {
    return Math.floor(this.next() * 2147483648);
  }

  /** Fisher–Yates shuffle in place. */
  shuffle(values: Uint32Array): Uint32Array {
    for (let i = values.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = values[i]!;
      values[i] = values[j]!;
      values[j] = tmp;
    }
    return values;
  }
}
