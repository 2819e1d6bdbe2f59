// The execution page's Map Runs: each Distributed Map run of the execution
// with its item counts (ListMapRuns, DescribeMapRun), and its child
// executions (ListExecutions by Map Run), each a link to its own page.
import { useState } from "preact/hooks";
import { jsonCall } from "../../aws/client";
import { href } from "../../router";
import { ErrorBox, Loading, Table, formatTime } from "../../ui/components";
import { useLoad } from "../../ui/hooks";

interface Counts {
  pending?: number;
  running?: number;
  succeeded?: number;
  failed?: number;
  timedOut?: number;
  aborted?: number;
  total?: number;
}

interface MapRun {
  mapRunArn: string;
  status: string;
  startDate?: number;
  stopDate?: number;
  itemCounts: Counts;
}

interface ChildExecution {
  executionArn: string;
  name: string;
  status: string;
  startDate?: number;
  stopDate?: number;
}

async function loadMapRuns(executionArn: string, signal: AbortSignal): Promise<MapRun[]> {
  const runs: MapRun[] = [];
  let token: string | undefined;
  do {
    const page = await jsonCall("states", "ListMapRuns", { executionArn, maxResults: 1000, ...(token ? { nextToken: token } : {}) }, signal);
    for (const run of page.mapRuns ?? []) {
      const d = await jsonCall("states", "DescribeMapRun", { mapRunArn: run.mapRunArn }, signal);
      runs.push({ mapRunArn: run.mapRunArn, status: d.status, startDate: d.startDate, stopDate: d.stopDate, itemCounts: d.itemCounts ?? {} });
    }
    token = page.nextToken;
  } while (token);
  return runs;
}

function ChildExecutions(props: { mapRunArn: string; running: boolean }) {
  const children = useLoad(
    async (signal) => (await jsonCall("states", "ListExecutions", { mapRunArn: props.mapRunArn, maxResults: 1000 }, signal)).executions as ChildExecution[],
    [props.mapRunArn],
    props.running ? 2000 : 0,
  );
  return (
    <div>
      <h3>Child executions</h3>
      <ErrorBox error={children.error} />
      <Loading when={children.loading && !children.data} />
      {children.data && (
        <Table
          rows={children.data}
          rowKey={(c) => c.executionArn}
          columns={[
            { title: "Name", render: (c) => <a href={href("states", "execution", c.executionArn)}>{c.name}</a> },
            { title: "Status", render: (c) => <span class={`badge ${c.status.toLowerCase()}`}>{c.status}</span> },
            { title: "Started", render: (c) => formatTime(c.startDate) },
            { title: "Stopped", render: (c) => formatTime(c.stopDate) },
          ]}
        />
      )}
    </div>
  );
}

export function MapRuns(props: { executionArn: string; running: boolean }) {
  const runs = useLoad((signal) => loadMapRuns(props.executionArn, signal), [props.executionArn], props.running ? 2000 : 0);
  const [open, setOpen] = useState<string | undefined>(undefined);
  const count = (c: Counts, k: keyof Counts) => String(c[k] ?? 0);
  return (
    <div>
      <ErrorBox error={runs.error} />
      <Loading when={runs.loading && !runs.data} />
      {runs.data && (
        <Table
          rows={runs.data}
          rowKey={(r) => r.mapRunArn}
          empty="No Map Runs: this execution has no Distributed Map that ran."
          columns={[
            {
              title: "Map Run",
              render: (r) => (
                <button type="button" class="sfnx-link" aria-expanded={open === r.mapRunArn} onClick={() => setOpen(open === r.mapRunArn ? undefined : r.mapRunArn)}>
                  {r.mapRunArn.slice(r.mapRunArn.lastIndexOf(":") + 1)}
                </button>
              ),
            },
            { title: "Status", render: (r) => <span class={`badge ${r.status.toLowerCase()}`}>{r.status}</span> },
            { title: "Total", render: (r) => count(r.itemCounts, "total"), align: "right" },
            { title: "Pending", render: (r) => count(r.itemCounts, "pending"), align: "right" },
            { title: "Running", render: (r) => count(r.itemCounts, "running"), align: "right" },
            { title: "Succeeded", render: (r) => count(r.itemCounts, "succeeded"), align: "right" },
            { title: "Failed", render: (r) => count(r.itemCounts, "failed"), align: "right" },
            { title: "Timed out", render: (r) => count(r.itemCounts, "timedOut"), align: "right" },
            { title: "Aborted", render: (r) => count(r.itemCounts, "aborted"), align: "right" },
            { title: "Started", render: (r) => formatTime(r.startDate) },
          ]}
        />
      )}
      {open && <ChildExecutions mapRunArn={open} running={props.running} />}
    </div>
  );
}
