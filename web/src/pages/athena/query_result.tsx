// A finished query: its rows paged 100 at a time (GetQueryResults with
// NextToken), CSV download of every row, statistics, the plan (EXPLAIN
// ANALYZE, run on demand) and a chart, with the add-to-dashboard action.
import { useEffect, useRef, useState } from "preact/hooks";
import { asError, AwsError } from "../../aws/client";
import { guessSpec, toCsv, type Cell, type ChartSpec } from "../../charts/shape";
import { Button, ErrorBox, formatBytes, KeyValues, Loading } from "../../ui/components";
import { AddToDashboard } from "../dashboards/add_to_dashboard";
import { allRows, resultPage, type AllRows, runtimeStatistics, startQuery, waitForQuery } from "./athena_api";
import type { QueryExecution, QueryRuntimeStatistics } from "./athena_types";
import { ChartPanel } from "./chart_panel";
import { explainQuery, formatMillis } from "./results";

const PAGE_ROWS = 100;
const CHART_ROW_LIMIT = 10000;

type Tab = "results" | "statistics" | "plan" | "chart";


interface Paged {
  columns: string[];
  types: string[];
  rows: Cell[][];
  token?: string;
  started: boolean; // The first page was fetched.
}

/** The rows fetched so far, and fetching more until page `index` is full or the result ends. */
function usePagedRows(execution: QueryExecution, index: number) {
  const [paged, setPaged] = useState<Paged>({ columns: [], types: [], rows: [], started: false });
  const [error, setError] = useState<Error | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    const need = (index + 1) * PAGE_ROWS;
    if (paged.started && (paged.rows.length >= need || !paged.token)) return;
    const controller = new AbortController();
    setLoading(true);
    (async () => {
      let next = paged;
      while (!next.started || (next.rows.length < need && next.token)) {
        const first = !next.started;
        const max = first && execution.StatementType === "DML" ? PAGE_ROWS + 1 : PAGE_ROWS;
        const page = await resultPage(execution, next.token, max, controller.signal);
        next = {
          columns: first ? page.columns : next.columns,
          types: first ? page.types : next.types,
          rows: [...next.rows, ...page.rows],
          token: page.nextToken,
          started: true,
        };
      }
      return next;
    })().then(
      (next) => {
        setPaged(next);
        setLoading(false);
      },
      (e) => {
        if (controller.signal.aborted) return;
        setError(asError(e));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [execution.QueryExecutionId, index]);
  return { paged, error, loading };
}

function ResultTable(props: { columns: string[]; types: string[]; rows: Cell[][]; first: number }) {
  if (props.columns.length === 0) return <p class="empty">The statement returned no columns.</p>;
  return (
    <div class="table-wrap athena-results">
      <table class="grid" aria-label="Query results">
        <thead>
          <tr>
            <th class="num">#</th>
            {props.columns.map((c, i) => (
              <th key={i} title={props.types[i]}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row, r) => (
            <tr key={r}>
              <td class="num athena-rownum">{props.first + r + 1}</td>
              {props.columns.map((_, i) => (
                <td key={i} class={row[i] === null || row[i] === undefined ? "athena-null" : undefined}>
                  {row[i] ?? "NULL"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Statistics(props: { execution: QueryExecution }) {
  const [runtime, setRuntime] = useState<QueryRuntimeStatistics | null | undefined>(undefined);
  useEffect(() => {
    const controller = new AbortController();
    runtimeStatistics(props.execution.QueryExecutionId, controller.signal).then(setRuntime, () => setRuntime(null));
    return () => controller.abort();
  }, [props.execution.QueryExecutionId]);
  const s = props.execution.Statistics ?? {};
  const items: [string, string][] = [
    ["Engine execution time", formatMillis(s.EngineExecutionTimeInMillis)],
    ["Queue time", formatMillis(s.QueryQueueTimeInMillis)],
    ["Planning time", formatMillis(s.QueryPlanningTimeInMillis)],
    ["Total execution time", formatMillis(s.TotalExecutionTimeInMillis)],
    ["Data scanned", s.DataScannedInBytes === undefined ? "" : formatBytes(s.DataScannedInBytes)],
  ];
  const rows = runtime?.Rows;
  if (rows) {
    if (rows.InputRows !== undefined) items.push(["Input rows", rows.InputRows.toLocaleString()]);
    if (rows.InputBytes !== undefined) items.push(["Input bytes", formatBytes(rows.InputBytes)]);
    if (rows.OutputRows !== undefined) items.push(["Output rows", rows.OutputRows.toLocaleString()]);
    if (rows.OutputBytes !== undefined) items.push(["Output bytes", formatBytes(rows.OutputBytes)]);
  }
  return (
    <div class="athena-statistics">
      <KeyValues items={items.filter(([, v]) => v !== "")} />
      {runtime === undefined && <Loading when={true} />}
      {runtime === null && <p class="empty">No runtime statistics for this query.</p>}
    </div>
  );
}

function Plan(props: { sql: string; database: string; outputLocation: string }) {
  const [plan, setPlan] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    (async () => {
      const id = await startQuery({ sql: explainQuery(props.sql), database: props.database, outputLocation: props.outputLocation });
      const done = await waitForQuery(id, () => undefined, controller.signal);
      if (done.Status?.State !== "SUCCEEDED") throw new AwsError(done.Status?.State ?? "FAILED", 400, done.Status?.StateChangeReason ?? "");
      const { columns, rows } = await allRows(done, Infinity, controller.signal);
      // EXPLAIN's rows may start with the column's name ("Query Plan") as a header.
      const body = rows.length > 0 && rows[0].length === 1 && rows[0][0] === columns[0] ? rows.slice(1) : rows;
      return body.map((r) => r.filter((c) => c !== null && c !== undefined).join("\t")).join("\n");
    })().then(setPlan, (e) => !controller.signal.aborted && setError(asError(e)));
    return () => controller.abort();
  }, [props.sql]);
  if (error) return <ErrorBox error={error} />;
  if (plan === null) return <div class="loading">Running EXPLAIN ANALYZE…</div>;
  return <pre class="athena-plan">{plan}</pre>;
}

export interface QueryResultProps {
  execution: QueryExecution; // SUCCEEDED.
  sql: string;
  database: string;
  outputLocation: string;
}

export function QueryResult(props: QueryResultProps) {
  const { execution } = props;
  const [tab, setTab] = useState<Tab>("results");
  const [pageIndex, setPageIndex] = useState(0);
  const { paged, error, loading } = usePagedRows(execution, pageIndex);
  const [everything, setEverything] = useState<AllRows | null>(null);
  const [everythingError, setEverythingError] = useState<Error | null>(null);
  const [spec, setSpec] = useState<ChartSpec | null>(null);
  const [download, setDownload] = useState<{ url: string; name: string } | null>(null);
  const link = useRef<HTMLAnchorElement>(null);

  useEffect(() => () => download && URL.revokeObjectURL(download.url), [download]);
  useEffect(() => {
    if (download) link.current?.click();
  }, [download]);
  useEffect(() => {
    if (tab !== "chart" || everything) return;
    allRows(execution, CHART_ROW_LIMIT).then(
      (all) => {
        setEverything(all);
        setSpec((s) => s ?? guessSpec(all.columns, all.rows));
      },
      (e) => setEverythingError(asError(e)),
    );
  }, [tab]);

  const saveCsv = async () => {
    try {
      const all = await allRows(execution);
      const blob = new Blob([toCsv(all.columns, all.rows)], { type: "text/csv" });
      setDownload({ url: URL.createObjectURL(blob), name: `${execution.QueryExecutionId}.csv` });
    } catch (e) {
      setEverythingError(asError(e));
    }
  };

  const first = pageIndex * PAGE_ROWS;
  const shown = paged.rows.slice(first, first + PAGE_ROWS);
  const hasNext = paged.rows.length > first + PAGE_ROWS || !!paged.token;
  const tabs: [Tab, string][] = [
    ["results", "Results"],
    ["statistics", "Statistics"],
    ["plan", "Plan"],
    ["chart", "Chart"],
  ];
  return (
    <div class="athena-result">
      <div class="athena-result-bar">
        <div class="tabs athena-tabs" role="tablist">
          {tabs.map(([id, label]) => (
            <button key={id} role="tab" aria-selected={tab === id} class={tab === id ? "active" : ""} onClick={() => setTab(id)}>
              {label}
            </button>
          ))}
        </div>
        <div class="actions">
          <Button onClick={saveCsv}>Download CSV</Button>
          {download && (
            <a ref={link} href={download.url} download={download.name} class="athena-download">
              {download.name}
            </a>
          )}
          <AddToDashboard query={props.sql} database={props.database} spec={spec} />
        </div>
      </div>
      <ErrorBox error={everythingError} />
      {tab === "results" && (
        <div role="tabpanel" aria-label="Results">
          <ErrorBox error={error} />
          {paged.started && <ResultTable columns={paged.columns} types={paged.types} rows={shown} first={first} />}
          <div class="athena-pager">
            <button type="button" class="btn" onClick={() => setPageIndex(pageIndex - 1)} disabled={pageIndex === 0 || loading}>
              Previous
            </button>
            <span class="athena-page-label">
              {loading ? "Loading…" : shown.length === 0 ? "No rows" : `Rows ${first + 1}–${first + shown.length}${hasNext ? "" : ` of ${paged.rows.length}`}`}
            </span>
            <button type="button" class="btn" onClick={() => setPageIndex(pageIndex + 1)} disabled={!hasNext || loading}>
              Next
            </button>
          </div>
        </div>
      )}
      {tab === "statistics" && (
        <div role="tabpanel" aria-label="Statistics">
          <Statistics execution={execution} />
        </div>
      )}
      {tab === "plan" && (
        <div role="tabpanel" aria-label="Plan">
          <Plan sql={props.sql} database={props.database} outputLocation={props.outputLocation} />
        </div>
      )}
      {tab === "chart" && (
        <div role="tabpanel" aria-label="Chart">
          {everything ? (
            <ChartPanel columns={everything.columns} rows={everything.rows} spec={spec} onSpec={setSpec} truncated={!everything.complete} />
          ) : (
            <Loading when={!everythingError} />
          )}
        </div>
      )}
    </div>
  );
}
