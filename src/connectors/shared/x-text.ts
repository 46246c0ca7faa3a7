/**
 * X (API v1.1, v2 and account archives) returns post text with `&`, `<` and `>` HTML-escaped as `&amp;`,
 * `&lt;` and `&gt;` and nothing else; the canonical text is the text as written. One pass, so `&amp;lt;`
 * (a written "&lt;") becomes "&lt;", not "<".
 */
export function unescapeXText(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) =>
    name === 'amp' ? '&' : name === 'lt' ? '<' : '>',
  );
}
