// The side panel of the execution page: what one state did, entry by entry
// (a state in a Map runs once per iteration): status, input, output,
// error/cause, entered/exited times, duration and retries.
import { Button, formatTime, KeyValues, prettyJson } from "../../ui/components";
import { formatDuration, type StateEntry } from "./execution_status";

export function StatePanel(props: { name: string; entries: StateEntry[]; onClose: () => void }) {
  return (
    <aside class="sfnx-panel" aria-label={`State ${props.name}`}>
      <header class="sfnx-panel-head">
        <h2>{props.name}</h2>
        <Button onClick={props.onClose} aria-label="Close the state's details">
          ×
        </Button>
      </header>
      {props.entries.length === 0 && <p class="empty">Not entered (yet).</p>}
      {props.entries.map((entry) => (
        <section class="sfnx-entry" key={entry.enteredId} data-entry={entry.enteredId}>
          <KeyValues
            items={[
              ["Status", <span class={`badge ${entry.status}`}>{entry.status}</span>],
              ...(entry.iteration ? ([["Iteration", `${entry.iteration.map} #${entry.iteration.index}`]] as [string, string][]) : []),
              ["Type", entry.stateType],
              ["Entered", formatTime(entry.entered)],
              ["Exited", entry.exited !== undefined ? formatTime(entry.exited) : "—"],
              ["Duration", formatDuration((entry.exited ?? Date.now() / 1000) - entry.entered)],
              ["Retries", String(entry.retries)],
              ...(entry.mapRunArn ? ([["Map Run", entry.mapRunArn]] as [string, string][]) : []),
            ]}
          />
          {(entry.error || entry.cause) && (
            <div class="sfnx-error" role="status">
              <strong>{entry.error}</strong>
              {entry.cause && <pre>{prettyJson(entry.cause)}</pre>}
            </div>
          )}
          <details open={props.entries.length === 1}>
            <summary>Input</summary>
            <pre>{prettyJson(entry.input) || "—"}</pre>
          </details>
          <details open={props.entries.length === 1}>
            <summary>Output</summary>
            <pre>{prettyJson(entry.output) || "—"}</pre>
          </details>
        </section>
      ))}
    </aside>
  );
}
