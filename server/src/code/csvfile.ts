/**
 * CSV data files (ir.model.access.csv and other `<model>.csv` data), read with csv-parse the way
 * Odoo reads them: first row is the header, the file name (minus `.csv`) is the model.
 */
import { parse } from 'csv-parse/sync';

export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  values: Record<string, string>;
}

export interface CsvFile {
  /** Model the file loads into, from its name (`ir.model.access` for ir.model.access.csv). */
  model: string;
  header: string[];
  rows: CsvRow[];
  error: { message: string; line: number } | null;
}

type CsvRecord = { record: string[]; info: { lines: number } };

/**
 * The records of a file with no quotes and no carriage returns, as csv-parse gives them with the
 * options below: one record per non-empty line, fields split at commas. Most data files are like
 * that, and csv-parse's set-up costs more than reading them; anything else goes through csv-parse.
 */
function simpleRecords(text: string): CsvRecord[] | null {
  if (text.includes('"') || text.includes('\r')) return null;
  const records: CsvRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '') records.push({ record: lines[i].split(','), info: { lines: i + 1 } });
  }
  return records;
}

export function parseCsv(fileName: string, source: string): CsvFile {
  const model = fileName.replace(/^.*\//, '').replace(/\.csv$/i, '');
  try {
    const text = source.replace(/^\uFEFF/, '');
    const records =
      simpleRecords(text) ??
      (parse(text, {
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
      }) as unknown as CsvRecord[]);
    if (records.length === 0) return { model, header: [], rows: [], error: null };
    const header = records[0].record.map((h) => h.trim());
    const rows: CsvRow[] = [];
    for (let i = 1; i < records.length; i++) {
      const { record, info } = records[i];
      const values: Record<string, string> = {};
      header.forEach((name, index) => {
        values[name] = record[index] ?? '';
      });
      const spanned = record.reduce((n, field) => n + (field.includes('\n') ? field.split('\n').length - 1 : 0), 0);
      rows.push({ line: info.lines - spanned, values });
    }
    return { model, header, rows, error: null };
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    const message = (e.message ?? String(error)).replace(/^[A-Za-z ]+: /, '');
    return { model, header: [], rows: [], error: { message, line: typeof e.lines === 'number' ? e.lines : 1 } };
  }
}
