// Follows a Step Functions execution's history as it grows. Events have
// GetExecutionHistory's shape (id, previousEventId, timestamp, type and the
// type's details). This version polls GetExecutionHistory; the server-sent
// events endpoint (docs/console.md) replaces the polling when it lands.
import { jsonCall } from "./client";

export interface HistoryEvent {
  id: number;
  previousEventId?: number;
  timestamp: number; // Epoch seconds, as the JSON protocol sends it.
  type: string;
  [details: string]: unknown;
}

const TERMINAL = new Set(["ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"]);

/**
 * Calls onEvents with every event of the execution so far, then with each
 * batch of new ones, until the execution ends (then onEnd) or the returned
 * function is called.
 */
export function watchExecution(executionArn: string, onEvents: (events: HistoryEvent[]) => void, onEnd?: () => void, onError?: (e: Error) => void): () => void {
  let stopped = false;
  let lastId = 0;
  const controller = new AbortController();
  const poll = async () => {
    while (!stopped) {
      try {
        let token: string | undefined;
        const fresh: HistoryEvent[] = [];
        do {
          const page = await jsonCall("states", "GetExecutionHistory", { executionArn, maxResults: 1000, ...(token ? { nextToken: token } : {}) }, controller.signal);
          for (const e of page.events as HistoryEvent[]) if (e.id > lastId) fresh.push(e);
          token = page.nextToken;
        } while (token && !stopped);
        if (fresh.length > 0 && !stopped) {
          lastId = fresh[fresh.length - 1].id;
          onEvents(fresh);
          if (fresh.some((e) => TERMINAL.has(e.type))) {
            onEnd?.();
            return;
          }
        }
      } catch (e) {
        if (stopped) return;
        onError?.(e instanceof Error ? e : new Error(String(e)));
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
