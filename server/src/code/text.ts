/** Positions in source text: 1-based line and column (UTF-16 code units) of a string index. */
export function lineColumn(source: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  let at = source.indexOf('\n');
  while (at !== -1 && at < index) {
    line++;
    lineStart = at + 1;
    at = source.indexOf('\n', at + 1);
  }
  return { line, column: index - lineStart + 1 };
}
