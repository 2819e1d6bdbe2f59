// The Athena query editor: the Glue catalog as a tree, a SQL editor with
// completion, run and cancel with the query's progress, its results,
// statistics, plan and chart, and the work group's query history.
import { asError } from "../../aws/client";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { Route } from "../../router";
import { Button, ErrorBox, Page } from "../../ui/components";
import { listDatabases, listTables, queryHistory, startQuery, stopQuery, waitForQuery, workGroupOutputLocation, WORK_GROUP } from "./athena_api";
import { isFinished, type QueryExecution } from "./athena_types";
import { CatalogTree } from "./catalog_tree";
import { QueryHistory, stateBadgeClass } from "./history";
import { QueryResult } from "./query_result";
import { completionSchema, formatMillis, previewQuery, type CatalogDatabase } from "./results";
import { SqlEditor, type SqlEditorHandle } from "./sql_editor";

const OUTPUT_KEY = "stratus.athena.outputLocation";
const DATABASE_KEY = "stratus.athena.database";
const SQL_KEY = "stratus.athena.sql";

interface Current {
  execution: QueryExecution;
  sql: string;
  database: string;
}


function useCatalog() {
  const [databases, setDatabases] = useState<CatalogDatabase[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    listDatabases(controller.signal).then(
      (names) => {
        setError(null);
        setDatabases((old) => names.map((name) => ({ name, tables: old?.find((d) => d.name === name)?.tables ?? null })));
        for (const name of names) {
          listTables(name, controller.signal).then(
            (tables) => setDatabases((all) => all?.map((d) => (d.name === name ? { name, tables } : d)) ?? null),
            (e) => {
              if (controller.signal.aborted) return;
              const error = asError(e).message;
              setDatabases((all) => all?.map((d) => (d.name === name ? { name, tables: null, error } : d)) ?? null);
            },
          );
        }
      },
      (e) => !controller.signal.aborted && setError(asError(e)),
    );
    return () => controller.abort();
  }, [tick]);
  return { databases, error, reload: () => setTick((t) => t + 1) };
}

function Elapsed(props: { execution: QueryExecution }) {
  const [now, setNow] = useState(Date.now());
  const status = props.execution.Status;
  const done = isFinished(status?.State);
  useEffect(() => {
    if (done) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [done]);
  const total = props.execution.Statistics?.TotalExecutionTimeInMillis;
  if (done && total !== undefined) return <span>{formatMillis(total)}</span>;
  const submitted = status?.SubmissionDateTime;
  return <span>{submitted ? formatMillis(Math.max(0, now - submitted * 1000)) : ""}</span>;
}

export function AthenaPage(_props: { route: Route }) {
  const catalog = useCatalog();
  const editor = useRef<SqlEditorHandle | null>(null);
  const [database, setDatabase] = useState(() => localStorage.getItem(DATABASE_KEY) ?? "default");
  const [outputLocation, setOutputLocation] = useState(() => localStorage.getItem(OUTPUT_KEY) ?? "");
  const [workGroupLocation, setWorkGroupLocation] = useState("");
  const [current, setCurrent] = useState<Current | null>(null);
  const [startError, setStartError] = useState<Error | null>(null);
  const [history, setHistory] = useState<QueryExecution[]>([]);
  const [historyError, setHistoryError] = useState<Error | null>(null);
  const following = useRef<AbortController | null>(null);

  const schema = useMemo(() => completionSchema(catalog.databases ?? []), [catalog.databases]);
  const reloadHistory = () => queryHistory(50).then((h) => (setHistory(h), setHistoryError(null)), (e) => setHistoryError(asError(e)));

  useEffect(() => {
    workGroupOutputLocation().then(setWorkGroupLocation, () => undefined);
    reloadHistory();
    return () => following.current?.abort();
  }, []);
  useEffect(() => {
    // Fall back to the first database when the remembered one is gone.
    const names = catalog.databases?.map((d) => d.name) ?? [];
    if (names.length > 0 && !names.includes(database)) setDatabase(names.includes("default") ? "default" : names[0]);
  }, [catalog.databases]);
  useEffect(() => localStorage.setItem(DATABASE_KEY, database), [database]);

  const running = current !== null && !isFinished(current.execution.Status?.State);

  const follow = (id: string, sql: string, db: string, initial: QueryExecution) => {
    following.current?.abort();
    const controller = new AbortController();
    following.current = controller;
    setCurrent({ execution: initial, sql, database: db });
    waitForQuery(id, (execution) => !controller.signal.aborted && setCurrent({ execution, sql, database: db }), controller.signal).then(
      (done) => {
        reloadHistory();
        if (done.StatementType === "DDL") catalog.reload();
      },
      (e) => {
        if (!controller.signal.aborted) setStartError(asError(e));
      },
    );
  };

  const run = async (sql: string) => {
    if (!sql.trim() || running) return;
    setStartError(null);
    try {
      const id = await startQuery({ sql, database, outputLocation: outputLocation.trim() });
      follow(id, sql, database, { QueryExecutionId: id, Query: sql, Status: { State: "QUEUED", SubmissionDateTime: Date.now() / 1000 } });
    } catch (e) {
      setStartError(asError(e));
    }
  };
  const runEditor = () => run(editor.current?.statement() ?? "");
  const preview = (db: string, table: string) => {
    const sql = previewQuery(db, table);
    editor.current?.setText(sql);
    run(sql);
  };
  const open = (q: QueryExecution) => {
    const sql = q.Query ?? "";
    const db = q.QueryExecutionContext?.Database ?? database;
    editor.current?.setText(sql);
    setDatabase(db);
    setStartError(null);
    if (isFinished(q.Status?.State)) {
      following.current?.abort();
      setCurrent({ execution: q, sql, database: db });
    } else {
      follow(q.QueryExecutionId, sql, db, q);
    }
  };
  const cancel = () => {
    if (current) stopQuery(current.execution.QueryExecutionId).catch((e) => setStartError(asError(e)));
  };

  const names = catalog.databases?.map((d) => d.name) ?? [];
  const state = current?.execution.Status?.State;
  return (
    <Page title="Athena query editor" actions={<Button onClick={catalog.reload}>Refresh catalog</Button>}>
      <div class="athena-layout">
        <aside class="athena-catalog" aria-label="Catalog">
          <h2>Catalog</h2>
          <ErrorBox error={catalog.error} />
          {catalog.databases === null && !catalog.error && <div class="loading">Loading…</div>}
          {catalog.databases && (
            <CatalogTree databases={catalog.databases} current={database} onInsert={(t) => editor.current?.insert(t)} onPreview={preview} />
          )}
        </aside>
        <div class="athena-main">
          <div class="athena-toolbar">
            <label class="athena-choice">
              Database
              <select value={database} onChange={(e) => setDatabase(e.currentTarget.value)} aria-label="Database">
                {!names.includes(database) && <option value={database}>{database}</option>}
                {names.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </label>
            <label class="athena-choice">
              Work group
              <input value={WORK_GROUP} readOnly size={8} />
            </label>
            <label class="athena-choice athena-output">
              Output location
              <input
                value={outputLocation}
                aria-label="Output location"
                placeholder={workGroupLocation || "s3://bucket/prefix/"}
                onInput={(e) => {
                  const value = e.currentTarget.value;
                  setOutputLocation(value);
                  if (value.trim()) localStorage.setItem(OUTPUT_KEY, value.trim());
                  else localStorage.removeItem(OUTPUT_KEY);
                }}
              />
            </label>
          </div>
          <SqlEditor
            handle={editor}
            initial={localStorage.getItem(SQL_KEY) ?? ""}
            schema={schema}
            database={database}
            onRun={runEditor}
            onChange={(text) => localStorage.setItem(SQL_KEY, text)}
          />
          <div class="athena-run-bar">
            <button type="button" class="btn primary" onClick={runEditor} disabled={running} title="Ctrl+Enter (⌘+Enter)">
              Run
            </button>
            <button type="button" class="btn" onClick={cancel} disabled={!running}>
              Cancel
            </button>
            {current && (
              <span class="athena-status" aria-live="polite">
                <span class={`badge ${stateBadgeClass(state)}`}>{state}</span> <Elapsed execution={current.execution} />{" "}
                <code class="athena-query-id">{current.execution.QueryExecutionId}</code>
              </span>
            )}
          </div>
          <ErrorBox error={startError} />
          {current && state === "FAILED" && (
            <div class="error" role="alert">
              {current.execution.Status?.StateChangeReason || current.execution.Status?.AthenaError?.ErrorMessage || "The query failed."}
            </div>
          )}
          {current && state === "CANCELLED" && <p class="empty">The query was cancelled.</p>}
          {current && state === "SUCCEEDED" && (
            <QueryResult
              key={current.execution.QueryExecutionId}
              execution={current.execution}
              sql={current.sql}
              database={current.database}
              outputLocation={outputLocation.trim()}
            />
          )}
          <div class="athena-history-head">
            <h2>History</h2>
            <Button onClick={reloadHistory}>Refresh</Button>
          </div>
          <ErrorBox error={historyError} />
          <QueryHistory queries={history} current={current?.execution.QueryExecutionId ?? ""} onOpen={open} />
        </div>
      </div>
    </Page>
  );
}
