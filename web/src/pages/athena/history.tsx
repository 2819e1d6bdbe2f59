// The work group's recent queries: state, submission time, run time and
// text; choosing one loads its text and its results again.
import { formatTime } from "../../ui/components";
import type { QueryExecution } from "./athena_types";
import { formatMillis } from "./results";

export function stateBadgeClass(state: string | undefined): string {
  switch (state) {
    case "SUCCEEDED":
      return "succeeded";
    case "FAILED":
      return "failed";
    case "CANCELLED":
      return "aborted";
    default:
      return "running";
  }
}

export function QueryHistory(props: { queries: QueryExecution[]; current: string; onOpen: (q: QueryExecution) => void }) {
  if (props.queries.length === 0) return <p class="empty">No queries yet.</p>;
  return (
    <div class="table-wrap athena-history">
      <table class="grid" aria-label="Query history">
        <thead>
          <tr>
            <th>State</th>
            <th>Submitted</th>
            <th class="num">Run time</th>
            <th>Query</th>
          </tr>
        </thead>
        <tbody>
          {props.queries.map((q) => (
            <tr key={q.QueryExecutionId} class={q.QueryExecutionId === props.current ? "athena-current" : undefined}>
              <td>
                <span class={`badge ${stateBadgeClass(q.Status?.State)}`}>{q.Status?.State ?? ""}</span>
              </td>
              <td>{formatTime(q.Status?.SubmissionDateTime)}</td>
              <td class="num">{formatMillis(q.Statistics?.TotalExecutionTimeInMillis)}</td>
              <td class="athena-history-query">
                <button class="athena-name" title={`${q.QueryExecutionId}\n${q.Query ?? ""}`} onClick={() => props.onOpen(q)}>
                  {(q.Query ?? "").replace(/\s+/g, " ").slice(0, 160)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
