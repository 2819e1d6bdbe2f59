// What the object page's preview makes of an object's first bytes: its kind
// (by the key, else by the bytes), CSV with a guessed delimiter and header,
// JSON pretty-printed or JSON Lines as a table. Pure functions (tested).

export type PreviewKind = "csv" | "json" | "parquet" | "text" | "binary";

/** The first bytes the preview reads with a ranged GetObject. */
export const PREVIEW_BYTES = 256 * 1024;

/** The rows a table preview shows. */
export const PREVIEW_ROWS = 100;

/** Whether the key is gzip'd (the browser inflates it). */
export function isGzipKey(key: string): boolean {
  return /\.gz$/i.test(key);
}

/** The kind the key's extension names (".gz" looked through), or undefined. */
export function kindOfKey(key: string): PreviewKind | undefined {
  const name = key.replace(/\.gz$/i, "").toLowerCase();
  if (/\.(csv|tsv|psv)$/.test(name)) return "csv";
  if (/\.(json|jsonl|ndjson)$/.test(name)) return "json";
  if (/\.parquet$/.test(name)) return "parquet";
  if (/\.(txt|log|md|yaml|yml|xml|html|sql|py|js|ts|sh|ini|toml|conf)$/.test(name)) return "text";
  return undefined;
}

/** The kind of bytes whose key says nothing: Parquet's magic, binary, JSON, a delimited table, or text. */
export function sniffKind(bytes: Uint8Array, text: string): PreviewKind {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31) return "parquet";
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of sample) if (b === 0 || (b < 9 && b !== 1)) control++;
  if (control > 0) return "binary";
  const start = text.trimStart();
  if (start.startsWith("{") || start.startsWith("[")) return "json";
  const lines = text.split(/\r?\n/).filter((l) => l !== "");
  if (lines.length >= 1 && guessDelimiter(text).columns >= 2) return "csv";
  return "text";
}

/** The delimiters tried: comma, semicolon, tab, pipe, and Hive's default \u0001. */
export const DELIMITERS = [",", ";", "\t", "|", "\u0001"];

/** Splits one CSV record (RFC 4180 quotes; "" inside quotes is a quote). */
export function splitRecords(text: string, delimiter: string, maxRecords = Infinity): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n && records.length < maxRecords) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"' && field === "") {
      quoted = true;
    } else if (c === delimiter) {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      if (c === "\r" && text[i + 1] === "\n") i++;
    } else {
      field += c;
    }
    i++;
  }
  if ((field !== "" || record.length > 0) && records.length < maxRecords) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * Guesses the delimiter: the one that splits the first lines into the same
 * number of fields (more than one) most consistently; a comma when none does.
 */
export function guessDelimiter(text: string): { delimiter: string; columns: number } {
  const head = text.slice(0, 64 * 1024);
  let best = { delimiter: ",", columns: 1, score: 0 };
  for (const delimiter of DELIMITERS) {
    const records = splitRecords(head, delimiter, 30).filter((r) => !(r.length === 1 && r[0] === ""));
    if (records.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let mode = 1;
    let modeCount = 0;
    for (const [columns, count] of counts) if (count > modeCount || (count === modeCount && columns > mode)) [mode, modeCount] = [columns, count];
    if (mode < 2) continue;
    // Consistency first, then more columns.
    const score = (modeCount / records.length) * 1000 + mode;
    if (score > best.score) best = { delimiter, columns: mode, score };
  }
  return { delimiter: best.delimiter, columns: best.columns };
}

function looksNumeric(value: string): boolean {
  return /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(value);
}

function looksLikeData(value: string): boolean {
  return looksNumeric(value) || /^\d{4}-\d{2}-\d{2}/.test(value) || /^(true|false)$/i.test(value);
}

/**
 * Whether the first record is a header: a header names its columns (no
 * numbers, dates or booleans, no empty or repeated names) and, where the
 * other rows hold numbers, the header holds a word. Hive's text tables have
 * no header; their first row is data.
 */
export function hasHeader(records: string[][]): boolean {
  if (records.length === 0) return false;
  const first = records[0];
  if (first.some((v) => v.trim() === "" || looksLikeData(v))) return false;
  if (new Set(first).size !== first.length) return false;
  const rest = records.slice(1, 50);
  if (rest.length === 0) return true;
  // A column whose values are data under a word: the word is a header.
  for (let c = 0; c < first.length; c++) {
    const values = rest.map((r) => r[c]).filter((v) => v !== undefined && v !== "");
    if (values.length > 0 && values.every(looksLikeData)) return true;
  }
  // All text: a header when its names are unlike the values below them
  // (none of its cells occurs again in its column).
  return first.every((name, c) => rest.every((r) => r[c] !== name));
}

export interface TablePreview {
  columns: string[];
  rows: (string | null)[][];
  delimiter?: string;
  header?: boolean;
}

/** A CSV preview: the delimiter guessed, the header detected (or forced), numbered columns when there is none. */
export function previewCsv(text: string, truncated: boolean, header?: boolean): TablePreview {
  const { delimiter } = guessDelimiter(text);
  // A truncated read ends inside a record: drop the partial last line.
  const body = truncated ? text.slice(0, Math.max(0, text.lastIndexOf("\n") + 1)) : text;
  const records = splitRecords(body, delimiter, PREVIEW_ROWS + 1).filter((r) => !(r.length === 1 && r[0] === ""));
  const withHeader = header ?? hasHeader(records);
  const width = Math.max(0, ...records.map((r) => r.length));
  const columns = withHeader ? records[0].concat(Array.from({ length: width - records[0].length }, (_, i) => String(records[0].length + i + 1))) : Array.from({ length: width }, (_, i) => String(i + 1));
  const rows = (withHeader ? records.slice(1) : records).slice(0, PREVIEW_ROWS);
  return { columns, rows, delimiter, header: withHeader };
}

export type JsonPreview = { kind: "document"; text: string } | { kind: "lines"; table: TablePreview } | { kind: "raw"; text: string };

function cell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** JSON: one document pretty-printed, JSON Lines as a table (the union of the first rows' keys), else the text as is. */
export function previewJson(text: string, truncated: boolean): JsonPreview {
  if (!truncated) {
    try {
      return { kind: "document", text: JSON.stringify(JSON.parse(text), null, 2) };
    } catch {
      // Not one document: maybe JSON Lines.
    }
  }
  const lines = text.split(/\r?\n/);
  if (truncated) lines.pop();
  const values: unknown[] = [];
  for (const line of lines) {
    if (line.trim() === "") continue;
    try {
      values.push(JSON.parse(line));
    } catch {
      return { kind: "raw", text };
    }
    if (values.length >= PREVIEW_ROWS) break;
  }
  if (values.length === 0) return { kind: "raw", text };
  if (values.every((v) => v !== null && typeof v === "object" && !Array.isArray(v))) {
    const columns: string[] = [];
    for (const v of values) for (const k of Object.keys(v as object)) if (!columns.includes(k)) columns.push(k);
    const rows = values.map((v) => columns.map((k) => cell((v as Record<string, unknown>)[k])));
    return { kind: "lines", table: { columns, rows } };
  }
  return { kind: "lines", table: { columns: ["value"], rows: values.map((v) => [cell(v)]) } };
}
