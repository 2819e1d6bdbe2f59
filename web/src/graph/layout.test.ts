import { describe, expect, test } from "vitest";
import { layoutGraph, type Box, type Layout, type LaidNode, type Point } from "./layout";
import { aslToGraph, END_ID, START_ID, stateNames } from "./model";

// The examples live outside web/ (beyond what Vite serves): read them with
// Node's fs, which the console's type set does not declare.
interface NodeFs {
  readFileSync(path: string, encoding: "utf8"): string;
}
const fs = (await import(/* @vite-ignore */ ["node", "fs"].join(":"))) as NodeFs;
const example = (name: string) => fs.readFileSync(new URL(`../../../examples/batch-etl/${name}`, import.meta.url).pathname, "utf8");
const etlJson = example("state-machine.asl.json");
const stackYaml = example("stack.yaml");

/** The DefinitionString of stack.yaml's state machine, its ${...} filled in. */
function stackDefinition(): string {
  const lines = stackYaml.split("\n");
  const start = lines.findIndex((l) => /DefinitionString:/.test(l));
  const open = lines.findIndex((l, i) => i > start && /- \|-\s*$/.test(l));
  const body: string[] = [];
  for (let i = open + 1; i < lines.length && !/^\s*- \{/.test(lines[i]); i++) body.push(lines[i]);
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return body
    .map((l) => l.slice(indent))
    .join("\n")
    .replace(/\$\{([A-Za-z]+)\}/g, (_m, name: string) => `sub-${name}`);
}

function inside(inner: Box, outer: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function onBorder(p: Point, b: Box): boolean {
  const eps = 1;
  const withinX = p.x >= b.x - eps && p.x <= b.x + b.width + eps;
  const withinY = p.y >= b.y - eps && p.y <= b.y + b.height + eps;
  const onVertical = Math.abs(p.x - b.x) <= eps || Math.abs(p.x - (b.x + b.width)) <= eps;
  const onHorizontal = Math.abs(p.y - b.y) <= eps || Math.abs(p.y - (b.y + b.height)) <= eps;
  return withinX && withinY && (onVertical || onHorizontal);
}

function byId(layout: Layout): Map<string, LaidNode> {
  return new Map(layout.nodes.map((n) => [n.id, n]));
}

function ancestors(nodes: Map<string, LaidNode>, id: string): Set<string> {
  const out = new Set<string>();
  for (let p = nodes.get(id)?.parent; p; p = nodes.get(p)?.parent) out.add(p);
  return out;
}

/** The checks every layout must pass: no overlaps except a container around its own states, edges on borders. */
function checkLayout(layout: Layout) {
  const nodes = byId(layout);
  for (const a of layout.nodes) {
    for (const b of layout.nodes) {
      if (a === b || ancestors(nodes, a.id).has(b.id) || ancestors(nodes, b.id).has(a.id)) continue;
      expect(overlap(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
    }
    if (a.parent) expect(inside(a, nodes.get(a.parent)!), `${a.id} inside ${a.parent}`).toBe(true);
    expect(a.x).toBeGreaterThanOrEqual(0);
    expect(a.y).toBeGreaterThanOrEqual(0);
    expect(a.x + a.width).toBeLessThanOrEqual(layout.width + 0.5);
    expect(a.y + a.height).toBeLessThanOrEqual(layout.height + 0.5);
  }
  for (const e of layout.edges) {
    expect(e.points.length).toBeGreaterThanOrEqual(2);
    if (e.from === e.to) continue;
    expect(onBorder(e.points[0], nodes.get(e.from)!), `${e.from}→${e.to} leaves from the border`).toBe(true);
    expect(onBorder(e.points[e.points.length - 1], nodes.get(e.to)!), `${e.from}→${e.to} ends on the border`).toBe(true);
  }
}

describe("the batch ETL machine", () => {
  for (const [source, text] of [
    ["state-machine.asl.json", etlJson],
    ["stack.yaml DefinitionString", stackDefinition()],
  ] as const) {
    test(`${source}: every state drawn, Choice branches, the Map's states inside its box`, () => {
      const graph = aslToGraph(text);
      const layout = layoutGraph(graph);
      const nodes = byId(layout);
      const all = stateNames(graph);
      expect(all).toHaveLength(13);
      for (const name of all) expect(nodes.has(name), name).toBe(true);
      expect(nodes.has(START_ID) && nodes.has(END_ID)).toBe(true);

      const decide = layout.edges.filter((e) => e.from === "Decide what next");
      expect(decide.map((e) => [e.to, e.kind, e.label])).toEqual([
        ["Create users table (external)", "choice", "not $.ResultSet.Rows[0].Data[0].VarChar…"],
        ["Check All Tables", "choice", "$.ResultSet.Rows[0].Data[0].VarCharValu…"],
        ["Check All Tables", "default", "Default"],
      ]);
      expect(decide[0].title).toBe("not $.ResultSet.Rows[0].Data[0].VarCharValue present");
      const check = layout.edges.filter((e) => e.from === "CheckTable").map((e) => e.label);
      expect(check).toEqual(['$.Data[0].VarCharValue matches "*users"', '$.Data[0].VarCharValue matches "*user_t…', "Default"]);

      const map = nodes.get("Check All Tables")!;
      expect(map.container).toBe(true);
      for (const inner of ["CheckTable", "Insert New parquet Data", "passstep"]) {
        const n = nodes.get(inner)!;
        expect(n.parent).toBe("Check All Tables");
        expect(inside(n, map), inner).toBe(true);
      }
      // Top to bottom: the start above the first state, the Choice above what it chooses.
      expect(nodes.get(START_ID)!.y).toBeLessThan(nodes.get("HelloWorld")!.y);
      expect(nodes.get("Decide what next")!.y).toBeLessThan(map.y);
      expect(nodes.get("CheckTable")!.y).toBeLessThan(nodes.get("passstep")!.y);
      // The End marker is reached from the states with End: true, not from inside the Map.
      expect(layout.edges.filter((e) => e.to === END_ID).map((e) => e.from).sort()).toEqual(["Check All Tables", "Create report table (parquet)"]);
      checkLayout(layout);
    });
  }
});

describe("nesting", () => {
  const definition = JSON.stringify({
    StartAt: "Fan out",
    States: {
      "Fan out": {
        Type: "Parallel",
        Branches: [
          { StartAt: "A1", States: { A1: { Type: "Task", Resource: "x", Next: "A2" }, A2: { Type: "Pass", End: true } } },
          {
            StartAt: "B map",
            States: {
              "B map": {
                Type: "Map",
                ItemProcessor: { StartAt: "B inner", States: { "B inner": { Type: "Wait", Seconds: 1, End: true } } },
                End: true,
              },
            },
          },
          { StartAt: "C1", States: { C1: { Type: "Succeed" } } },
        ],
        Catch: [{ ErrorEquals: ["States.TaskFailed", "States.Timeout"], Next: "Failed" }],
        Next: "Done",
      },
      Failed: { Type: "Fail", Error: "E" },
      Done: { Type: "Succeed" },
    },
  });

  test("a Parallel holds its branches side by side; a Map inside a branch holds its own states", () => {
    const layout = layoutGraph(aslToGraph(definition));
    const nodes = byId(layout);
    const parallel = nodes.get("Fan out")!;
    expect(parallel.container).toBe(true);
    for (const name of ["A1", "A2", "B map", "C1"]) expect(nodes.get(name)!.parent, name).toBe("Fan out");
    expect(nodes.get("B inner")!.parent).toBe("B map");
    expect(nodes.get("B inner")!.depth).toBe(2);
    expect(inside(nodes.get("B inner")!, parallel)).toBe(true);
    const branches = layout.branches.filter((b) => b.parent === "Fan out");
    expect(branches).toHaveLength(3);
    for (let i = 1; i < branches.length; i++) expect(branches[i].x).toBeGreaterThanOrEqual(branches[i - 1].x + branches[i - 1].width);
    expect(inside(nodes.get("A1")!, branches[0])).toBe(true);
    expect(inside(nodes.get("B map")!, branches[1])).toBe(true);
    expect(inside(nodes.get("C1")!, branches[2])).toBe(true);
    const caught = layout.edges.find((e) => e.kind === "catch")!;
    expect([caught.from, caught.to, caught.label]).toEqual(["Fan out", "Failed", "States.TaskFailed, States.Timeout"]);
    // Inside a branch, no markers: its last state ends there.
    expect(layout.edges.filter((e) => e.to === END_ID).map((e) => e.from).sort()).toEqual(["Done", "Failed"]);
    checkLayout(layout);
  });
});

/** A generated machine of `count` states: a chain of Tasks and Passes with a Choice every 10 states. */
function bigMachine(count: number): string {
  const states: Record<string, object> = {};
  for (let i = 0; i < count; i++) {
    const name = `Step ${i}`;
    const next = i + 1 < count ? `Step ${i + 1}` : undefined;
    const tail = next ? { Next: next } : { End: true };
    if (i % 10 === 5 && i + 3 < count) {
      states[name] = {
        Type: "Choice",
        Choices: [{ Variable: "$.n", NumericGreaterThan: i, Next: `Step ${i + 2}` }],
        Default: next,
      };
    } else {
      states[name] = i % 7 === 3 ? { Type: "Pass", ...tail } : { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", ...tail };
    }
  }
  return JSON.stringify({ StartAt: "Step 0", States: states });
}

function cpuMillis(): number {
  const proc = (globalThis as { process?: { cpuUsage(): { user: number; system: number } } }).process;
  if (!proc) return performance.now();
  const used = proc.cpuUsage();
  return (used.user + used.system) / 1000;
}

describe("size", () => {
  test("a 100-state machine lays out in well under a second", () => {
    const definition = bigMachine(100);
    // CPU time, not wall time: the machine running the tests may be busy.
    const started = cpuMillis();
    const layout = layoutGraph(aslToGraph(definition));
    const elapsed = cpuMillis() - started;
    expect(layout.nodes.filter((n) => n.type !== "Start" && n.type !== "End")).toHaveLength(100);
    expect(elapsed).toBeLessThan(500);
    checkLayout(layout);
  });
});

describe("bad definitions", () => {
  test("text that is not a JSON object is refused", () => {
    expect(() => aslToGraph("[1]")).toThrow(/not a JSON object/);
    expect(() => aslToGraph("{")).toThrow();
  });
  test("transitions to unknown states are left out, unknown types drawn", () => {
    const layout = layoutGraph(aslToGraph('{"StartAt":"A","States":{"A":{"Type":"Mystery","Next":"Nowhere"}}}'));
    expect(layout.nodes.map((n) => n.type)).toEqual(["Start", "Mystery", "End"]);
    expect(layout.edges.map((e) => [e.from, e.to])).toEqual([["\u0000start", "A"]]);
  });
});
