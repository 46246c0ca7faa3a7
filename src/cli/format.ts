/** Human output helpers; `--json` output never goes through these. */
export const num = (n: number) => n.toLocaleString('en-US');

export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows
    .map((r) =>
      r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - [...c].length))).join('  '),
    )
    .join('\n');
}

export const json = (value: unknown) => JSON.stringify(value, null, 2);
