import { SIGNALS } from '../../api';

/**
 * Five shades from white to dark blue by share of the row, each with a text colour of at least
 * 4.5:1 contrast on it (a continuous scale has a middle band where neither black nor white does).
 */
const SHADES = [
  { background: '#f4f7fc', color: '#1a1a1a' },
  { background: '#c9daf3', color: '#1a1a1a' },
  { background: '#8fb3e6', color: '#1a1a1a' },
  { background: '#2f63b3', color: '#ffffff' },
  { background: '#163f7a', color: '#ffffff' },
] as const;

function cellStyle(share: number): { background: string; color: string } {
  return SHADES[Math.min(SHADES.length - 1, Math.floor(share * SHADES.length))] ?? SHADES[0];
}

/**
 * The test set's confusion matrix as a heatmap table: rows are the true class, columns the
 * predicted one; each cell's colour is its share of the row (recall on the diagonal).
 */
export function ConfusionMatrix({ matrix }: { matrix: number[][] }) {
  return (
    <table class="confusion" aria-describedby="confusion-note">
      <caption>Confusion matrix (test set)</caption>
      <thead>
        <tr>
          <td />
          {SIGNALS.map((s) => (
            <th scope="col" key={s}>
              predicted {s}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {SIGNALS.map((actual, i) => {
          const row = matrix[i] ?? [];
          const total = row.reduce((sum, n) => sum + n, 0);
          return (
            <tr key={actual}>
              <th scope="row">true {actual}</th>
              {SIGNALS.map((predicted, j) => {
                const count = row[j] ?? 0;
                const share = total === 0 ? 0 : count / total;
                return (
                  <td key={predicted} style={cellStyle(share)} class="num">
                    {count.toLocaleString('en')}{' '}
                    <span class="share">({(share * 100).toFixed(0)}%)</span>
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={4} id="confusion-note" class="note">
            Rows: true class; columns: predicted class; percentages are shares of the row.
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
