// A state machine's definition (ASL) as a graph: its states as nodes and
// the transitions between them as edges (Next, Choice rules and Default,
// Catch), with Start and End markers at the top level. A Map holds one inner
// graph (ItemProcessor or Iterator), a Parallel one per branch.

export type EdgeKind = "next" | "choice" | "default" | "catch" | "start";

export interface GraphNode {
  id: string; // The state's name (unique in a machine), or a marker's id.
  label: string;
  type: string; // ASL Type ("Task", "Choice", ...), or "Start" / "End" for the markers.
  children: Graph[]; // A Map's one inner graph, a Parallel's branches; empty otherwise.
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  label: string; // Short form shown on the edge ("" for none).
  title: string; // Full text (the rule, the caught errors).
}

export interface Graph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const START_ID = "\u0000start";
export const END_ID = "\u0000end";

// A state as the definition spells it; unknown fields are ignored.
interface AslState {
  Type?: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: AslRule[];
  Catch?: { ErrorEquals?: string[]; Next?: string }[];
  Branches?: AslMachine[];
  ItemProcessor?: AslMachine;
  Iterator?: AslMachine;
}

interface AslMachine {
  StartAt?: string;
  States?: Record<string, AslState>;
}

export type AslRule = Record<string, unknown>;

const LABEL_MAX = 40;

function shorten(text: string): string {
  return text.length > LABEL_MAX ? text.slice(0, LABEL_MAX - 1) + "…" : text;
}

const OPERATORS: [string, string][] = [
  ["Equals", "=="],
  ["LessThanEquals", "<="],
  ["GreaterThanEquals", ">="],
  ["LessThan", "<"],
  ["GreaterThan", ">"],
  ["Matches", "matches"],
];

function literal(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** A Choice rule in a short readable form: `$.x == 1`, `$.a present`, `not ($.b > 2)`, `a && b`. */
export function ruleText(rule: AslRule): string {
  if (typeof rule.Condition === "string") return rule.Condition; // JSONata.
  if (Array.isArray(rule.And)) return (rule.And as AslRule[]).map((r) => wrap(r)).join(" && ");
  if (Array.isArray(rule.Or)) return (rule.Or as AslRule[]).map((r) => wrap(r)).join(" || ");
  if (rule.Not && typeof rule.Not === "object") return `not ${wrap(rule.Not as AslRule)}`;
  const variable = typeof rule.Variable === "string" ? rule.Variable : "?";
  for (const [key, value] of Object.entries(rule)) {
    if (key === "Variable" || key === "Next" || key === "Comment" || key === "Assign" || key === "Output") continue;
    if (key === "IsPresent") return value ? `${variable} present` : `${variable} absent`;
    if (key === "IsNull") return value ? `${variable} is null` : `${variable} not null`;
    const is = /^Is(String|Numeric|Boolean|Timestamp)$/.exec(key);
    if (is) return `${variable} ${value ? "is" : "not"} ${is[1].toLowerCase()}`;
    const path = key.endsWith("Path");
    const base = path ? key.slice(0, -4) : key;
    for (const [suffix, op] of OPERATORS) {
      if (base.endsWith(suffix) && /^(String|Numeric|Boolean|Timestamp)/.test(base)) {
        return `${variable} ${op} ${path ? String(value) : literal(value)}`;
      }
    }
  }
  return variable;
}

function wrap(rule: AslRule): string {
  const text = ruleText(rule);
  return rule.And || rule.Or ? `(${text})` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The graph of one States block; `top` adds the Start and End markers. */
function buildGraph(machine: AslMachine, top: boolean): Graph {
  const states = isObject(machine.States) ? (machine.States as Record<string, AslState>) : {};
  const names = Object.keys(states);
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const known = new Set(names);
  const link = (from: string, to: string | undefined, kind: EdgeKind, label = "", title = label) => {
    if (typeof to === "string" && known.has(to)) edges.push({ from, to, kind, label: shorten(label), title });
  };
  if (top) {
    nodes.push({ id: START_ID, label: "Start", type: "Start", children: [] });
    known.add(END_ID);
  }
  for (const name of names) {
    const state: AslState = isObject(states[name]) ? states[name] : {};
    const type = typeof state.Type === "string" ? state.Type : "Unknown";
    const children: Graph[] = [];
    if (type === "Parallel" && Array.isArray(state.Branches)) {
      for (const branch of state.Branches) if (isObject(branch)) children.push(buildGraph(branch, false));
    } else if (type === "Map") {
      const inner = state.ItemProcessor ?? state.Iterator;
      if (isObject(inner)) children.push(buildGraph(inner, false));
    }
    nodes.push({ id: name, label: name, type, children });
  }
  if (top) {
    link(START_ID, machine.StartAt, "start");
    nodes.push({ id: END_ID, label: "End", type: "End", children: [] });
  }
  for (const name of names) {
    const state: AslState = isObject(states[name]) ? states[name] : {};
    if (state.Type === "Choice") {
      for (const rule of Array.isArray(state.Choices) ? state.Choices : []) {
        if (isObject(rule)) {
          const text = ruleText(rule);
          link(name, rule.Next as string | undefined, "choice", text, text);
        }
      }
      link(name, state.Default, "default", "Default");
    } else {
      link(name, state.Next, "next");
    }
    for (const handler of Array.isArray(state.Catch) ? state.Catch : []) {
      if (!isObject(handler)) continue;
      const errors = Array.isArray(handler.ErrorEquals) ? handler.ErrorEquals.join(", ") : "";
      link(name, handler.Next, "catch", errors, `Catch ${errors}`);
    }
    if (top && (state.End === true || state.Type === "Succeed" || state.Type === "Fail")) link(name, END_ID, "next");
  }
  return { nodes, edges };
}

/** Parses an ASL definition's JSON text into its graph; throws on text that is not a JSON object. */
export function aslToGraph(definition: string): Graph {
  const parsed: unknown = JSON.parse(definition);
  if (!isObject(parsed)) throw new Error("the definition is not a JSON object");
  return buildGraph(parsed as AslMachine, true);
}

/** Every state name in the graph and its inner graphs. */
export function stateNames(graph: Graph): string[] {
  const names: string[] = [];
  for (const node of graph.nodes) {
    if (node.type === "Start" || node.type === "End") continue;
    names.push(node.id);
    for (const child of node.children) names.push(...stateNames(child));
  }
  return names;
}
