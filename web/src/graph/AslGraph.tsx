// A state machine's definition drawn as a graph (SVG): states as rounded
// boxes coloured by type, Map and Parallel as boxes holding their inner
// graphs, Choice rules and Catch (dashed) labelled on the edges, each state
// coloured by its status. Pans (drag) and zooms (wheel); fits its box on load.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { JSX } from "preact";
import { layoutGraph, type LaidEdge, type LaidNode, type Layout } from "./layout";
import { aslToGraph } from "./model";

export type StateStatus = "running" | "succeeded" | "failed" | "caught" | "aborted";

export interface AslGraphProps {
  definition: string; // The ASL JSON text.
  statuses?: Record<string, StateStatus>; // By state name (names are unique in a machine).
  selected?: string;
  onSelect?: (stateName: string) => void;
}

interface View {
  k: number; // Scale.
  x: number; // Translation, in screen pixels.
  y: number;
}

const MARGIN = 16;
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 3;

function planLayout(definition: string): { layout: Layout | null; error: string } {
  try {
    return { layout: layoutGraph(aslToGraph(definition)), error: "" };
  } catch (e) {
    return { layout: null, error: e instanceof Error ? e.message : String(e) };
  }
}

function fitView(layout: Layout, width: number, height: number): View {
  const w = layout.width + 2 * MARGIN;
  const h = layout.height + 2 * MARGIN;
  const k = Math.max(MIN_ZOOM, Math.min(1.2, width / w, height / h));
  return { k, x: (width - w * k) / 2 + MARGIN * k, y: Math.max(0, (height - h * k) / 2) + MARGIN * k };
}

function edgePath(edge: LaidEdge): string {
  const p = edge.points;
  if (p.length === 2) return `M${p[0].x},${p[0].y}L${p[1].x},${p[1].y}`;
  // A smooth curve through dagre's points: quadratic segments between midpoints.
  let d = `M${p[0].x},${p[0].y}`;
  for (let i = 1; i < p.length - 1; i++) {
    const mx = (p[i].x + p[i + 1].x) / 2;
    const my = (p[i].y + p[i + 1].y) / 2;
    d += `Q${p[i].x},${p[i].y} ${i === p.length - 2 ? `${p[i + 1].x},${p[i + 1].y}` : `${mx},${my}`}`;
  }
  return d;
}

function clip(text: string, width: number, charWidth: number): string {
  const max = Math.max(4, Math.floor(width / charWidth));
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}

export function AslGraph(props: AslGraphProps) {
  const { layout, error } = useMemo(() => planLayout(props.definition), [props.definition]);
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>({ k: 1, x: MARGIN, y: MARGIN });
  const drag = useRef<{ x: number; y: number; view: View; moved: boolean } | null>(null);

  const touched = useRef(false); // The user panned or zoomed: resizes no longer refit.

  const fit = () => {
    const el = box.current;
    if (!el || !layout || el.clientWidth === 0 || el.clientHeight === 0) return;
    touched.current = false;
    setView(fitView(layout, el.clientWidth, el.clientHeight));
  };
  useLayoutEffect(fit, [layout]);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      if (!touched.current) fit();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [layout]);

  // Wheel zoom around the pointer; a non-passive listener so the page does not scroll.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      const px = e.clientX - rect.left;
      const py = e.clientY - rect.top;
      touched.current = true;
      setView((v) => {
        const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.k * Math.exp(-e.deltaY * 0.0015)));
        return { k, x: px - ((px - v.x) * k) / v.k, y: py - ((py - v.y) * k) / v.k };
      });
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, []);

  const onPointerDown = (e: JSX.TargetedPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY, view, moved: false };
  };
  const onPointerMove = (e: JSX.TargetedPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    if (!d.moved) box.current?.setPointerCapture(e.pointerId);
    d.moved = true;
    touched.current = true;
    setView({ ...d.view, x: d.view.x + dx, y: d.view.y + dy });
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const zoomBy = (factor: number) => {
    touched.current = true;
    const el = box.current;
    const cx = (el?.clientWidth ?? 0) / 2;
    const cy = (el?.clientHeight ?? 0) / 2;
    setView((v) => {
      const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.k * factor));
      return { k, x: cx - ((cx - v.x) * k) / v.k, y: cy - ((cy - v.y) * k) / v.k };
    });
  };

  if (!layout) return <div class="error">The definition cannot be drawn: {error}</div>;
  const select = (name: string) => props.onSelect?.(name);

  return (
    <div class="sfn-graph" ref={box} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerUp}>
      <div class="sfn-graph-tools">
        <button type="button" class="btn" onClick={() => zoomBy(1.25)} aria-label="Zoom in">
          +
        </button>
        <button type="button" class="btn" onClick={() => zoomBy(0.8)} aria-label="Zoom out">
          −
        </button>
        <button type="button" class="btn" onClick={fit}>
          Fit
        </button>
      </div>
      <svg class="sfn-graph-svg" role="group" aria-label="State machine graph">
        <defs>
          <marker id="sfn-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0L10,5L0,10z" class="sfn-arrow" />
          </marker>
        </defs>
        <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
          {layout.nodes.filter((n) => n.container).map((n) => (
            <StateBox key={n.id} node={n} status={props.statuses?.[n.id]} selected={props.selected === n.id} onSelect={select} />
          ))}
          {layout.branches.map((b, i) => (
            <rect key={`b${i}`} class="sfn-branch" x={b.x} y={b.y} width={b.width} height={b.height} rx={6} />
          ))}
          {layout.edges.map((e, i) => (
            <g key={`e${i}`} class={`sfn-edge sfn-edge-${e.kind}`}>
              <title>{e.title || `${e.from} → ${e.to}`}</title>
              <path d={edgePath(e)} marker-end="url(#sfn-arrow)" />
            </g>
          ))}
          {layout.edges.map((e, i) =>
            e.labelAt ? (
              <g key={`l${i}`} class={`sfn-edge-label sfn-edge-${e.kind}`} transform={`translate(${e.labelAt.x},${e.labelAt.y})`}>
                <title>{e.title}</title>
                <rect x={-(e.label.length * 6.2 + 8) / 2} y={-9} width={e.label.length * 6.2 + 8} height={18} rx={4} />
                <text text-anchor="middle" dominant-baseline="central">
                  {e.label}
                </text>
              </g>
            ) : null,
          )}
          {layout.nodes.filter((n) => !n.container).map((n) =>
            n.type === "Start" || n.type === "End" ? (
              <g key={n.id} class="sfn-marker" transform={`translate(${n.x},${n.y})`}>
                <rect width={n.width} height={n.height} rx={n.height / 2} />
                <text x={n.width / 2} y={n.height / 2} text-anchor="middle" dominant-baseline="central">
                  {n.label}
                </text>
              </g>
            ) : (
              <StateBox key={n.id} node={n} status={props.statuses?.[n.id]} selected={props.selected === n.id} onSelect={select} />
            ),
          )}
        </g>
      </svg>
    </div>
  );
}

function StateBox(props: { node: LaidNode; status: StateStatus | undefined; selected: boolean; onSelect: (name: string) => void }) {
  const { node, status } = props;
  const classes = ["sfn-node", `sfn-type-${node.type.toLowerCase()}`, node.container ? "sfn-container" : "", status ? `sfn-status-${status}` : "", props.selected ? "sfn-selected" : ""];
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      props.onSelect(node.id);
    }
  };
  return (
    <g
      class={classes.filter(Boolean).join(" ")}
      transform={`translate(${node.x},${node.y})`}
      data-state={node.id}
      data-status={status ?? ""}
      tabindex={0}
      role="button"
      aria-label={`${node.id} (${status ?? "not run"})`}
      aria-pressed={props.selected}
      onClick={(e) => {
        e.stopPropagation();
        props.onSelect(node.id);
      }}
      onKeyDown={onKeyDown}
    >
      <title>{`${node.id} · ${node.type}${status ? ` · ${status}` : ""}`}</title>
      <rect class="sfn-box" width={node.width} height={node.height} rx={node.type === "Choice" ? node.height / 2 : 8} />
      {node.container ? (
        <>
          <text class="sfn-label" x={12} y={19}>
            <tspan class="sfn-kind">{node.type}</tspan> {clip(node.id, node.width - 90, 7.2)}
          </text>
        </>
      ) : (
        <>
          <text class="sfn-label" x={node.width / 2} y={node.height / 2 - 1} text-anchor="middle" dominant-baseline="central">
            {clip(node.id, node.width - 20, 7.2)}
          </text>
          <text class="sfn-kind" x={node.width - 6} y={node.height - 4} text-anchor="end">
            {node.type}
          </text>
        </>
      )}
    </g>
  );
}
