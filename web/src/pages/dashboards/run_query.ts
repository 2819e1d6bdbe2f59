// Runs one chart's SQL through Athena as an SDK would: StartQueryExecution in
// the chart's database, GetQueryExecution until it ends, then every page of
// GetQueryResults. Without an output location in the work group, results go
// where Athena's console puts them: s3://aws-athena-query-results-ACCOUNT-REGION/
// (the bucket is created when missing, as that console does).
import { AwsError, jsonCall, loadCredentials, queryCall, s3Fetch, s3KeyPath, xmlText } from "../../aws/client";
import type { Cell } from "../../charts/shape";

export interface QueryResult {
  columns: string[];
  rows: Cell[][];
}

interface ResultsPage {
  NextToken?: string;
  ResultSet: {
    Rows?: { Data?: { VarCharValue?: string }[] }[];
    ResultSetMetadata?: { ColumnInfo?: { Name: string }[] };
  };
}

const POLL_MS = [50, 100, 200, 400, 800];

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(new DOMException("aborted", "AbortError"));
    });
  });
}

let resultsLocation: Promise<string> | null = null;

async function createResultsLocation(): Promise<string> {
  const identity = await queryCall("sts", "GetCallerIdentity");
  const region = loadCredentials().region || "us-east-1";
  const bucket = `aws-athena-query-results-${xmlText(identity, "Account") || "000000000000"}-${region}`;
  try {
    await s3Fetch("HEAD", s3KeyPath(bucket));
  } catch (e) {
    if (!(e instanceof AwsError) || e.status !== 404) throw e;
    const body =
      region === "us-east-1"
        ? undefined
        : `<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>${region}</LocationConstraint></CreateBucketConfiguration>`;
    await s3Fetch("PUT", s3KeyPath(bucket), { body });
  }
  return `s3://${bucket}/`;
}

function defaultResultsLocation(): Promise<string> {
  resultsLocation ??= createResultsLocation().catch((e) => {
    resultsLocation = null;
    throw e;
  });
  return resultsLocation;
}

async function startQuery(database: string, query: string, signal?: AbortSignal): Promise<string> {
  const input = { QueryString: query, ...(database ? { QueryExecutionContext: { Database: database } } : {}) };
  try {
    return (await jsonCall<{ QueryExecutionId: string }>("athena", "StartQueryExecution", input, signal)).QueryExecutionId;
  } catch (e) {
    if (!(e instanceof AwsError) || !/output location/i.test(e.message)) throw e;
  }
  const location = await defaultResultsLocation();
  const started = await jsonCall<{ QueryExecutionId: string }>("athena", "StartQueryExecution", { ...input, ResultConfiguration: { OutputLocation: location } }, signal);
  return started.QueryExecutionId;
}

export async function runQuery(database: string, query: string, signal?: AbortSignal): Promise<QueryResult> {
  const id = await startQuery(database, query, signal);
  for (let attempt = 0; ; attempt++) {
    const { QueryExecution: execution } = await jsonCall("athena", "GetQueryExecution", { QueryExecutionId: id }, signal);
    const state: string = execution?.Status?.State ?? "";
    if (state === "SUCCEEDED") break;
    if (state === "FAILED" || state === "CANCELLED") {
      throw new Error(`query ${state.toLowerCase()}: ${execution?.Status?.StateChangeReason ?? execution?.Status?.AthenaError?.ErrorMessage ?? ""}`);
    }
    await sleep(POLL_MS[Math.min(attempt, POLL_MS.length - 1)], signal);
  }
  let columns: string[] = [];
  const rows: Cell[][] = [];
  let token: string | undefined;
  let first = true;
  do {
    const page = await jsonCall<ResultsPage>("athena", "GetQueryResults", { QueryExecutionId: id, MaxResults: 1000, ...(token ? { NextToken: token } : {}) }, signal);
    const pageRows = (page.ResultSet.Rows ?? []).map((r) => (r.Data ?? []).map((d) => d.VarCharValue ?? null));
    if (first) {
      columns = (page.ResultSet.ResultSetMetadata?.ColumnInfo ?? []).map((c) => c.Name);
      // A SELECT's first row repeats the column names.
      if (pageRows.length > 0 && columns.length > 0 && pageRows[0].every((v, i) => v === columns[i])) pageRows.shift();
      first = false;
    }
    rows.push(...pageRows);
    token = page.NextToken;
  } while (token);
  return { columns, rows };
}
