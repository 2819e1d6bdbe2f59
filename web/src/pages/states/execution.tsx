// One Step Functions execution, live: its status, times, input and output;
// the machine's graph with each state coloured from the history as it grows
// (watchExecution); a side panel for the selected state; the event table, a
// timeline, the Map Runs; Stop and Redrive.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { jsonCall } from "../../aws/client";
import { watchExecution, type HistoryEvent } from "../../aws/execution_stream";
import { AslGraph } from "../../graph/AslGraph";
import { href } from "../../router";
import { Button, ErrorBox, formatTime, KeyValues, Loading, Page, prettyJson } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { EventTable } from "./execution_events";
import { MapRuns } from "./execution_map_runs";
import { StatePanel } from "./execution_panel";
import { entriesOf, formatDuration, summarize } from "./execution_status";
import { Timeline } from "./execution_timeline";

interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: string;
  startDate: number;
  stopDate?: number;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  redriveCount?: number;
  redriveDate?: number;
  mapRunArn?: string;
}

const REDRIVABLE = new Set(["FAILED", "ABORTED", "TIMED_OUT"]);

type Tab = "events" | "timeline" | "mapruns";

/** Follows the history while mounted; `generation` restarts it (after a redrive). */
function useHistory(executionArn: string, generation: number, onEnd: () => void) {
  const [events, setEvents] = useState<HistoryEvent[]>([]);
  const [error, setError] = useState<Error | undefined>(undefined);
  const endRef = useRef(onEnd);
  endRef.current = onEnd;
  useEffect(() => {
    setEvents([]);
    setError(undefined);
    return watchExecution(
      executionArn,
      (fresh) => {
        setError(undefined);
        setEvents((old) => [...old, ...fresh]);
      },
      () => endRef.current(),
      setError,
    );
  }, [executionArn, generation]);
  return { events, error };
}

function ConfirmDialog(props: { title: string; text: string; action: string; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div class="dialog-backdrop" onKeyDown={(e) => e.key === "Escape" && props.onCancel()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-label={props.title}>
        <h2>{props.title}</h2>
        <p>{props.text}</p>
        <div class="actions">
          <button type="button" class="btn primary" ref={confirm} disabled={props.busy} onClick={props.onConfirm}>
            {props.action}
          </button>
          <Button onClick={props.onCancel}>Cancel</Button>
        </div>
      </div>
    </div>
  );
}

export function ExecutionPage(props: { executionArn: string }) {
  const arn = props.executionArn;
  const [generation, setGeneration] = useState(0);
  const execution = useLoad((signal) => jsonCall<Execution>("states", "DescribeExecution", { executionArn: arn }, signal), [arn, generation]);
  const machine = useLoad((signal) => jsonCall<{ definition: string; name: string }>("states", "DescribeStateMachineForExecution", { executionArn: arn }, signal), [arn]);
  const history = useHistory(arn, generation, execution.reload);
  const summary = useMemo(() => summarize(history.events), [history.events]);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [tab, setTab] = useState<Tab>("events");
  const [confirming, setConfirming] = useState<"stop" | "redrive" | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<Error | undefined>(undefined);
  const [now, setNow] = useState(Date.now() / 1000);

  const e = execution.data;
  // The badge follows the history (a terminal event) before DescribeExecution is asked again.
  const status = summary.ended ? summary.ended.replace("Execution", "").replace("TimedOut", "TIMED_OUT").toUpperCase() : history.events.length > 0 ? "RUNNING" : (e?.status ?? "");
  const running = status === "RUNNING";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now() / 1000), 500);
    return () => clearInterval(timer);
  }, [running]);
  const lastEvent = history.events[history.events.length - 1];
  const timelineNow = running ? now : (lastEvent?.timestamp ?? now);

  const act = async (which: "stop" | "redrive") => {
    setBusy(true);
    setActionError(undefined);
    try {
      if (which === "stop") await jsonCall("states", "StopExecution", { executionArn: arn, error: "Console.Stopped", cause: "Stopped from the stratus console" });
      else await jsonCall("states", "RedriveExecution", { executionArn: arn });
      if (which === "redrive") setGeneration((g) => g + 1);
      else execution.reload();
    } catch (err) {
      setActionError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
      setConfirming(undefined);
    }
  };

  const machineArn = e?.stateMachineArn ?? "";
  const hasMaps = summary.entries.some((x) => x.stateType === "Map");
  return (
    <Page
      title={e?.name ?? arn.slice(arn.lastIndexOf(":") + 1)}
      crumbs={[
        ["Step Functions", href("states")],
        ...(machineArn ? ([[machineArn.slice(machineArn.lastIndexOf(":") + 1), href("states", "machine", machineArn)]] as [string, string][]) : []),
      ]}
      actions={
        <>
          <button type="button" class="btn" onClick={() => setConfirming("stop")} disabled={!running || busy}>
            Stop
          </button>
          <button type="button" class="btn" onClick={() => setConfirming("redrive")} disabled={!REDRIVABLE.has(status) || busy}>
            Redrive
          </button>
        </>
      }
    >
      <ErrorBox error={execution.error} />
      <ErrorBox error={actionError} />
      <ErrorBox error={history.error} />
      <Loading when={execution.loading && !e} />
      <div class="sfnx-header">
        <KeyValues
          items={[
            [
              "Status",
              <span class={`badge ${status.toLowerCase()}`} data-testid="execution-status">
                {status || "…"}
              </span>,
            ],
            ["Started", formatTime(e?.startDate)],
            ["Stopped", e?.stopDate && !running ? formatTime(e.stopDate) : "—"],
            ["Duration", e ? formatDuration((running || !e.stopDate ? now : e.stopDate) - e.startDate) : ""],
            ...(e?.redriveCount ? ([["Redriven", `${e.redriveCount} time(s), last ${formatTime(e.redriveDate)}`]] as [string, string][]) : []),
            ...(e?.error ? ([["Error", e.error]] as [string, string][]) : []),
            ...(e?.mapRunArn ? ([["Map Run", e.mapRunArn]] as [string, string][]) : []),
          ]}
        />
        <details class="sfnx-io">
          <summary>Input</summary>
          <pre>{prettyJson(e?.input) || "—"}</pre>
        </details>
        <details class="sfnx-io">
          <summary>Output</summary>
          <pre>{prettyJson(e?.output ?? e?.cause) || "—"}</pre>
        </details>
      </div>
      <div class={`sfnx-main ${selected ? "with-panel" : ""}`}>
        <div class="sfnx-graph">
          <ErrorBox error={machine.error} />
          {machine.data && <AslGraph definition={machine.data.definition} statuses={summary.statuses} selected={selected} onSelect={(name) => setSelected(name === selected ? undefined : name)} />}
        </div>
        {selected && <StatePanel name={selected} entries={entriesOf(summary, selected)} onClose={() => setSelected(undefined)} />}
      </div>
      <div class="tabs" role="tablist">
        {(
          [
            ["events", `Events (${history.events.length})`],
            ["timeline", "Timeline"],
            ...(hasMaps ? [["mapruns", "Map Runs"]] : []),
          ] as [Tab, string][]
        ).map(([key, label]) => (
          <button type="button" role="tab" aria-selected={tab === key} class={tab === key ? "active" : ""} onClick={() => setTab(key)} key={key}>
            {label}
          </button>
        ))}
      </div>
      {tab === "events" && <EventTable events={history.events} summary={summary} onSelect={setSelected} />}
      {tab === "timeline" && <Timeline summary={summary} now={timelineNow} onSelect={setSelected} />}
      {tab === "mapruns" && <MapRuns executionArn={arn} running={running} />}
      {confirming && (
        <ConfirmDialog
          title={confirming === "stop" ? "Stop this execution?" : "Redrive this execution?"}
          text={
            confirming === "stop"
              ? "StopExecution aborts it: running states stop and it ends ABORTED."
              : "RedriveExecution restarts it from the states that did not succeed, keeping its history."
          }
          action={confirming === "stop" ? "Stop execution" : "Redrive"}
          busy={busy}
          onConfirm={() => void act(confirming)}
          onCancel={() => setConfirming(undefined)}
        />
      )}
    </Page>
  );
}
