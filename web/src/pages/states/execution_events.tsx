// The execution page's event table: id, type, state, timestamp and time
// since the start, filterable by Map iteration (an inline Map's iteration
// events by index).
import { useState } from "preact/hooks";
import type { HistoryEvent } from "../../aws/execution_stream";
import { Table, formatTime } from "../../ui/components";
import { detailsOf, formatDuration, isFailure, type ExecutionSummary } from "./execution_status";

function iterationKey(map: string, index: number): string {
  return `${map}#${index}`;
}

/** The iteration keys ("M#0") that `summary` has, in order. */
export function iterationKeys(summary: ExecutionSummary): string[] {
  const keys: string[] = [];
  for (const entry of summary.entries) {
    if (!entry.iteration) continue;
    const key = iterationKey(entry.iteration.map, entry.iteration.index);
    if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

export function EventTable(props: { events: HistoryEvent[]; summary: ExecutionSummary; onSelect: (name: string) => void }) {
  const [filter, setFilter] = useState("");
  const keys = iterationKeys(props.summary);
  const started = props.summary.started ?? props.events[0]?.timestamp ?? 0;
  const rows = props.events.filter((e) => {
    if (!filter) return true;
    const owner = props.summary.ownerOf.get(e.id);
    const d = detailsOf(e);
    if (e.type.startsWith("MapIteration")) return iterationKey(String(d.name), Number(d.index)) === filter;
    return owner?.iteration !== undefined && iterationKey(owner.iteration.map, owner.iteration.index) === filter;
  });
  return (
    <div>
      {keys.length > 0 && (
        <label class="sfnx-filter">
          Map iteration{" "}
          <select value={filter} onChange={(e) => setFilter((e.target as HTMLSelectElement).value)}>
            <option value="">All events</option>
            {keys.map((k) => (
              <option value={k} key={k}>
                {k.replace("#", " #")}
              </option>
            ))}
          </select>
        </label>
      )}
      <Table
        rows={rows}
        rowKey={(e) => String(e.id)}
        empty="No events."
        onRowClick={(e) => {
          const owner = props.summary.ownerOf.get(e.id);
          if (owner) props.onSelect(owner.name);
        }}
        columns={[
          { title: "ID", render: (e) => e.id, align: "right" },
          { title: "Type", render: (e) => <span class={isFailure(e.type) || e.type === "ExecutionFailed" ? "sfnx-failure" : undefined}>{e.type}</span> },
          { title: "State", render: (e) => (e.type.startsWith("Execution") ? "" : (props.summary.ownerOf.get(e.id)?.name ?? "")) },
          { title: "Timestamp", render: (e) => formatTime(e.timestamp) },
          { title: "Elapsed", render: (e) => formatDuration(e.timestamp - started), align: "right" },
        ]}
      />
    </div>
  );
}
