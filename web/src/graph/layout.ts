// Lays out a state machine's graph top to bottom with dagre, the way
// Workflow Studio draws it: each Map and Parallel's inner graphs are laid
// out first, the container is sized to hold them, and then the parent graph
// is laid out with the containers as big nodes. All coordinates are
// absolute, in the drawing's own units (top-left origin).
import dagre from "@dagrejs/dagre";
import type { EdgeKind, Graph } from "./model";

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number; // Left.
  y: number; // Top.
  width: number;
  height: number;
}

export interface LaidNode extends Box {
  id: string;
  label: string;
  type: string;
  container: boolean; // A Map or Parallel drawn as a box holding its inner graphs.
  parent: string; // The container it is drawn inside ("" at the top level).
  depth: number; // How many containers it is inside.
}

export interface LaidEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label: string;
  title: string;
  points: Point[]; // From the source's border to the target's border.
  labelAt: Point | null;
}

export interface Layout {
  width: number;
  height: number;
  nodes: LaidNode[]; // Containers come before what they hold.
  edges: LaidEdge[];
  branches: (Box & { parent: string })[]; // A Parallel's branches, each a box of its own.
}

export const NODE_HEIGHT = 40;
export const MARKER = { width: 64, height: 28 };
export const CONTAINER_HEADER = 30;
export const CONTAINER_PAD = 16;
const BRANCH_GAP = 16;
const BRANCH_PAD = 10;
const CHAR_WIDTH = 7.2; // Of the 13px label font, near enough for sizing.
const EDGE_CHAR_WIDTH = 6.2; // Of the 11px edge label font.

/** A state box's width for its label. */
export function nodeWidth(label: string): number {
  return Math.min(280, Math.max(110, Math.ceil(label.length * CHAR_WIDTH) + 32));
}

interface Local {
  width: number;
  height: number;
  nodes: LaidNode[];
  edges: LaidEdge[];
  branches: (Box & { parent: string })[];
}

function shift(local: Local, dx: number, dy: number, parent: string, depth: number): Local {
  return {
    width: local.width,
    height: local.height,
    nodes: local.nodes.map((n) => ({ ...n, x: n.x + dx, y: n.y + dy, parent: n.parent || parent, depth: n.depth + depth })),
    edges: local.edges.map((e) => ({
      ...e,
      points: e.points.map((p) => ({ x: p.x + dx, y: p.y + dy })),
      labelAt: e.labelAt && { x: e.labelAt.x + dx, y: e.labelAt.y + dy },
    })),
    branches: local.branches.map((b) => ({ ...b, x: b.x + dx, y: b.y + dy })),
  };
}

function layoutLocal(graph: Graph): Local {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: "TB", nodesep: 36, ranksep: 44, edgesep: 14, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));

  // Inner graphs first: each container's size comes from what it holds.
  const inner = new Map<string, { locals: Local[]; width: number; height: number }>();
  for (const node of graph.nodes) {
    let width = node.type === "Start" || node.type === "End" ? MARKER.width : nodeWidth(node.label);
    let height = node.type === "Start" || node.type === "End" ? MARKER.height : NODE_HEIGHT;
    if (node.children.length > 0) {
      const locals = node.children.map(layoutLocal);
      const parallel = node.type === "Parallel";
      const pad = parallel ? BRANCH_PAD : 0;
      const contentWidth = locals.reduce((sum, l) => sum + l.width + 2 * pad, 0) + BRANCH_GAP * (locals.length - 1);
      const contentHeight = Math.max(...locals.map((l) => l.height + 2 * pad));
      width = Math.max(nodeWidth(node.label) + 40, contentWidth + 2 * CONTAINER_PAD);
      height = contentHeight + CONTAINER_HEADER + CONTAINER_PAD;
      inner.set(node.id, { locals, width: contentWidth, height: contentHeight });
    }
    g.setNode(node.id, { width, height });
  }
  graph.edges.forEach((edge, i) => {
    const labelled = edge.label !== "";
    g.setEdge(
      edge.from,
      edge.to,
      labelled ? { width: Math.ceil(edge.label.length * EDGE_CHAR_WIDTH) + 10, height: 18, labelpos: "c" } : { width: 0, height: 0 },
      `e${i}`,
    );
  });
  dagre.layout(g);

  const out: Local = { width: g.graph().width ?? 0, height: g.graph().height ?? 0, nodes: [], edges: [], branches: [] };
  for (const node of graph.nodes) {
    const n = g.node(node.id);
    const box = { x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height };
    out.nodes.push({ id: node.id, label: node.label, type: node.type, container: inner.has(node.id), parent: "", depth: 0, ...box });
    const held = inner.get(node.id);
    if (!held) continue;
    const parallel = node.type === "Parallel";
    const pad = parallel ? BRANCH_PAD : 0;
    let x = box.x + (box.width - held.width) / 2;
    const top = box.y + CONTAINER_HEADER;
    for (const local of held.locals) {
      const boxWidth = local.width + 2 * pad;
      if (parallel) out.branches.push({ parent: node.id, x, y: top, width: boxWidth, height: held.height });
      const placed = shift(local, x + pad, top + pad + (held.height - 2 * pad - local.height) / 2, node.id, 1);
      out.nodes.push(...placed.nodes);
      out.edges.push(...placed.edges);
      out.branches.push(...placed.branches);
      x += boxWidth + BRANCH_GAP;
    }
  }
  graph.edges.forEach((edge, i) => {
    const e = g.edge(edge.from, edge.to, `e${i}`);
    out.edges.push({
      from: edge.from,
      to: edge.to,
      kind: edge.kind,
      label: edge.label,
      title: edge.title,
      points: e.points.map((p) => ({ x: p.x, y: p.y })),
      labelAt: edge.label !== "" && typeof e.x === "number" ? { x: e.x, y: e.y as number } : null,
    });
  });
  return out;
}

/** Lays out a whole machine's graph. */
export function layoutGraph(graph: Graph): Layout {
  const local = layoutLocal(graph);
  return { width: local.width, height: local.height, nodes: local.nodes, edges: local.edges, branches: local.branches };
}
