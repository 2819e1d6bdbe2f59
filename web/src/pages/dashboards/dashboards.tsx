// Dashboards (QuickSight's role): the list at #/dashboards, one dashboard at
// #/dashboards/<id>, and a chart composer at #/dashboards?new=chart that
// runs a query, draws it and adds it to a dashboard.
import { asError } from "../../aws/client";
import { useState } from "preact/hooks";
import { Chart } from "../../charts/Chart";
import type { ChartSpec } from "../../charts/shape";
import { href, type Route } from "../../router";
import { Button, ErrorBox, formatTime, Loading, Page, Table } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { AddToDashboard } from "./add_to_dashboard";
import { listDashboards } from "./api";
import { SpecFields } from "./chart_form";
import { DashboardView } from "./dashboard_view";
import { runQuery, type QueryResult } from "./run_query";

export function DashboardsPage(props: { route: Route }) {
  const id = props.route.path[1];
  if (id) return <DashboardView key={id} id={id} />;
  if (props.route.params.get("new") === "chart") return <NewChart />;
  return <DashboardList />;
}

function DashboardList() {
  const dashboards = useLoad(listDashboards, [], 10000);
  return (
    <Page
      title="Dashboards"
      actions={
        <>
          <a class="btn" href="#/dashboards?new=chart">
            New chart
          </a>
          <Button onClick={dashboards.reload}>Refresh</Button>
        </>
      }
    >
      <ErrorBox error={dashboards.error} />
      <Loading when={dashboards.loading && !dashboards.data} />
      {dashboards.data && (
        <Table
          rows={dashboards.data}
          rowKey={(d) => d.id}
          empty="No dashboards yet. Chart a query (New chart, or Athena's “Add to dashboard”), or PUT one to /_stratus/dashboards/<id>."
          columns={[
            { title: "Name", render: (d) => <a href={href("dashboards", d.id)}>{d.name}</a> },
            { title: "Id", render: (d) => <code>{d.id}</code> },
            { title: "Charts", render: (d) => d.num_charts, align: "right" },
            { title: "Updated", render: (d) => formatTime(d.updated) },
          ]}
        />
      )}
    </Page>
  );
}

function NewChart() {
  const [database, setDatabase] = useState("default");
  const [query, setQuery] = useState("");
  const [spec, setSpec] = useState<ChartSpec>({ kind: "bar", dimension: "", metric: "" });
  const [result, setResult] = useState<QueryResult | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      const got = await runQuery(database, query);
      setResult(got);
      // Start from the first column by the last numeric-looking other one.
      if (!spec.dimension && got.columns.length > 0) {
        const numeric = (i: number) => got.rows.length > 0 && got.rows.every((r) => r[i] !== null && r[i] !== undefined && !isNaN(Number(r[i])));
        let metric = got.columns.length - 1;
        while (metric > 1 && !numeric(metric)) metric--;
        setSpec({ ...spec, dimension: got.columns[0], metric: got.columns[metric] });
      }
    } catch (e) {
      setError(asError(e));
    } finally {
      setRunning(false);
    }
  };
  const complete = spec.dimension !== "" && spec.metric !== "";
  return (
    <Page title="New chart" crumbs={[["Dashboards", "#/dashboards"]]}>
      <div class="dash-compose">
        <label>
          Database
          <input value={database} onInput={(e) => setDatabase(e.currentTarget.value)} />
        </label>
        <label class="dash-query">
          Query
          <textarea rows={5} value={query} spellcheck={false} onInput={(e) => setQuery(e.currentTarget.value)} placeholder="SELECT dt, sum(cost) AS cost FROM sales GROUP BY dt" />
        </label>
        <div class="actions">
          <Button primary onClick={run} disabled={running || query.trim() === ""}>
            {running ? "Running…" : "Run"}
          </Button>
          <AddToDashboard query={query} database={database} spec={result && complete ? spec : null} />
        </div>
        <SpecFields spec={spec} onChange={setSpec} />
      </div>
      <ErrorBox error={error} />
      {result && complete && <Chart spec={spec} columns={result.columns} rows={result.rows} />}
      {result && !complete && <p class="empty">Choose a dimension and a metric among: {result.columns.join(", ")}</p>}
    </Page>
  );
}
