// Follows a Step Functions execution's history as it grows. Events have
// GetExecutionHistory's shape (id, previousEventId, timestamp, type and the
// type's details). It listens to the server-sent events of
// /_stratus/states/executions/<ARN>/events (docs/console.md) with
// EventSource, and falls back to polling GetExecutionHistory when that
// endpoint fails twice in a row (or the browser has no EventSource).
import { asError, jsonCall } from "./client";

export interface HistoryEvent {
  id: number;
  previousEventId?: number;
  timestamp: number; // Epoch seconds, as the JSON protocol sends it.
  type: string;
  [details: string]: unknown;
}

const TERMINAL = new Set(["ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"]);

/** The URL of an execution's event stream, relative to the console's origin. */
export function eventsUrl(executionArn: string): string {
  return `/_stratus/states/executions/${encodeURIComponent(executionArn)}/events`;
}

/**
 * Calls onEvents with every event of the execution so far, then with each
 * batch of new ones, until the execution ends (then onEnd) or the returned
 * function is called.
 */
export function watchExecution(executionArn: string, onEvents: (events: HistoryEvent[]) => void, onEnd?: () => void, onError?: (e: Error) => void): () => void {
  let stopped = false;
  let lastId = 0;
  let stopPolling: (() => void) | undefined;
  const deliver = (events: HistoryEvent[]): boolean => {
    const fresh = events.filter((e) => e.id > lastId);
    if (fresh.length === 0 || stopped) return false;
    lastId = fresh[fresh.length - 1].id;
    onEvents(fresh);
    return fresh.some((e) => TERMINAL.has(e.type));
  };
  const fallBack = () => {
    if (!stopped && !stopPolling) stopPolling = pollExecution(executionArn, () => lastId, deliver, () => onEnd?.(), onError);
  };
  if (typeof EventSource === "undefined") {
    fallBack();
  } else {
    const source = new EventSource(eventsUrl(executionArn));
    let pending: HistoryEvent[] = [];
    let failures = 0;
    // Messages of one answer arrive one by one: hand them on together.
    const flush = () => {
      const batch = pending;
      pending = [];
      deliver(batch);
    };
    source.addEventListener("open", () => {
      failures = 0;
    });
    source.addEventListener("history", (message) => {
      failures = 0;
      try {
        pending.push(JSON.parse((message as MessageEvent<string>).data) as HistoryEvent);
      } catch (e) {
        onError?.(asError(e));
      }
      if (pending.length === 1) queueMicrotask(flush);
    });
    source.addEventListener("end", () => {
      source.close();
      flush();
      if (!stopped) onEnd?.();
    });
    // Every answer of the long poll ends with an error event (EventSource
    // then reconnects); two without an answer in between, or a refusal
    // (closed), mean the endpoint does not work here.
    source.addEventListener("error", () => {
      failures++;
      if (source.readyState === EventSource.CLOSED || failures >= 2) {
        source.close();
        flush();
        fallBack();
      }
    });
    const stopStream = () => source.close();
    return () => {
      stopped = true;
      stopStream();
      stopPolling?.();
    };
  }
  return () => {
    stopped = true;
    stopPolling?.();
  };
}

/**
 * Polls GetExecutionHistory for the events after lastId(); deliver() returns
 * true once the execution ended.
 */
function pollExecution(
  executionArn: string,
  lastId: () => number,
  deliver: (events: HistoryEvent[]) => boolean,
  onEnd: () => void,
  onError?: (e: Error) => void,
): () => void {
  let stopped = false;
  const controller = new AbortController();
  const poll = async () => {
    while (!stopped) {
      try {
        let token: string | undefined;
        const fresh: HistoryEvent[] = [];
        do {
          const page = await jsonCall("states", "GetExecutionHistory", { executionArn, maxResults: 1000, ...(token ? { nextToken: token } : {}) }, controller.signal);
          for (const e of page.events as HistoryEvent[]) if (e.id > lastId()) fresh.push(e);
          token = page.nextToken;
        } while (token && !stopped);
        if (!stopped && deliver(fresh)) {
          onEnd();
          return;
        }
      } catch (e) {
        if (stopped) return;
        onError?.(asError(e));
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  void poll();
  return () => {
    stopped = true;
    controller.abort();
  };
}
