import { SIGNALS } from '../../api';

/** Background from white to dark blue by share of the row; text stays readable on both. */
function cellStyle(share: number): Record<string, string> {
  const lightness = Math.round(97 - share * 67);
  return {
    background: `hsl(215 70% ${lightness}%)`,
    color: lightness < 55 ? '#ffffff' : '#1a1a1a',
  };
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
