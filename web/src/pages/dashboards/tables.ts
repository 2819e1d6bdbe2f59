// Which tables a chart's query reads (a scan of the identifiers after FROM and
// JOIN, enough for dashboards' queries), and a version of each table from
// Glue that changes when the table's data does.
import { jsonCall } from "../../aws/client";

export interface TableRef {
  database: string;
  table: string;
}

const IDENTIFIER = String.raw`(?:"(?:[^"]|"")+"|\x60[^\x60]+\x60|[A-Za-z_][A-Za-z0-9_$]*)`;
const TABLE_AFTER = new RegExp(String.raw`\b(?:FROM|JOIN)\s+(${IDENTIFIER}(?:\s*\.\s*${IDENTIFIER})*)`, "gi");

function unquote(part: string): string {
  const p = part.trim();
  if (p.startsWith('"')) return p.slice(1, -1).replace(/""/g, '"');
  if (p.startsWith("`")) return p.slice(1, -1);
  return p.toLowerCase();
}

function stripCommentsAndStrings(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, " ")
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/'(?:[^']|'')*'/g, "''");
}

/** The tables `sql` names after FROM or JOIN, qualified with `database` when they are not. */
export function tablesOf(sql: string, database: string): TableRef[] {
  const found = new Map<string, TableRef>();
  for (const match of stripCommentsAndStrings(sql).matchAll(TABLE_AFTER)) {
    const parts = Array.from(match[1].matchAll(new RegExp(IDENTIFIER, "g")), (m) => unquote(m[0]));
    if (parts.length === 0) continue;
    const table = parts[parts.length - 1];
    const db = parts.length >= 2 ? parts[parts.length - 2] : database.toLowerCase();
    if (!db) continue;
    found.set(`${db}.${table}`, { database: db, table });
  }
  return Array.from(found.values());
}

/**
 * A string that changes when the table's data may have: an Iceberg table's
 * metadata_location (a new one per commit), else its UpdateTime; "" when
 * the table is not in the catalog (a CTE's name, a dropped table).
 */
export async function tableVersion(ref: TableRef, signal?: AbortSignal): Promise<string> {
  try {
    const { Table: table } = await jsonCall("glue", "GetTable", { DatabaseName: ref.database, Name: ref.table }, signal);
    return table?.Parameters?.metadata_location ?? String(table?.UpdateTime ?? "");
  } catch (e) {
    if (e instanceof Error && e.message.startsWith("EntityNotFoundException")) return "";
    throw e;
  }
}
