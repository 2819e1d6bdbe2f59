import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../../aws/execution_stream";
import { iterationKeys } from "./execution_events";
import { summarize } from "./execution_status";
import { timelineRows } from "./execution_timeline";

// An inline Map "M" over two items, its inner state "Inner", then "After".
const EVENTS: HistoryEvent[] = [
  [0, "ExecutionStarted", {}],
  [0, "MapStateEntered", { name: "M" }],
  [2, "MapStateStarted", {}],
  [3, "MapIterationStarted", { name: "M", index: 0 }],
  [3, "MapIterationStarted", { name: "M", index: 1 }],
  [5, "PassStateEntered", { name: "Inner" }],
  [4, "PassStateEntered", { name: "Inner" }],
  [7, "PassStateExited", { name: "Inner" }],
  [6, "PassStateExited", { name: "Inner" }],
  [9, "MapIterationSucceeded", { name: "M", index: 1 }],
  [10, "MapStateSucceeded", {}],
  [10, "MapStateExited", { name: "M" }],
  [12, "PassStateEntered", { name: "After" }],
].map(([previousEventId, type, details], i) => {
  const t = String(type);
  const key = t.endsWith("StateEntered") ? "stateEnteredEventDetails" : t.endsWith("StateExited") ? "stateExitedEventDetails" : t[0].toLowerCase() + t.slice(1) + "EventDetails";
  return { id: i + 1, previousEventId: Number(previousEventId), timestamp: 100 + i, type: t, [key]: details };
});

describe("timeline", () => {
  it("puts a Map's iterations under it, by index, each with its states", () => {
    const rows = timelineRows(summarize(EVENTS).entries);
    expect(rows.map((r) => [r.depth, r.label])).toEqual([
      [0, "M"],
      [1, "M iteration #0"],
      [2, "Inner"],
      [1, "M iteration #1"],
      [2, "Inner"],
      [0, "After"],
    ]);
    expect(rows[2].entry?.enteredId).toBe(7);
    expect(rows[4].entry?.enteredId).toBe(6);
  });

  it("lists the iterations for the event filter in the order they were entered", () => {
    expect(iterationKeys(summarize(EVENTS))).toEqual(["M#1", "M#0"]);
  });
});
