/**
 * A query with the text of its quoted strings blanked out: `pod=~"checkout-0042-.*"` and
 * `pod=~"search-0642-.*"` have the same shape. Lezer reads a string literal as one token
 * whatever its characters, so two queries of the same shape parse to the same tree at the same
 * offsets, and every type rule and range window of one holds for the other. (Only error
 * messages quote text, which is why callers share an analysis only when it found no problem.)
 *
 * Left as they are: strings with `{{` or `}}` (placeholders decide their reading), backslashes
 * or line breaks, and brackets inside strings (the nesting guard counts them). Backtick strings
 * and comments are not touched either. Returns the query itself when nothing is blanked.
 */
export function queryShape(query: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query.charCodeAt(i);
    if (c === 35 /* # */) {
      const nl = query.indexOf('\n', i);
      if (nl === -1) break;
      i = nl;
    } else if (c === 96 /* ` */) {
      const close = query.indexOf('`', i + 1);
      if (close === -1) break;
      i = close;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      let j = i + 1;
      let plain = true;
      for (; j < query.length; j++) {
        const d = query.charCodeAt(j);
        if (d === c) break;
        if (d === 92 /* \ */ || d === 10 || d === 13) return query;
        if (d === 123 || d === 125 || d === 91 || d === 93 || d === 40 || d === 41) plain = false;
      }
      if (j >= query.length) return query;
      if (plain && j > i + 1) {
        out += query.slice(copied, i + 1) + 'x'.repeat(j - i - 1);
        copied = j;
      }
      i = j;
    }
  }
  return copied === 0 ? query : out + query.slice(copied);
}
