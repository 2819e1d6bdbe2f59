// Derives what each state of an execution did from its history: one entry
// per time a state was entered (its input, output, error, timing, retries
// and Map iteration) and each state's status for the graph. Pure: the page
// feeds it the events it has so far, as often as they grow.
//
// Events chain to earlier ones through previousEventId: a state's task
// events lead back to its *StateEntered event, the next state's entered
// event to the previous state's exited event, a Map iteration's first state
// to its MapIterationStarted event.
import type { StateStatus } from "../../graph/AslGraph";
import type { HistoryEvent } from "../../aws/execution_stream";

export interface Iteration {
  map: string; // The Map state's name.
  index: number;
}

export interface StateEntry {
  enteredId: number; // The *StateEntered event's id.
  name: string;
  stateType: string; // "Task", "Map", ... (from the event type).
  status: StateStatus;
  entered: number; // Epoch seconds.
  exited?: number; // When it exited, failed or was stopped.
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  retries: number;
  iteration?: Iteration;
  mapRunArn?: string;
}

export interface ExecutionSummary {
  entries: StateEntry[]; // In the order they were entered.
  statuses: Record<string, StateStatus>; // By state name.
  ownerOf: Map<number, StateEntry>; // Event id → the entry it belongs to.
  started?: number; // ExecutionStarted's timestamp.
  ended?: string; // The terminal event's type, unless redriven since.
}

const TERMINAL = new Set(["ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"]);
const SCHEDULED = /^(Task|LambdaFunction|Activity)Scheduled$/;
const CLOSING = /^(Map|Parallel)State(Succeeded|Failed|Aborted)$/;

/** True for events that fail the state they belong to (a task's failure, a Map's or Parallel's). */
export function isFailure(type: string): boolean {
  if (type.startsWith("Execution") || type.startsWith("MapIteration")) return false;
  return /(Failed|TimedOut)$/.test(type);
}

/** The details object of an event (its one "...EventDetails" member). */
export function detailsOf(event: HistoryEvent): Record<string, unknown> {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith("EventDetails") && value && typeof value === "object") return value as Record<string, unknown>;
  }
  return {};
}

const PRIORITY: StateStatus[] = ["running", "failed", "aborted", "caught", "succeeded"];

/** Summarises `events` (a history's prefix, ascending ids). */
export function summarize(events: HistoryEvent[]): ExecutionSummary {
  const byId = new Map<number, HistoryEvent>();
  for (const e of events) byId.set(e.id, e);
  const entries: StateEntry[] = [];
  const entryById = new Map<number, StateEntry>(); // By enteredId.
  const owner = new Map<number, StateEntry | null>();
  const failed = new Map<StateEntry, boolean>();
  let started: number | undefined;
  let ended: string | undefined;
  let lastRedrive = 0;

  // The entry an event belongs to, resolved through its chain (memoised; ids
  // only point backwards, so every chain ends).
  const ownerOf = (id: number | undefined): StateEntry | null => {
    if (!id) return null;
    const known = owner.get(id);
    if (known !== undefined) return known;
    const e = byId.get(id);
    let found: StateEntry | null = null;
    if (e) {
      const details = detailsOf(e);
      if (e.type.endsWith("StateEntered")) {
        found = entryById.get(e.id) ?? null;
      } else if (e.type.endsWith("StateExited")) {
        found = walkTo(e.previousEventId, (p) => p.type.endsWith("StateEntered") && detailsOf(p).name === details.name);
      } else if (e.type.startsWith("MapIteration") && e.type !== "MapIterationStarted") {
        found = walkTo(e.previousEventId, (p) => p.type === "MapIterationStarted" && detailsOf(p).index === details.index && detailsOf(p).name === details.name);
      } else if (CLOSING.test(e.type)) {
        const kind = e.type.startsWith("Map") ? "Map" : "Parallel";
        let depth = 0;
        found = walkTo(e.previousEventId, (p) => {
          if (p.type === `${kind}StateSucceeded` || p.type === `${kind}StateFailed` || p.type === `${kind}StateAborted`) depth++;
          if (p.type === `${kind}StateStarted`) {
            if (depth === 0) return true;
            depth--;
          }
          return false;
        });
      } else {
        found = ownerOf(e.previousEventId);
      }
    }
    owner.set(id, found);
    return found;
  };
  // Walks back from `id` to the first event matching `match`; returns its owner.
  const walkTo = (id: number | undefined, match: (e: HistoryEvent) => boolean): StateEntry | null => {
    let cursor = id;
    for (let guard = 0; cursor && guard < 100000; guard++) {
      const p = byId.get(cursor);
      if (!p) return null;
      if (match(p)) return ownerOf(p.id);
      cursor = p.previousEventId;
    }
    return null;
  };
  const iterationOf = (id: number | undefined): Iteration | undefined => {
    const e = id ? byId.get(id) : undefined;
    if (!e) return undefined;
    if (e.type === "MapIterationStarted") {
      const d = detailsOf(e);
      return { map: String(d.name ?? ""), index: Number(d.index ?? 0) };
    }
    return ownerOf(e.id)?.iteration;
  };

  for (const e of events) {
    const details = detailsOf(e);
    if (e.type === "ExecutionStarted") started = e.timestamp;
    if (e.type === "ExecutionRedriven") {
      ended = undefined;
      lastRedrive = e.id;
    }
    if (e.type.endsWith("StateEntered")) {
      const entry: StateEntry = {
        enteredId: e.id,
        name: String(details.name ?? ""),
        stateType: e.type.slice(0, -"StateEntered".length),
        status: "running",
        entered: e.timestamp,
        input: details.input as string | undefined,
        retries: 0,
        iteration: iterationOf(e.previousEventId),
      };
      entries.push(entry);
      entryById.set(e.id, entry);
      owner.set(e.id, entry);
      continue;
    }
    const entry = ownerOf(e.id);
    if (TERMINAL.has(e.type)) {
      ended = e.type;
      if (entry && entry.exited === undefined && e.type !== "ExecutionSucceeded") {
        failed.set(entry, true);
        if (details.error !== undefined) entry.error = String(details.error);
        if (details.cause !== undefined) entry.cause = String(details.cause);
      }
      for (const open of entries) {
        if (open.exited === undefined && open.enteredId > lastRedrive) {
          open.exited = e.timestamp;
          open.status = e.type === "ExecutionAborted" ? "aborted" : failed.get(open) ? "failed" : e.type === "ExecutionSucceeded" ? "succeeded" : "aborted";
        }
      }
      continue;
    }
    if (!entry) continue;
    if (e.type.endsWith("StateExited")) {
      entry.exited = e.timestamp;
      entry.output = details.output as string | undefined;
      entry.status = failed.get(entry) ? "caught" : "succeeded";
    } else if (isFailure(e.type)) {
      failed.set(entry, true);
      entry.error = details.error !== undefined ? String(details.error) : entry.error;
      entry.cause = details.cause !== undefined ? String(details.cause) : entry.cause;
    } else if (SCHEDULED.test(e.type)) {
      if (failed.get(entry)) entry.retries++;
      failed.set(entry, false);
    } else if (e.type === "MapRunStarted") {
      entry.mapRunArn = details.mapRunArn as string | undefined;
    }
  }

  // A state's status: over its entries since the last redrive that entered
  // it, the most pressing one (a Map's inner states run many times).
  const statuses: Record<string, StateStatus> = {};
  const latest = new Map<string, StateEntry[]>();
  for (const entry of entries) {
    const list = latest.get(entry.name) ?? [];
    if (entry.enteredId > lastRedrive && list.some((x) => x.enteredId < lastRedrive)) list.length = 0;
    list.push(entry);
    latest.set(entry.name, list);
  }
  for (const [name, list] of latest) {
    statuses[name] = PRIORITY.find((s) => list.some((x) => x.status === s)) ?? "running";
  }
  const ownerMap = new Map<number, StateEntry>();
  for (const e of events) {
    const o = ownerOf(e.id);
    if (o) ownerMap.set(e.id, o);
  }
  return { entries, statuses, ownerOf: ownerMap, started, ended };
}

/** The entries of one state (for the side panel), oldest first. */
export function entriesOf(summary: ExecutionSummary, name: string): StateEntry[] {
  return summary.entries.filter((e) => e.name === name);
}

/** "1.234 s", "56 ms", "2 min 3 s". */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !isFinite(seconds)) return "";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 3 : 1)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds - minutes * 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
