// Shapes a query result (column names and rows of strings, as Athena's
// GetQueryResults gives them) into a chart's categories and series: the
// dimension's distinct values on one axis, the metric aggregated per
// category, one series per value of the split column.

export type ChartKind = "bar" | "line" | "area" | "pie" | "table";
export type Aggregate = "sum" | "avg" | "min" | "max" | "count";

/** Every kind and aggregate, in the order the pickers offer them. */
export const KINDS: ChartKind[] = ["bar", "line", "area", "pie", "table"];
export const AGGREGATES: Aggregate[] = ["sum", "avg", "min", "max", "count"];

export interface ChartSpec {
  kind: ChartKind;
  dimension: string; // Column whose distinct values are the categories (x axis, pie slices).
  metric: string; // Numeric column, aggregated per category (and split value).
  split?: string; // Column whose distinct values become separate series.
  aggregate?: Aggregate; // Default "sum".
}

export interface Series {
  name: string;
  values: (number | null)[]; // One per category; null where no row has that category.
}

export interface ShapedChart {
  categories: string[];
  series: Series[];
}

export type Cell = string | null | undefined;

function isNumber(text: Cell): boolean {
  return text !== null && text !== undefined && text.trim() !== "" && Number.isFinite(Number(text));
}

/** Sorts distinct values: numerically when every one is a number, else as text (ISO dates sort right). */
export function sortDistinct(values: string[]): string[] {
  const distinct = Array.from(new Set(values));
  if (distinct.every((v) => isNumber(v))) return distinct.sort((a, b) => Number(a) - Number(b));
  return distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function columnIndex(columns: string[], name: string, role: string): number {
  const index = columns.indexOf(name);
  if (index < 0) throw new Error(`the ${role} column "${name}" is not in the result (${columns.join(", ")})`);
  return index;
}

export function shapeChart(columns: string[], rows: Cell[][], spec: ChartSpec): ShapedChart {
  const d = columnIndex(columns, spec.dimension, "dimension");
  const m = columnIndex(columns, spec.metric, "metric");
  const s = spec.split ? columnIndex(columns, spec.split, "split") : -1;
  const aggregate = spec.aggregate ?? "sum";
  const label = (v: Cell) => (v === null || v === undefined ? "NULL" : v);
  const categories = sortDistinct(rows.map((r) => label(r[d])));
  const splits = s >= 0 ? sortDistinct(rows.map((r) => label(r[s]))) : [spec.metric];
  const categoryAt = new Map(categories.map((c, i) => [c, i]));
  const seriesAt = new Map(splits.map((c, i) => [c, i]));
  const sums = splits.map(() => categories.map(() => 0));
  const counts = splits.map(() => categories.map(() => 0));
  const extremes: (number | null)[][] = splits.map(() => categories.map(() => null));
  for (const row of rows) {
    const value = row[m];
    if (aggregate !== "count" && (value === null || value === undefined)) continue;
    if (aggregate !== "count" && !isNumber(value)) throw new Error(`the metric column "${spec.metric}" is not numeric ("${value}")`);
    const i = seriesAt.get(s >= 0 ? label(row[s]) : spec.metric)!;
    const j = categoryAt.get(label(row[d]))!;
    const n = aggregate === "count" ? 1 : Number(value);
    sums[i][j] += n;
    counts[i][j] += 1;
    const e = extremes[i][j];
    if (aggregate === "min") extremes[i][j] = e === null ? n : Math.min(e, n);
    if (aggregate === "max") extremes[i][j] = e === null ? n : Math.max(e, n);
  }
  return {
    categories,
    series: splits.map((name, i) => ({
      name,
      values: categories.map((_, j) => {
        if (counts[i][j] === 0) return null;
        switch (aggregate) {
          case "avg":
            return sums[i][j] / counts[i][j];
          case "min":
          case "max":
            return extremes[i][j];
          case "count":
            return counts[i][j];
          default:
            return sums[i][j];
        }
      }),
    })),
  };
}

/** A first guess at a chart for a result: a non-numeric dimension, the first other numeric metric, no split. */
export function guessSpec(columns: string[], rows: Cell[][]): ChartSpec | null {
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((r) => r[i] === null || r[i] === undefined || isNumber(r[i])));
  const metric = columns.findIndex((_, i) => numeric[i]);
  if (metric < 0) return null;
  let dimension = columns.findIndex((_, i) => !numeric[i]);
  if (dimension < 0) dimension = columns.findIndex((_, i) => i !== metric);
  if (dimension < 0) return null;
  const metricAfter = columns.findIndex((_, i) => numeric[i] && i !== dimension);
  return { kind: "bar", dimension: columns[dimension], metric: columns[metricAfter >= 0 ? metricAfter : metric] };
}

/** The result as CSV (RFC 4180 quoting), for download. */
export function toCsv(columns: string[], rows: Cell[][]): string {
  const quote = (v: Cell) => {
    if (v === null || v === undefined) return "";
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  return [columns, ...rows].map((r) => r.map(quote).join(",")).join("\r\n") + "\r\n";
}
