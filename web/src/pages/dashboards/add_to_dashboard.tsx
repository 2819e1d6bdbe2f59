// The Athena editor's "add to dashboard" action for a query and its chart.
// Placeholder until dashboards land: renders nothing.
import type { ChartSpec } from "../../charts/shape";

export interface AddToDashboardProps {
  query: string; // The SQL text.
  database: string; // The query's database (QueryExecutionContext.Database).
  spec: ChartSpec | null; // The chart the user chose, if any.
}

export function AddToDashboard(_props: AddToDashboardProps) {
  return null;
}
