import { emptySeries, sortAndDedupe, type BarSeries } from './bar-series';

/**
 * Merges fetched bars into cached ones: the result is sorted with unique timestamps, a
 * fetched bar replaces a cached bar with the same timestamp, and every other bar of both
 * sides is kept — including cached bars outside the range that was fetched.
 *
 * Linear in the total size when both sides are sorted (an unsorted side is sorted first;
 * within one side the last of several equal timestamps wins). Sides that do not overlap (a
 * first load, a tail, an import into an empty series) are joined column by column rather than
 * bar by bar; when one side is empty the result may be the other side itself. The inputs are
 * not modified.
 */
export function mergeBars(cached: BarSeries, fetched: BarSeries): BarSeries {
  const a = sortAndDedupe(cached);
  const b = sortAndDedupe(fetched);
  // Nothing to interleave (a first load, an import into an empty series): no copy.
  if (a.t.length === 0) return b;
  if (b.t.length === 0) return a;
  const na = a.t.length;
  const nb = b.t.length;
  if (a.t[na - 1]! < b.t[0]!) return joinColumns(a, b);
  if (b.t[nb - 1]! < a.t[0]!) return joinColumns(b, a);
  const out = emptySeries();
  let i = 0;
  let j = 0;
  while (i < na && j < nb) {
    const ta = a.t[i]!;
    const tb = b.t[j]!;
    if (tb <= ta) {
      copyBar(b, j++, out);
      if (ta === tb) i++; // the fetched bar wins
    } else {
      copyBar(a, i++, out);
    }
  }
  while (i < na) copyBar(a, i++, out);
  while (j < nb) copyBar(b, j++, out);
  return out;
}

/** `first` then `second` (every bar of `first` before every bar of `second`), as new arrays. */
function joinColumns(first: BarSeries, second: BarSeries): BarSeries {
  return {
    t: first.t.concat(second.t),
    o: first.o.concat(second.o),
    h: first.h.concat(second.h),
    l: first.l.concat(second.l),
    c: first.c.concat(second.c),
    v: first.v.concat(second.v),
  };
}

function copyBar(from: BarSeries, i: number, to: BarSeries): void {
  to.t.push(from.t[i]!);
  to.o.push(from.o[i]!);
  to.h.push(from.h[i]!);
  to.l.push(from.l[i]!);
  to.c.push(from.c[i]!);
  to.v.push(from.v[i]!);
}
