import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "../../aws/execution_stream";
import { formatDuration, isFailure, summarize } from "./execution_status";

// Builds a history: [previousEventId, type, details?] per event, ids from 1,
// one second apart.
function history(rows: [number, string, Record<string, unknown>?][]): HistoryEvent[] {
  return rows.map(([previousEventId, type, details], i) => {
    const event: HistoryEvent = { id: i + 1, previousEventId, timestamp: 1000 + i, type };
    if (details) {
      const key = type.endsWith("StateEntered") ? "stateEnteredEventDetails" : type.endsWith("StateExited") ? "stateExitedEventDetails" : type[0].toLowerCase() + type.slice(1) + "EventDetails";
      event[key] = details;
    }
    return event;
  });
}

// The batch ETL's first two states, as stratus records them.
const SUCCEEDING: [number, string, Record<string, unknown>?][] = [
  [0, "ExecutionStarted", { input: "{}" }],
  [0, "TaskStateEntered", { name: "HelloWorld", input: "{}" }],
  [2, "LambdaFunctionScheduled", {}],
  [3, "LambdaFunctionStarted"],
  [4, "LambdaFunctionSucceeded", { output: '"hi"' }],
  [5, "TaskStateExited", { name: "HelloWorld", output: '"hi"' }],
  [6, "TaskStateEntered", { name: "Extract", input: '"hi"' }],
  [7, "LambdaFunctionScheduled", {}],
  [8, "LambdaFunctionStarted"],
];

describe("summarize", () => {
  it("marks entered states running and exited ones succeeded, with input, output and timing", () => {
    const s = summarize(history(SUCCEEDING));
    expect(s.statuses).toEqual({ HelloWorld: "succeeded", Extract: "running" });
    expect(s.entries[0]).toMatchObject({ name: "HelloWorld", stateType: "Task", input: "{}", output: '"hi"', entered: 1001, exited: 1005, retries: 0 });
    expect(s.entries[1].exited).toBeUndefined();
    expect(s.ownerOf.get(4)?.name).toBe("HelloWorld");
    expect(s.ownerOf.get(9)?.name).toBe("Extract");
    expect(s.ownerOf.get(1)).toBeUndefined();
    expect(s.started).toBe(1000);
    expect(s.ended).toBeUndefined();
  });

  it("marks the state that failed the execution failed, with its error", () => {
    const s = summarize(history([...SUCCEEDING, [9, "LambdaFunctionFailed", { error: "Lambda.Unknown", cause: "no MySQL" }], [10, "ExecutionFailed", { error: "Lambda.Unknown", cause: "no MySQL" }]]));
    expect(s.statuses).toEqual({ HelloWorld: "succeeded", Extract: "failed" });
    expect(s.entries[1]).toMatchObject({ error: "Lambda.Unknown", cause: "no MySQL", exited: 1010 });
    expect(s.ended).toBe("ExecutionFailed");
    expect(s.ownerOf.get(11)?.name).toBe("Extract");
  });

  it("marks a Fail state failed by the ExecutionFailed that follows it", () => {
    const s = summarize(history([[0, "ExecutionStarted"], [0, "FailStateEntered", { name: "Boom" }], [2, "ExecutionFailed", { error: "E", cause: "C" }]]));
    expect(s.statuses).toEqual({ Boom: "failed" });
    expect(s.entries[0].error).toBe("E");
  });

  it("counts retries and marks a failure a Catch moved on from caught", () => {
    const s = summarize(
      history([
        [0, "ExecutionStarted"],
        [0, "TaskStateEntered", { name: "C" }],
        [2, "TaskScheduled", {}],
        [3, "TaskStarted", {}],
        [4, "TaskFailed", { error: "Sqs.QueueDoesNotExist", cause: "gone" }],
        [5, "TaskScheduled", {}],
        [6, "TaskStarted", {}],
        [7, "TaskFailed", { error: "Sqs.QueueDoesNotExist", cause: "still gone" }],
        [8, "TaskStateExited", { name: "C", output: "{}" }],
        [9, "PassStateEntered", { name: "D" }],
      ]),
    );
    expect(s.statuses).toEqual({ C: "caught", D: "running" });
    expect(s.entries[0]).toMatchObject({ retries: 1, cause: "still gone" });
  });

  it("shows a retried task running, not failed, until it fails for good", () => {
    const s = summarize(history([[0, "ExecutionStarted"], [0, "TaskStateEntered", { name: "T" }], [2, "TaskScheduled", {}], [3, "TaskFailed", { error: "E" }], [4, "TaskScheduled", {}]]));
    expect(s.statuses.T).toBe("running");
    expect(s.entries[0].retries).toBe(1);
  });

  it("groups an inline Map's iterations and gives the Map its closing events", () => {
    const s = summarize(
      history([
        [0, "ExecutionStarted"],
        [0, "MapStateEntered", { name: "M" }],
        [2, "MapStateStarted", { length: 2 }],
        [3, "MapIterationStarted", { name: "M", index: 0 }],
        [3, "MapIterationStarted", { name: "M", index: 1 }],
        [4, "PassStateEntered", { name: "Inner" }],
        [6, "PassStateExited", { name: "Inner" }],
        [7, "MapIterationSucceeded", { name: "M", index: 0 }],
        [5, "PassStateEntered", { name: "Inner" }],
        [9, "PassStateExited", { name: "Inner" }],
        [10, "MapIterationSucceeded", { name: "M", index: 1 }],
        [11, "MapStateSucceeded"],
        [11, "MapStateExited", { name: "M" }],
        [13, "PassStateEntered", { name: "After" }],
      ]),
    );
    expect(s.statuses).toEqual({ M: "succeeded", Inner: "succeeded", After: "running" });
    expect(s.entries.map((e) => [e.name, e.iteration?.index])).toEqual([
      ["M", undefined],
      ["Inner", 0],
      ["Inner", 1],
      ["After", undefined],
    ]);
    expect(s.ownerOf.get(12)?.name).toBe("M");
    expect(s.ownerOf.get(8)?.name).toBe("M");
  });

  it("aborts every open state on ExecutionAborted", () => {
    const s = summarize(history([...SUCCEEDING, [9, "ExecutionAborted"]]));
    expect(s.statuses).toEqual({ HelloWorld: "succeeded", Extract: "aborted" });
    expect(s.ended).toBe("ExecutionAborted");
  });

  it("keeps a Map's MapRunArn and a failed Map run fails the Map", () => {
    const s = summarize(
      history([
        [0, "ExecutionStarted"],
        [0, "MapStateEntered", { name: "D" }],
        [2, "MapStateStarted", { length: 2 }],
        [3, "MapRunStarted", { mapRunArn: "arn:aws:states:us-east-1:0:mapRun:m/x:y" }],
        [4, "MapRunFailed", { error: "States.ExceedToleratedFailureThreshold" }],
        [5, "MapStateFailed", { error: "States.ExceedToleratedFailureThreshold" }],
        [6, "ExecutionFailed", { error: "States.ExceedToleratedFailureThreshold" }],
      ]),
    );
    expect(s.entries[0].mapRunArn).toBe("arn:aws:states:us-east-1:0:mapRun:m/x:y");
    expect(s.statuses.D).toBe("failed");
  });

  it("after a redrive, judges a state by its entries since", () => {
    const events = history([...SUCCEEDING, [9, "LambdaFunctionFailed", { error: "E" }], [10, "ExecutionFailed", { error: "E" }], [11, "ExecutionRedriven"], [12, "TaskStateEntered", { name: "Extract" }]]);
    const s = summarize(events);
    expect(s.ended).toBeUndefined();
    expect(s.statuses.Extract).toBe("running");
  });
});

describe("helpers", () => {
  it("tells failures from other events", () => {
    expect(isFailure("TaskFailed")).toBe(true);
    expect(isFailure("LambdaFunctionTimedOut")).toBe(true);
    expect(isFailure("MapStateFailed")).toBe(true);
    expect(isFailure("ExecutionFailed")).toBe(false);
    expect(isFailure("MapIterationFailed")).toBe(false);
    expect(isFailure("TaskSucceeded")).toBe(false);
  });

  it("formats durations", () => {
    expect(formatDuration(0.056)).toBe("56 ms");
    expect(formatDuration(1.2345)).toBe("1.234 s");
    expect(formatDuration(123)).toBe("2 min 3 s");
    expect(formatDuration(undefined)).toBe("");
  });
});
