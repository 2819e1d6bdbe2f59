// The Chart tab: the result drawn with <Chart/>, its kind, dimension,
// metric, split and aggregate chosen from the result's columns.
import { Chart } from "../../charts/Chart";
import { AGGREGATES, KINDS, type Aggregate, type Cell, type ChartKind, type ChartSpec } from "../../charts/shape";

function Choice(props: { label: string; value: string; options: string[]; none?: string; onChange: (value: string) => void }) {
  return (
    <label class="athena-choice">
      {props.label}
      <select value={props.value} aria-label={props.label} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.none !== undefined && <option value="">{props.none}</option>}
        {props.options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ChartPanel(props: { columns: string[]; rows: Cell[][]; spec: ChartSpec | null; onSpec: (spec: ChartSpec) => void; truncated: boolean }) {
  const { columns, spec } = props;
  if (columns.length < 2) return <p class="empty">A chart needs a result with at least two columns.</p>;
  const current: ChartSpec = spec ?? { kind: "bar", dimension: columns[0], metric: columns[1] };
  const set = (change: Partial<ChartSpec>) => props.onSpec({ ...current, ...change });
  return (
    <div class="athena-chart-panel">
      <div class="athena-chart-controls">
        <Choice label="Chart" value={current.kind} options={KINDS} onChange={(v) => set({ kind: v as ChartKind })} />
        <Choice label="Dimension" value={current.dimension} options={columns} onChange={(v) => set({ dimension: v })} />
        <Choice label="Metric" value={current.metric} options={columns} onChange={(v) => set({ metric: v })} />
        <Choice label="Split" value={current.split ?? ""} options={columns} none="(none)" onChange={(v) => set({ split: v || undefined })} />
        <Choice label="Aggregate" value={current.aggregate ?? "sum"} options={AGGREGATES} onChange={(v) => set({ aggregate: v as Aggregate })} />
      </div>
      {props.truncated && <p class="empty">The chart shows the first {props.rows.length} rows of the result.</p>}
      <Chart spec={current} columns={columns} rows={props.rows} height={340} />
    </div>
  );
}
