// The "Add to dashboard" action for a query and its chart: a dialog to pick
// an existing dashboard or name a new one, and the chart's title; it PUTs the
// dashboard with the chart appended.
import { asError } from "../../aws/client";
import { useState } from "preact/hooks";
import type { ChartSpec } from "../../charts/shape";
import { href } from "../../router";
import { Button, ErrorBox } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { getDashboard, idFromName, listDashboards, putDashboard, type Dashboard } from "./api";
import { defaultTitle, Dialog } from "./chart_form";

export interface AddToDashboardProps {
  query: string; // The SQL text.
  database: string; // The query's database (QueryExecutionContext.Database).
  spec: ChartSpec | null; // The chart the user chose, if any.
}

const NEW = "";

async function addChart(target: string, newName: string, chart: Dashboard["charts"][number]): Promise<Dashboard> {
  if (target !== NEW) {
    const dashboard = await getDashboard(target);
    return putDashboard({ ...dashboard, charts: [...dashboard.charts, chart] });
  }
  const taken = new Set((await listDashboards()).map((d) => d.id));
  const base = idFromName(newName);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return putDashboard({ id, name: newName.trim(), charts: [chart] });
}

function AddDialog(props: AddToDashboardProps & { spec: ChartSpec; onClose: () => void }) {
  const dashboards = useLoad(listDashboards, []);
  const [target, setTarget] = useState<string | null>(null);
  const [newName, setNewName] = useState("");
  const [title, setTitle] = useState(defaultTitle(props.spec));
  const [error, setError] = useState<Error | null>(null);
  const [saving, setSaving] = useState(false);
  const [added, setAdded] = useState<Dashboard | null>(null);
  const chosen = target ?? dashboards.data?.[0]?.id ?? NEW;
  const ready = !saving && title.trim() !== "" && (chosen !== NEW || newName.trim() !== "");

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      setAdded(await addChart(chosen, newName, { title: title.trim(), database: props.database, query: props.query, spec: props.spec }));
    } catch (e) {
      setError(asError(e));
    } finally {
      setSaving(false);
    }
  };

  if (added) {
    return (
      <Dialog title="Added to dashboard" onClose={props.onClose}>
        <p>
          “{title.trim()}” is on <a href={href("dashboards", added.id)}>{added.name}</a> ({added.charts.length} charts).
        </p>
        <div class="actions">
          <a class="btn primary" href={href("dashboards", added.id)} onClick={props.onClose}>
            Open dashboard
          </a>
          <Button onClick={props.onClose}>Close</Button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title="Add to dashboard" onClose={props.onClose}>
      <ErrorBox error={dashboards.error ?? error} />
      <label>
        Dashboard
        <select value={chosen} onChange={(e) => setTarget(e.currentTarget.value)} disabled={dashboards.loading && !dashboards.data}>
          {(dashboards.data ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
          <option value={NEW}>New dashboard…</option>
        </select>
      </label>
      {chosen === NEW && dashboards.data && (
        <label>
          New dashboard's name
          <input value={newName} maxLength={256} onInput={(e) => setNewName(e.currentTarget.value)} placeholder="Sales by region" />
        </label>
      )}
      <label>
        Chart title
        <input value={title} maxLength={256} onInput={(e) => setTitle(e.currentTarget.value)} />
      </label>
      <div class="actions">
        <Button primary type="submit" disabled={!ready} onClick={save}>
          {saving ? "Adding…" : "Add"}
        </Button>
        <Button onClick={props.onClose}>Cancel</Button>
      </div>
    </Dialog>
  );
}

export function AddToDashboard(props: AddToDashboardProps) {
  const [open, setOpen] = useState(false);
  const spec = props.spec;
  return (
    <>
      <Button
        onClick={() => setOpen(true)}
        disabled={spec === null || props.query.trim() === ""}
        title={spec === null ? "Choose a chart first" : "Add this chart to a dashboard"}
      >
        Add to dashboard
      </Button>
      {open && spec !== null && <AddDialog {...props} spec={spec} onClose={() => setOpen(false)} />}
    </>
  );
}
