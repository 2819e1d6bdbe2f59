// Turns GetQueryResults pages into column names and rows of strings, and the
// Glue catalog into the tree's kinds and the editor's completion schema.
import type { Cell } from "../../charts/shape";
import type { AthenaRow, GetQueryResultsOutput, GlueColumn, GlueTable } from "./athena_types";

export interface ResultPage {
  columns: string[];
  types: string[];
  rows: Cell[][];
  nextToken?: string;
}

function rowCells(row: AthenaRow): Cell[] {
  return (row.Data ?? []).map((d) => (d.VarCharValue === undefined ? null : d.VarCharValue));
}

/**
 * One page of results. Athena puts the column names as the first row of the
 * first page of a SELECT (StatementType "DML"), but not for DDL and utility
 * statements (SHOW, DESCRIBE, EXPLAIN), whose rows are all data: `first` says
 * whether this is the first page, `statementType` what ran.
 */
export function readResultPage(output: GetQueryResultsOutput, first: boolean, statementType: string | undefined): ResultPage {
  const info = output.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
  const columns = info.map((c) => c.Label || c.Name);
  let rows = (output.ResultSet?.Rows ?? []).map(rowCells);
  if (first && statementType === "DML" && rows.length > 0 && isHeaderRow(rows[0], info.map((c) => c.Name), columns)) rows = rows.slice(1);
  return { columns, types: info.map((c) => c.Type ?? ""), rows, nextToken: output.NextToken };
}

function isHeaderRow(row: Cell[], names: string[], labels: string[]): boolean {
  if (row.length !== names.length) return false;
  return row.every((cell, i) => cell === names[i] || cell === labels[i]);
}

export type TableKind = "ICEBERG" | "EXTERNAL" | "VIEW" | "MANAGED";

/** The kind the tree shows for a Glue table: Iceberg by its table_type parameter, else by TableType. */
export function tableKind(table: GlueTable): TableKind {
  const parameters = table.Parameters ?? {};
  const type = (parameters.table_type ?? parameters.TABLE_TYPE ?? "").toUpperCase();
  if (type === "ICEBERG") return "ICEBERG";
  if (table.TableType === "VIRTUAL_VIEW") return "VIEW";
  if (table.TableType === "EXTERNAL_TABLE") return "EXTERNAL";
  return "MANAGED";
}

export interface TreeColumn extends GlueColumn {
  partition: boolean;
}

/** A table's columns, then its partition keys (marked). */
export function tableColumns(table: GlueTable): TreeColumn[] {
  return [
    ...(table.StorageDescriptor?.Columns ?? []).map((c) => ({ ...c, partition: false })),
    ...(table.PartitionKeys ?? []).map((c) => ({ ...c, partition: true })),
  ];
}

export interface CatalogDatabase {
  name: string;
  tables: GlueTable[] | null; // null until loaded.
  error?: string;
}

export interface CompletionOption {
  label: string;
  type: string;
  detail?: string;
}

/** The sql() `schema` option: database → table → columns, each column with its type. */
export function completionSchema(databases: CatalogDatabase[]): Record<string, Record<string, CompletionOption[]>> {
  const schema: Record<string, Record<string, CompletionOption[]>> = {};
  for (const db of databases) {
    const tables: Record<string, CompletionOption[]> = {};
    for (const table of db.tables ?? []) {
      tables[table.Name] = tableColumns(table).map((c) => ({ label: c.Name, type: "property", detail: c.Type ?? "" }));
    }
    schema[db.name] = tables;
  }
  return schema;
}

/** Quotes a name for Athena SQL when it is not a plain lower-case identifier. */
export function quoteName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** The statement a table's "Preview" runs. */
export function previewQuery(database: string, table: string): string {
  return `SELECT * FROM ${quoteName(database)}.${quoteName(table)} LIMIT 10`;
}

/** The statement the Plan tab runs for a query: EXPLAIN ANALYZE, the query's trailing semicolon dropped. */
export function explainQuery(sql: string): string {
  return `EXPLAIN ANALYZE ${sql.trim().replace(/;+\s*$/, "")}`;
}

/** Milliseconds as people read them: "850 ms", "2.4 s", "3 min 5 s". */
export function formatMillis(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60000) return `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
  return `${Math.floor(ms / 60000)} min ${Math.round((ms % 60000) / 1000)} s`;
}
