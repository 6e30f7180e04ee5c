import { calendarFor } from '../calendar/calendar-for';
import { instrumentKind, normalizeSymbol, type InstrumentKind } from '../symbols';
import { timeframeMs, type Timeframe } from '../timeframes';
import { emptySeries, type BarSeries } from './bar-series';

/** The earliest synthetic bar: 2015-01-01T00:00:00Z (the first session on or after it). */
export const SYNTHETIC_HEAD_TIMESTAMP = Date.UTC(2015, 0, 1);

/** Options of {@link generateSyntheticBars}. */
export interface SyntheticBarsOptions {
  /** Overrides the seed derived from the symbol. */
  seed?: number;
}

// Local bindings: global lookups are slow inside vm contexts (jest on Node 20), and these run
// dozens of times per bar.
const { ceil, exp, floor, imul, max, min, round, sqrt } = Math;

const MINUTE_MS = 60_000;
/** Value-noise octaves: periods of 4^k minutes, 1 minute … 8 years. */
const OCTAVES = Array.from({ length: 12 }, (_, k) => ({
  periodMs: MINUTE_MS * 4 ** k,
  amplitude: Math.min(0.001 * 2 ** k, 0.25),
}));

interface SymbolProfile {
  seed: number;
  basePrice: number;
  volatility: number;
  decimals: number;
  volumePerMinute: number;
  /** Nominal length of a daily bar (the session). */
  dayMs: number;
}

/**
 * Made-up but plausible OHLCV bars for a symbol, for demos and tests (labelled `synthetic` by
 * whoever serves them). Deterministic: the seed comes from a hash of the symbol, and every bar
 * is a pure function of (seed, timestamp), so overlapping requests agree bar for bar. The bars
 * sit exactly on the calendar's bar timestamps in `[max(fromMs, SYNTHETIC_HEAD_TIMESTAMP),
 * toMs]`. Prices follow a multi-scale random walk in continuous time (value noise at periods
 * from a minute to years, amplitudes growing like √period): a stock trades around 20–500 with
 * cents, a currency pair around 0.5–2 (JPY quotes ×100) with 5 decimals; bars pass
 * `validateBars`.
 */
export function generateSyntheticBars(
  symbol: string,
  tf: Timeframe,
  fromMs: number,
  toMs: number,
  options: SyntheticBarsOptions = {},
): BarSeries {
  const sym = normalizeSymbol(symbol);
  const profile = profileOf(sym, instrumentKind(sym), options.seed);
  const start = max(fromMs, SYNTHETIC_HEAD_TIMESTAMP);
  const series = emptySeries();
  if (!(start <= toMs)) return series;
  const durationMs =
    tf === '1d' ? profile.dayMs : tf === '1w' ? 4 * 86_400_000 + profile.dayMs : timeframeMs(tf);
  const scale = 10 ** profile.decimals;
  const rangeSigma = profile.volatility * 0.001 * sqrt(durationMs / MINUTE_MS);
  const lattice = new OctaveLattice(profile.seed);
  let previousCloseAt = Number.NaN;
  let previousClose = 0;
  for (const t of calendarFor(sym).barTimestamps(tf, start, toMs)) {
    // Back-to-back bars share a price: this bar's open is the previous bar's close.
    const rawOpen = t === previousCloseAt ? previousClose : priceAt(profile, lattice, t);
    const rawClose = priceAt(profile, lattice, t + durationMs);
    previousCloseAt = t + durationMs;
    previousClose = rawClose;
    const open = max(1, round(rawOpen * scale));
    const close = max(1, round(rawClose * scale));
    const up = exp(rangeSigma * uniform(profile.seed, 101, t));
    const down = exp(-rangeSigma * uniform(profile.seed, 102, t));
    const high = max(open, close, ceil(max(rawOpen, rawClose) * up * scale));
    const low = max(1, min(open, close, floor(min(rawOpen, rawClose) * down * scale)));
    series.t.push(t);
    series.o.push(open / scale);
    series.h.push(high / scale);
    series.l.push(low / scale);
    series.c.push(close / scale);
    series.v.push(
      round(
        profile.volumePerMinute * (durationMs / MINUTE_MS) * (0.5 + uniform(profile.seed, 103, t)),
      ),
    );
  }
  return series;
}

function profileOf(symbol: string, kind: InstrumentKind, seedOverride?: number): SymbolProfile {
  const seed = (seedOverride ?? fnv1a(symbol)) | 0;
  const u = (tag: number) => hashUnit(seed, tag, 0);
  if (kind === 'forex') {
    const jpy = symbol.endsWith('.JPY');
    return {
      seed,
      basePrice: (0.5 + 1.5 * u(1)) * (jpy ? 100 : 1),
      volatility: 0.3,
      decimals: jpy ? 3 : 5,
      volumePerMinute: 100 + 1_000 * u(2),
      dayMs: 86_400_000,
    };
  }
  return {
    seed,
    basePrice: 20 + 480 * u(1),
    volatility: 1,
    decimals: 2,
    volumePerMinute: 500 + 20_000 * u(2),
    dayMs: 390 * MINUTE_MS,
  };
}

/**
 * The noise lattice values of each octave around the last time asked for. Consecutive bars
 * mostly fall in the same cell of every octave but the finest, so this saves nearly all the
 * hashing; the values are the same pure function of (seed, octave, cell) either way.
 */
class OctaveLattice {
  private readonly cells = new Float64Array(OCTAVES.length).fill(Number.NaN);
  private readonly left = new Float64Array(OCTAVES.length);
  private readonly right = new Float64Array(OCTAVES.length);

  constructor(private readonly seed: number) {}

  /** The noise of octave `k` at lattice position `x` (smoothly interpolated), in [-1, 1]. */
  noise(k: number, x: number): number {
    const i = floor(x);
    if (this.cells[k] !== i) {
      this.cells[k] = i;
      this.left[k] = hashUnit(this.seed, k, i);
      this.right[k] = hashUnit(this.seed, k, i + 1);
    }
    const f = x - i;
    const a = this.left[k]!;
    return 2 * (a + (this.right[k]! - a) * f * f * (3 - 2 * f)) - 1;
  }
}

/** Price at time `ms`: base × exp(Σ octave noise), continuous in time. */
function priceAt(profile: SymbolProfile, lattice: OctaveLattice, ms: number): number {
  let logReturn = 0;
  for (let k = 0; k < OCTAVES.length; k++) {
    const { periodMs, amplitude } = OCTAVES[k]!;
    logReturn += amplitude * lattice.noise(k, ms / periodMs);
  }
  return profile.basePrice * exp(profile.volatility * logReturn);
}

/** A uniform number in [0, 1) tied to (seed, tag, bar timestamp). */
function uniform(seed: number, tag: number, ms: number): number {
  return hashUnit(seed, tag, ms / 1000);
}

/** A well-mixed 32-bit hash of (seed, tag, n) for a non-negative integer n, in [0, 1). */
function hashUnit(seed: number, tag: number, n: number): number {
  let h = mix(seed ^ imul(tag + 1, 0x9e3779b1));
  h = mix(h ^ (n >>> 0));
  h = mix(h ^ (floor(n / 4_294_967_296) >>> 0));
  return (h >>> 0) / 4_294_967_296;
}

function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** 32-bit FNV-1a of a string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 0;
}
