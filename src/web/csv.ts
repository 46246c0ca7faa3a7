/**
 * CSV (RFC 4180): every field quoted, quotes doubled. A field that a spreadsheet would read as a formula
 * (starting with = + - @ or a tab/CR) gets a leading apostrophe, so a name cannot run code in Excel.
 */
export function csvField(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return (
    [header.map(csvField), ...rows.map((r) => r.map(csvField))].map((r) => r.join(',')).join('\r\n') + '\r\n'
  );
}

/** Saves `text` as a file through a temporary object URL. */
export function download(name: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
