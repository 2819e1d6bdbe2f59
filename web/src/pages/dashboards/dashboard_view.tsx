// One dashboard: a grid of its charts, each drawn from its query's Athena
// result; rerun on Refresh and by themselves when a table a chart reads
// changes (Glue GetTable polled every few seconds); an edit mode to rename,
// reorder, edit, add and remove charts, or delete the dashboard.
import { asError } from "../../aws/client";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { Chart } from "../../charts/Chart";
import { shapeChart } from "../../charts/shape";
import { navigate } from "../../router";
import { Button, ErrorBox, formatTime, Loading, Page } from "../../ui/components";
import { deleteDashboard, getDashboard, putDashboard, type Dashboard, type DashboardChart } from "./api";
import { defaultTitle, Dialog, SpecFields } from "./chart_form";
import { runQuery, type QueryResult } from "./run_query";
import { tablesOf, tableVersion, type TableRef } from "./tables";

const WATCH_MS = 3000;

interface ChartState {
  result?: QueryResult;
  error?: Error;
  running: boolean;
  runs: number; // Completed runs, for tests and the "updated" note.
  finishedAt?: number;
}

/** The data of a chart as its series, for tests to read: {categories, series: [{name, values}]}. */
function shapedData(chart: DashboardChart, result: QueryResult | undefined): string {
  if (!result) return "";
  try {
    return JSON.stringify(shapeChart(result.columns, result.rows, chart.spec));
  } catch {
    return "";
  }
}

function useChartRuns(dashboard: Dashboard | undefined) {
  const [states, setStates] = useState<ChartState[]>([]);
  const generation = useRef<number[]>([]);
  const controller = useRef(new AbortController());
  const run = useCallback(
    (index: number) => {
      const chart = dashboard?.charts[index];
      if (!chart) return;
      const mine = (generation.current[index] = (generation.current[index] ?? 0) + 1);
      const update = (patch: Partial<ChartState>) =>
        setStates((all) => {
          const next = [...all];
          next[index] = { ...(next[index] ?? { running: false, runs: 0 }), ...patch };
          return next;
        });
      update({ running: true });
      runQuery(chart.database, chart.query, controller.current.signal).then(
        (result) => {
          if (generation.current[index] !== mine) return;
          setStates((all) => {
            const next = [...all];
            const previous = next[index] ?? { running: false, runs: 0 };
            next[index] = { result, running: false, runs: previous.runs + 1, finishedAt: Date.now() };
            return next;
          });
        },
        (e) => {
          if (generation.current[index] !== mine || controller.current.signal.aborted) return;
          update({ error: asError(e), running: false, finishedAt: Date.now() });
        },
      );
    },
    [dashboard],
  );
  const runAll = useCallback(() => dashboard?.charts.forEach((_, i) => run(i)), [dashboard, run]);
  // Queries still running when the dashboard changes or the page closes stop polling.
  useEffect(() => {
    const current = new AbortController();
    controller.current = current;
    return () => current.abort();
  }, [dashboard]);
  useEffect(() => {
    generation.current = [];
    setStates([]);
    runAll();
  }, [runAll]);
  return { states, run, runAll };
}

/** Polls the version of every table the charts read; reruns the charts that read a table that changed. */
function useTableWatch(dashboard: Dashboard | undefined, paused: boolean, run: (index: number) => void) {
  useEffect(() => {
    if (!dashboard || paused) return;
    const readers = new Map<string, { ref: TableRef; charts: number[] }>();
    dashboard.charts.forEach((chart, i) => {
      for (const ref of tablesOf(chart.query, chart.database)) {
        const key = `${ref.database}.${ref.table}`;
        const entry = readers.get(key) ?? { ref, charts: [] };
        entry.charts.push(i);
        readers.set(key, entry);
      }
    });
    if (readers.size === 0) return;
    const controller = new AbortController();
    const known = new Map<string, string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const rerun = new Set<number>();
      for (const [key, { ref, charts }] of readers) {
        try {
          const version = await tableVersion(ref, controller.signal);
          if (known.has(key) && known.get(key) !== version) charts.forEach((i) => rerun.add(i));
          known.set(key, version);
        } catch {
          // A failed poll (the server restarting) is retried at the next tick.
        }
      }
      if (controller.signal.aborted) return;
      rerun.forEach(run);
      timer = setTimeout(poll, WATCH_MS);
    };
    poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [dashboard, paused, run]);
}

/** The page's theme (html[data-theme]); charts take their colours from it when drawn, so they are redrawn when it changes. */
function useTheme(): string {
  const [theme, setTheme] = useState(() => document.documentElement.dataset.theme ?? "");
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(document.documentElement.dataset.theme ?? ""));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

function ChartCard(props: { chart: DashboardChart; state: ChartState | undefined }) {
  const { chart, state } = props;
  const theme = useTheme();
  return (
    <article
      class="dash-card"
      data-chart-title={chart.title}
      data-runs={state?.runs ?? 0}
      data-running={state?.running ? "true" : "false"}
      data-values={shapedData(chart, state?.result)}
    >
      <header class="dash-card-head">
        <h2>{chart.title || defaultTitle(chart.spec)}</h2>
        <span class="dash-card-note">{state?.running ? "running…" : state?.finishedAt ? new Date(state.finishedAt).toLocaleTimeString() : ""}</span>
      </header>
      {state?.error && <ErrorBox error={state.error} />}
      {state?.result ? <Chart key={theme} spec={chart.spec} columns={state.result.columns} rows={state.result.rows} height={280} /> : !state?.error && <Loading when={true} />}
    </article>
  );
}

export function DashboardView(props: { id: string }) {
  const [dashboard, setDashboard] = useState<Dashboard>();
  const [loadError, setLoadError] = useState<Error>();
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    getDashboard(props.id, controller.signal).then(setDashboard, (e) => !controller.signal.aborted && setLoadError(e));
    return () => controller.abort();
  }, [props.id]);
  const { states, run, runAll } = useChartRuns(dashboard);
  useTableWatch(dashboard, editing, run);

  const crumbs: [string, string][] = [["Dashboards", "#/dashboards"]];
  if (loadError) {
    return (
      <Page title={props.id} crumbs={crumbs}>
        <ErrorBox error={loadError} />
      </Page>
    );
  }
  if (!dashboard) {
    return (
      <Page title={props.id} crumbs={crumbs}>
        <Loading when={true} />
      </Page>
    );
  }
  if (editing) {
    return (
      <DashboardEditor
        dashboard={dashboard}
        onSaved={(saved) => {
          setDashboard(saved);
          setEditing(false);
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }
  return (
    <Page
      title={dashboard.name}
      crumbs={crumbs}
      actions={
        <>
          <span class="dash-card-note">updated {formatTime(dashboard.updated)}</span>
          <Button onClick={runAll}>Refresh</Button>
          <Button onClick={() => setEditing(true)}>Edit</Button>
        </>
      }
    >
      {dashboard.charts.length === 0 && <p class="empty">No charts yet. Edit the dashboard to add one, or use “Add to dashboard” on a query.</p>}
      <div class="dash-grid">
        {dashboard.charts.map((chart, i) => (
          <ChartCard key={i} chart={chart} state={states[i]} />
        ))}
      </div>
    </Page>
  );
}

function ChartEditDialog(props: { chart: DashboardChart; title: string; onSave: (chart: DashboardChart) => void; onClose: () => void }) {
  const [chart, setChart] = useState(props.chart);
  const ready = chart.query.trim() !== "" && chart.spec.dimension !== "" && chart.spec.metric !== "";
  return (
    <Dialog title={props.title} onClose={props.onClose} wide>
      <label>
        Title
        <input value={chart.title} maxLength={256} onInput={(e) => setChart({ ...chart, title: e.currentTarget.value })} />
      </label>
      <label>
        Database
        <input value={chart.database} onInput={(e) => setChart({ ...chart, database: e.currentTarget.value })} />
      </label>
      <label>
        Query
        <textarea rows={5} spellcheck={false} value={chart.query} onInput={(e) => setChart({ ...chart, query: e.currentTarget.value })} />
      </label>
      <SpecFields spec={chart.spec} onChange={(spec) => setChart({ ...chart, spec })} />
      <div class="actions">
        <Button primary type="submit" disabled={!ready} onClick={() => props.onSave(chart)}>
          Done
        </Button>
        <Button onClick={props.onClose}>Cancel</Button>
      </div>
    </Dialog>
  );
}

function DashboardEditor(props: { dashboard: Dashboard; onSaved: (d: Dashboard) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Dashboard>(props.dashboard);
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [saving, setSaving] = useState(false);
  const charts = draft.charts;
  const setCharts = (next: DashboardChart[]) => setDraft({ ...draft, charts: next });
  const move = (i: number, by: number) => {
    const next = [...charts];
    const [moved] = next.splice(i, 1);
    next.splice(i + by, 0, moved);
    setCharts(next);
  };
  const act = async (work: () => Promise<void>) => {
    setSaving(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(asError(e));
    } finally {
      setSaving(false);
    }
  };
  const save = () => act(async () => props.onSaved(await putDashboard(draft)));
  const remove = () =>
    act(async () => {
      await deleteDashboard(draft.id);
      navigate("#/dashboards");
    });
  const blank: DashboardChart = { title: "", database: charts[0]?.database ?? "default", query: "", spec: { kind: "bar", dimension: "", metric: "" } };
  return (
    <Page
      title={`Editing ${props.dashboard.name}`}
      crumbs={[["Dashboards", "#/dashboards"]]}
      actions={
        <>
          <Button primary onClick={save} disabled={saving || draft.name.trim() === ""}>
            Save
          </Button>
          <Button onClick={props.onCancel}>Cancel</Button>
        </>
      }
    >
      <ErrorBox error={error} />
      <div class="dash-edit">
        <label>
          Name
          <input value={draft.name} maxLength={256} onInput={(e) => setDraft({ ...draft, name: e.currentTarget.value })} />
        </label>
        <ol class="dash-edit-charts">
          {charts.map((chart, i) => (
            <li key={i}>
              <span class="dash-edit-title">
                {chart.title || defaultTitle(chart.spec)} <small>({chart.spec.kind})</small>
              </span>
              <span class="actions">
                <Button onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move ${chart.title} up`}>
                  ↑
                </Button>
                <Button onClick={() => move(i, 1)} disabled={i === charts.length - 1} aria-label={`Move ${chart.title} down`}>
                  ↓
                </Button>
                <Button onClick={() => setEditing(i)}>Edit</Button>
                <Button onClick={() => setCharts(charts.filter((_, j) => j !== i))}>Remove</Button>
              </span>
            </li>
          ))}
        </ol>
        <div class="actions">
          <Button onClick={() => setEditing("new")} disabled={charts.length >= 50}>
            Add chart
          </Button>
          {confirmDelete ? (
            <>
              <span>Delete “{props.dashboard.name}” for good?</span>
              <Button class="dash-danger" onClick={remove} disabled={saving}>
                Yes, delete
              </Button>
              <Button onClick={() => setConfirmDelete(false)}>No</Button>
            </>
          ) : (
            <Button class="dash-danger" onClick={() => setConfirmDelete(true)}>
              Delete dashboard
            </Button>
          )}
        </div>
      </div>
      {editing !== null && (
        <ChartEditDialog
          title={editing === "new" ? "New chart" : "Edit chart"}
          chart={editing === "new" ? blank : charts[editing]}
          onClose={() => setEditing(null)}
          onSave={(chart) => {
            setCharts(editing === "new" ? [...charts, chart] : charts.map((c, j) => (j === editing ? chart : c)));
            setEditing(null);
          }}
        />
      )}
    </Page>
  );
}
