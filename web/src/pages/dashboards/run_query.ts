// Runs one chart's SQL through Athena as an SDK would: StartQueryExecution in
// the chart's database, GetQueryExecution until it ends, then every page of
// GetQueryResults (the Athena page's calls). Without an output location in the work group, results go
// where Athena's console puts them: s3://aws-athena-query-results-ACCOUNT-REGION/
// (the bucket is created when missing, as that console does).
import { AwsError, loadCredentials, queryCall, s3Fetch, s3KeyPath, xmlText } from "../../aws/client";
import { allRows, startQuery, waitForQuery } from "../athena/athena_api";
import type { Cell } from "../../charts/shape";

export interface QueryResult {
  columns: string[];
  rows: Cell[][];
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

async function start(database: string, query: string): Promise<string> {
  try {
    return await startQuery({ sql: query, database, outputLocation: "" });
  } catch (e) {
    if (!(e instanceof AwsError) || !/output location/i.test(e.message)) throw e;
  }
  return startQuery({ sql: query, database, outputLocation: await defaultResultsLocation() });
}

export async function runQuery(database: string, query: string, signal?: AbortSignal): Promise<QueryResult> {
  const execution = await waitForQuery(await start(database, query), () => undefined, signal);
  const state = execution.Status?.State;
  if (state !== "SUCCEEDED") {
    const status = execution.Status;
    throw new Error(`query ${(state ?? "failed").toLowerCase()}: ${status?.StateChangeReason ?? status?.AthenaError?.ErrorMessage ?? ""}`);
  }
  const { columns, rows } = await allRows(execution, Infinity, signal);
  return { columns, rows };
}
