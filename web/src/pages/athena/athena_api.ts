// The query editor's calls to Athena and Glue (jsonCall): the catalog, a
// query's start, progress, cancel, results and statistics, the history.
import { jsonCall } from "../../aws/client";
import type { Cell } from "../../charts/shape";
import type { GetQueryResultsOutput, GlueTable, QueryExecution, QueryRuntimeStatistics } from "./athena_types";
import { isFinished } from "./athena_types";
import { readResultPage, type ResultPage } from "./results";

export const WORK_GROUP = "primary";

export async function listDatabases(signal?: AbortSignal): Promise<string[]> {
  const names: string[] = [];
  let token: string | undefined;
  do {
    const page = await jsonCall<{ DatabaseList?: { Name: string }[]; NextToken?: string }>(
      "glue",
      "GetDatabases",
      token ? { NextToken: token } : {},
      signal,
    );
    for (const db of page.DatabaseList ?? []) names.push(db.Name);
    token = page.NextToken;
  } while (token);
  return names.sort();
}

export async function listTables(database: string, signal?: AbortSignal): Promise<GlueTable[]> {
  const tables: GlueTable[] = [];
  let token: string | undefined;
  do {
    const page = await jsonCall<{ TableList?: GlueTable[]; NextToken?: string }>(
      "glue",
      "GetTables",
      { DatabaseName: database, ...(token ? { NextToken: token } : {}) },
      signal,
    );
    tables.push(...(page.TableList ?? []));
    token = page.NextToken;
  } while (token);
  return tables.sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
}

/** The work group's result location, or "" when it has none. */
export async function workGroupOutputLocation(signal?: AbortSignal): Promise<string> {
  const out = await jsonCall<{ WorkGroup?: { Configuration?: { ResultConfiguration?: { OutputLocation?: string } } } }>(
    "athena",
    "GetWorkGroup",
    { WorkGroup: WORK_GROUP },
    signal,
  );
  return out.WorkGroup?.Configuration?.ResultConfiguration?.OutputLocation ?? "";
}

export interface StartOptions {
  sql: string;
  database: string;
  outputLocation: string; // "" leaves it to the work group.
}

export async function startQuery(options: StartOptions): Promise<string> {
  const out = await jsonCall<{ QueryExecutionId: string }>("athena", "StartQueryExecution", {
    QueryString: options.sql,
    WorkGroup: WORK_GROUP,
    ...(options.database ? { QueryExecutionContext: { Database: options.database } } : {}),
    ...(options.outputLocation ? { ResultConfiguration: { OutputLocation: options.outputLocation } } : {}),
  });
  return out.QueryExecutionId;
}

export async function getExecution(id: string, signal?: AbortSignal): Promise<QueryExecution> {
  const out = await jsonCall<{ QueryExecution: QueryExecution }>("athena", "GetQueryExecution", { QueryExecutionId: id }, signal);
  return out.QueryExecution;
}

export async function stopQuery(id: string): Promise<void> {
  await jsonCall("athena", "StopQueryExecution", { QueryExecutionId: id });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new DOMException("aborted", "AbortError"));
    });
  });
}

/** Polls GetQueryExecution until the query finishes, reporting each state; back-off from 100 ms to 1 s. */
export async function waitForQuery(id: string, onProgress: (execution: QueryExecution) => void, signal?: AbortSignal): Promise<QueryExecution> {
  let delay = 100;
  for (;;) {
    const execution = await getExecution(id, signal);
    onProgress(execution);
    if (isFinished(execution.Status?.State)) return execution;
    await sleep(delay, signal);
    delay = Math.min(1000, delay * 1.5);
  }
}

/** One page of GetQueryResults, the header row handled (see readResultPage). */
export async function resultPage(
  execution: QueryExecution,
  token: string | undefined,
  maxResults: number,
  signal?: AbortSignal,
): Promise<ResultPage> {
  const out = await jsonCall<GetQueryResultsOutput>(
    "athena",
    "GetQueryResults",
    { QueryExecutionId: execution.QueryExecutionId, MaxResults: maxResults, ...(token ? { NextToken: token } : {}) },
    signal,
  );
  return readResultPage(out, token === undefined, execution.StatementType);
}

export interface AllRows {
  columns: string[];
  rows: Cell[][];
  complete: boolean; // False when `limit` cut the result short.
}

/** Every row of a result (following NextToken), up to `limit` rows. */
export async function allRows(execution: QueryExecution, limit = Infinity, signal?: AbortSignal): Promise<AllRows> {
  let page = await resultPage(execution, undefined, 1000, signal);
  const columns = page.columns;
  const rows = [...page.rows];
  while (page.nextToken && rows.length < limit) {
    page = await resultPage(execution, page.nextToken, 1000, signal);
    rows.push(...page.rows);
  }
  return { columns, rows: rows.slice(0, limit), complete: !page.nextToken && rows.length <= limit };
}

/** GetQueryRuntimeStatistics, or null when the server has none for the query. */
export async function runtimeStatistics(id: string, signal?: AbortSignal): Promise<QueryRuntimeStatistics | null> {
  try {
    const out = await jsonCall<{ QueryRuntimeStatistics?: QueryRuntimeStatistics }>("athena", "GetQueryRuntimeStatistics", { QueryExecutionId: id }, signal);
    return out.QueryRuntimeStatistics ?? null;
  } catch {
    return null;
  }
}

/** The work group's latest queries, newest first (ListQueryExecutions + BatchGetQueryExecution). */
export async function queryHistory(max: number, signal?: AbortSignal): Promise<QueryExecution[]> {
  const listed = await jsonCall<{ QueryExecutionIds?: string[] }>(
    "athena",
    "ListQueryExecutions",
    { WorkGroup: WORK_GROUP, MaxResults: Math.min(50, max) },
    signal,
  );
  const ids = listed.QueryExecutionIds ?? [];
  if (ids.length === 0) return [];
  const got = await jsonCall<{ QueryExecutions?: QueryExecution[] }>("athena", "BatchGetQueryExecution", { QueryExecutionIds: ids }, signal);
  const byId = new Map((got.QueryExecutions ?? []).map((q) => [q.QueryExecutionId, q]));
  return ids.map((id) => byId.get(id)).filter((q): q is QueryExecution => q !== undefined);
}
