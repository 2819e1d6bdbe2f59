// The execution page's timeline: one bar per state entry on a shared time
// axis, coloured by outcome; a Map's iterations are grouped under it.
import type { ComponentChildren } from "preact";
import { formatDuration, type ExecutionSummary, type StateEntry } from "./execution_status";

interface Row {
  key: string;
  depth: number;
  label: string;
  entry?: StateEntry; // None for an iteration's heading.
}

/** Orders entries for the timeline: top-level ones as entered, each Map's iterations under it. */
export function timelineRows(entries: StateEntry[]): Row[] {
  const iterations = new Map<string, Map<number, StateEntry[]>>();
  for (const entry of entries) {
    if (!entry.iteration) continue;
    const byIndex = iterations.get(entry.iteration.map) ?? new Map<number, StateEntry[]>();
    byIndex.set(entry.iteration.index, [...(byIndex.get(entry.iteration.index) ?? []), entry]);
    iterations.set(entry.iteration.map, byIndex);
  }
  const rows: Row[] = [];
  const done = new Set<string>();
  const add = (entry: StateEntry, depth: number) => {
    rows.push({ key: `e${entry.enteredId}`, depth, label: entry.name, entry });
    const byIndex = iterations.get(entry.name);
    if (entry.stateType !== "Map" || !byIndex || done.has(entry.name)) return;
    done.add(entry.name);
    for (const index of [...byIndex.keys()].sort((a, b) => a - b)) {
      rows.push({ key: `i${entry.name}#${index}`, depth: depth + 1, label: `${entry.name} iteration #${index}` });
      for (const inner of byIndex.get(index)!) add(inner, depth + 2);
    }
  };
  for (const entry of entries) if (!entry.iteration) add(entry, 0);
  return rows;
}

export function Timeline(props: { summary: ExecutionSummary; now: number; onSelect: (name: string) => void }) {
  const { entries, started } = props.summary;
  if (entries.length === 0 || started === undefined) return <p class="empty">No state entered yet.</p>;
  const end = Math.max(props.now, ...entries.map((e) => e.exited ?? e.entered));
  const span = Math.max(end - started, 0.001);
  const pct = (t: number) => `${(((t - started) / span) * 100).toFixed(3)}%`;
  const bar = (entry: StateEntry): ComponentChildren => {
    const stop = entry.exited ?? props.now;
    return (
      <button
        type="button"
        class={`sfnx-bar ${entry.status}`}
        style={{ left: pct(entry.entered), width: `max(3px, ${(((stop - entry.entered) / span) * 100).toFixed(3)}%)` }}
        title={`${entry.name}: ${entry.status}, ${formatDuration(stop - entry.entered)}`}
        onClick={() => props.onSelect(entry.name)}
        aria-label={`${entry.name} ${entry.status} ${formatDuration(stop - entry.entered)}`}
      />
    );
  };
  return (
    <div class="sfnx-timeline" role="list" aria-label="Timeline of the states">
      <div class="sfnx-axis">
        <span>0</span>
        <span>{formatDuration(span)}</span>
      </div>
      {timelineRows(entries).map((row) => (
        <div class={`sfnx-row ${row.entry ? "" : "sfnx-group"}`} key={row.key} role="listitem">
          <span class="sfnx-label" style={{ paddingLeft: `${row.depth * 12}px` }} title={row.label}>
            {row.label}
          </span>
          <span class="sfnx-track">{row.entry && bar(row.entry)}</span>
          <span class="sfnx-duration">{row.entry ? formatDuration((row.entry.exited ?? props.now) - row.entry.entered) : ""}</span>
        </div>
      ))}
    </div>
  );
}
