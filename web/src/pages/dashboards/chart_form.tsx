// The fields of a chart's spec (kind, dimension, metric, split, aggregate),
// and a dialog frame that closes with Escape; shared by the dashboard's edit
// mode and the "Add to dashboard" dialog.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { AGGREGATES, KINDS, type Aggregate, type ChartKind, type ChartSpec } from "../../charts/shape";

/** The default title of a chart: "total_cost_usd by dt, split by user_id". */
export function defaultTitle(spec: ChartSpec): string {
  return `${spec.metric} by ${spec.dimension}${spec.split ? `, split by ${spec.split}` : ""}`;
}

export function SpecFields(props: { spec: ChartSpec; onChange: (spec: ChartSpec) => void }) {
  const { spec, onChange } = props;
  const set = (patch: Partial<ChartSpec>) => onChange({ ...spec, ...patch });
  return (
    <div class="dash-spec">
      <label>
        Kind
        <select value={spec.kind} onChange={(e) => set({ kind: e.currentTarget.value as ChartKind })}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
      <label>
        Dimension
        <input value={spec.dimension} onInput={(e) => set({ dimension: e.currentTarget.value })} />
      </label>
      <label>
        Metric
        <input value={spec.metric} onInput={(e) => set({ metric: e.currentTarget.value })} />
      </label>
      <label>
        Split by
        <input value={spec.split ?? ""} placeholder="(none)" onInput={(e) => set({ split: e.currentTarget.value || undefined })} />
      </label>
      <label>
        Aggregate
        <select value={spec.aggregate ?? "sum"} onChange={(e) => set({ aggregate: e.currentTarget.value as Aggregate })}>
          {AGGREGATES.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** A modal dialog: focuses its first field, closes on Escape or a click outside. */
export function Dialog(props: { title: string; onClose: () => void; children: ComponentChildren; wide?: boolean }) {
  const box = useRef<HTMLFormElement>(null);
  useEffect(() => {
    box.current?.querySelector<HTMLElement>("input, select, textarea, button")?.focus();
  }, []);
  return (
    <div
      class="dialog-backdrop"
      onClick={(e) => e.target === e.currentTarget && props.onClose()}
      onKeyDown={(e) => e.key === "Escape" && props.onClose()}
    >
      <form
        class={`dialog ${props.wide ? "dash-dialog-wide" : ""}`}
        ref={box}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        onSubmit={(e) => e.preventDefault()}
      >
        <h2>{props.title}</h2>
        {props.children}
      </form>
    </div>
  );
}

