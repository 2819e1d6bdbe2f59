// Lambda: the functions (#/lambda) and one function (#/lambda/function/NAME):
// its configuration, event source mappings and event invoke config, a
// test-invoke box, and its recent invocations from its log group's REPORT lines.
import { useState } from "preact/hooks";
import { AwsError, restJsonCall } from "../aws/client";
import { href, type Route } from "../router";
import { Button, ErrorBox, KeyValues, Loading, Page, Table, formatTime } from "../ui/components";
import { useLoad } from "../ui/hooks";
import { filterLogEvents } from "./logs";

interface FunctionConfiguration {
  FunctionName: string;
  FunctionArn?: string;
  Runtime?: string;
  Handler?: string;
  MemorySize?: number;
  Timeout?: number;
  LastModified?: string;
  State?: string;
  StateReason?: string;
  Role?: string;
  Description?: string;
  CodeSize?: number;
  PackageType?: string;
  Architectures?: string[];
  Environment?: { Variables?: Record<string, string> };
  Layers?: { Arn: string; CodeSize?: number }[];
  DeadLetterConfig?: { TargetArn?: string };
}

interface EventSourceMapping {
  UUID: string;
  EventSourceArn?: string;
  State?: string;
  BatchSize?: number;
  LastModified?: number;
  LastProcessingResult?: string;
}

interface EventInvokeConfig {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
  DestinationConfig?: { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } };
}

const functionPath = (name: string) => `/2015-03-31/functions/${encodeURIComponent(name)}`;

async function listFunctions(signal: AbortSignal): Promise<FunctionConfiguration[]> {
  const functions: FunctionConfiguration[] = [];
  let marker: string | undefined;
  do {
    const { body } = await restJsonCall<{ Functions?: FunctionConfiguration[]; NextMarker?: string }>("lambda", "GET", "/2015-03-31/functions/", {
      query: marker ? [["Marker", marker]] : [],
      signal,
    });
    functions.push(...(body.Functions ?? []));
    marker = body.NextMarker;
  } while (marker);
  return functions;
}

function stateBadge(state: string | undefined) {
  if (!state) return null;
  const cls = state === "Active" ? "ok" : state === "Failed" ? "failed" : "running";
  return <span class={`badge ${cls}`}>{state}</span>;
}

function FunctionList() {
  const functions = useLoad(listFunctions, [], 10000);
  return (
    <Page title="Lambda functions" actions={<Button onClick={functions.reload}>Refresh</Button>}>
      <ErrorBox error={functions.error} />
      <Loading when={functions.loading && !functions.data} />
      {functions.data && (
        <Table
          rows={functions.data}
          rowKey={(f) => f.FunctionName}
          empty="No functions. Create one with: aws --endpoint-url URL lambda create-function --function-name NAME --runtime python3.12 --handler app.handler --role arn:aws:iam::000000000000:role/r --zip-file fileb://code.zip"
          columns={[
            { title: "Name", render: (f) => <a href={href("lambda", "function", f.FunctionName)}>{f.FunctionName}</a> },
            { title: "Runtime", render: (f) => f.Runtime ?? f.PackageType ?? "" },
            { title: "Handler", render: (f) => <code>{f.Handler}</code> },
            { title: "Memory", render: (f) => (f.MemorySize ? `${f.MemorySize} MB` : ""), align: "right" },
            { title: "Timeout", render: (f) => (f.Timeout ? `${f.Timeout} s` : ""), align: "right" },
            { title: "Last modified", render: (f) => formatTime(f.LastModified) },
            { title: "State", render: (f) => stateBadge(f.State) },
          ]}
        />
      )}
    </Page>
  );
}

export function decodeBase64(text: string): string {
  try {
    const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    return new TextDecoder().decode(bytes);
  } catch {
    return text;
  }
}

interface InvokeResult {
  status: number;
  functionError: string;
  payload: string;
  log: string;
  version: string;
}

function TestInvoke(props: { name: string; onInvoked: () => void }) {
  const [payload, setPayload] = useState("{\n  \n}");
  const [result, setResult] = useState<InvokeResult>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  let invalid = "";
  try {
    JSON.parse(payload);
  } catch (e) {
    invalid = (e as Error).message;
  }
  const invoke = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const response = await restJsonCall<unknown>("lambda", "POST", `${functionPath(props.name)}/invocations`, {
        body: payload,
        headers: { "X-Amz-Invocation-Type": "RequestResponse", "X-Amz-Log-Type": "Tail" },
      });
      const body = response.body;
      setResult({
        status: response.status,
        functionError: response.headers.get("x-amz-function-error") ?? "",
        payload: typeof body === "string" ? body : JSON.stringify(body, null, 2),
        log: decodeBase64(response.headers.get("x-amz-log-result") ?? ""),
        version: response.headers.get("x-amz-executed-version") ?? "",
      });
      props.onInvoked();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="lambda-panel">
      <h2>Test invoke</h2>
      <label>
        Event (JSON)
        <textarea rows={6} value={payload} onInput={(e) => setPayload(e.currentTarget.value)} aria-label="Event payload" aria-invalid={invalid !== ""} />
      </label>
      {invalid && <p class="lambda-invalid">Not valid JSON: {invalid}</p>}
      <p>
        <button type="button" class="btn primary" onClick={invoke} disabled={busy || invalid !== ""}>
          {busy ? "Invoking…" : "Invoke"}
        </button>
      </p>
      <ErrorBox error={error} />
      {result && (
        <div class="lambda-result" aria-label="Invocation result">
          <p>
            Status <strong>{result.status}</strong>{" "}
            {result.functionError ? <span class="badge failed">Function error: {result.functionError}</span> : <span class="badge ok">Succeeded</span>}
            {result.version && <span class="lambda-muted"> version {result.version}</span>}
          </p>
          <h3>Response</h3>
          <pre aria-label="Response payload">{result.payload}</pre>
          <h3>Log tail</h3>
          <pre aria-label="Log tail">{result.log || "(no log)"}</pre>
        </div>
      )}
    </div>
  );
}

interface Invocation {
  requestId: string;
  timestamp: number;
  duration: string;
  billed: string;
  memory: string;
  maxMemory: string;
}

export function parseReport(message: string, timestamp: number): Invocation | undefined {
  const field = (name: string) => new RegExp(`${name}:\\s*([^\\t]+?)\\s*(?:\\t|$)`).exec(message)?.[1] ?? "";
  const requestId = /REPORT RequestId:\s*(\S+)/.exec(message)?.[1];
  if (!requestId) return undefined;
  return { requestId, timestamp, duration: field("Duration"), billed: field("Billed Duration"), memory: field("Memory Size"), maxMemory: field("Max Memory Used") };
}

function RecentInvocations(props: { name: string; refresh: number }) {
  const group = `/aws/lambda/${props.name}`;
  const invocations = useLoad(
    async (signal) => {
      try {
        const events = await filterLogEvents({ logGroupName: group, filterPattern: "REPORT", startTime: Date.now() - 7 * 86400e3 }, signal);
        return events
          .map((e) => parseReport(e.message, e.timestamp))
          .filter((i): i is Invocation => i !== undefined)
          .reverse()
          .slice(0, 20);
      } catch (e) {
        if (e instanceof AwsError && e.code === "ResourceNotFoundException") return [];
        throw e;
      }
    },
    [group, props.refresh],
    5000,
  );
  return (
    <div>
      <h2>
        Recent invocations <a class="lambda-muted" href={href("logs", "group", group)}>(log group {group})</a>
      </h2>
      <ErrorBox error={invocations.error} />
      {invocations.data && (
        <Table
          rows={invocations.data}
          rowKey={(i) => i.requestId}
          empty="No invocations logged yet. Invoke it above, or with: aws --endpoint-url URL lambda invoke --function-name NAME out.json"
          columns={[
            { title: "Time", render: (i) => formatTime(i.timestamp) },
            { title: "Request id", render: (i) => <code>{i.requestId}</code> },
            { title: "Duration", render: (i) => i.duration, align: "right" },
            { title: "Billed", render: (i) => i.billed, align: "right" },
            { title: "Max memory", render: (i) => (i.memory ? `${i.maxMemory} / ${i.memory}` : i.maxMemory), align: "right" },
          ]}
        />
      )}
    </div>
  );
}

function Configuration(props: { config: FunctionConfiguration }) {
  const c = props.config;
  const variables = Object.entries(c.Environment?.Variables ?? {});
  return (
    <KeyValues
      items={[
        ["ARN", <code>{c.FunctionArn}</code>],
        ["State", <span>{stateBadge(c.State)} {c.StateReason ?? ""}</span>],
        ["Runtime", c.Runtime ?? c.PackageType ?? ""],
        ["Handler", <code>{c.Handler}</code>],
        ["Memory", c.MemorySize ? `${c.MemorySize} MB` : ""],
        ["Timeout", c.Timeout ? `${c.Timeout} s` : ""],
        ["Architectures", (c.Architectures ?? []).join(", ")],
        ["Code size", c.CodeSize !== undefined ? `${c.CodeSize} bytes` : ""],
        ["Role", <code>{c.Role}</code>],
        ["Description", c.Description ?? ""],
        ["Last modified", formatTime(c.LastModified)],
        [
          "Environment",
          variables.length ? (
            <table class="lambda-env">
              <tbody>
                {variables.map(([k, v]) => (
                  <tr key={k}>
                    <td>
                      <code>{k}</code>
                    </td>
                    <td>
                      <code>{v}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            "none"
          ),
        ],
        ["Layers", c.Layers?.length ? c.Layers.map((l) => <div key={l.Arn}><code>{l.Arn}</code></div>) : "none"],
        ["Dead-letter target", c.DeadLetterConfig?.TargetArn ? <code>{c.DeadLetterConfig.TargetArn}</code> : "none"],
      ]}
    />
  );
}

function sourceLink(arn: string | undefined) {
  if (!arn) return "";
  const parts = arn.split(":");
  if (parts[2] === "sqs") return <a href={href("sqs", "queue", parts[5])}>{parts[5]}</a>;
  return <code>{arn}</code>;
}

function FunctionPage(props: { name: string }) {
  const [invocations, setInvocations] = useState(0);
  const fn = useLoad(
    async (signal) => {
      const [config, mappings, invokeConfig] = await Promise.all([
        restJsonCall<{ Configuration: FunctionConfiguration }>("lambda", "GET", functionPath(props.name), { signal }),
        restJsonCall<{ EventSourceMappings?: EventSourceMapping[] }>("lambda", "GET", "/2015-03-31/event-source-mappings/", {
          query: [["FunctionName", props.name]],
          signal,
        }),
        restJsonCall<EventInvokeConfig>("lambda", "GET", `/2019-09-25/functions/${encodeURIComponent(props.name)}/event-invoke-config`, { signal }).catch((e) => {
          if (e instanceof AwsError && e.status === 404) return undefined;
          throw e;
        }),
      ]);
      return { config: config.body.Configuration, mappings: mappings.body.EventSourceMappings ?? [], invokeConfig: invokeConfig?.body };
    },
    [props.name],
    15000,
  );
  const d = fn.data;
  const ic = d?.invokeConfig;
  return (
    <Page title={props.name} crumbs={[["Lambda", href("lambda")]]} actions={<Button onClick={fn.reload}>Refresh</Button>}>
      <ErrorBox error={fn.error} />
      <Loading when={fn.loading && !d} />
      {d && (
        <div class="lambda-grid">
          <div>
            <h2>Configuration</h2>
            <Configuration config={d.config} />
            <h2>Event source mappings</h2>
            <Table
              rows={d.mappings}
              rowKey={(m) => m.UUID}
              empty="None. Add one with: aws --endpoint-url URL lambda create-event-source-mapping --function-name NAME --event-source-arn ARN"
              columns={[
                { title: "Source", render: (m) => sourceLink(m.EventSourceArn) },
                { title: "State", render: (m) => m.State ?? "" },
                { title: "Batch", render: (m) => m.BatchSize ?? "", align: "right" },
                { title: "Last result", render: (m) => m.LastProcessingResult ?? "" },
              ]}
            />
            <h2>Asynchronous invocation</h2>
            {ic ? (
              <KeyValues
                items={[
                  ["Maximum retries", ic.MaximumRetryAttempts !== undefined ? String(ic.MaximumRetryAttempts) : "2 (default)"],
                  ["Maximum event age", ic.MaximumEventAgeInSeconds !== undefined ? `${ic.MaximumEventAgeInSeconds} s` : "6 hours (default)"],
                  ["On success", ic.DestinationConfig?.OnSuccess?.Destination ?? "none"],
                  ["On failure", ic.DestinationConfig?.OnFailure?.Destination ?? "none"],
                ]}
              />
            ) : (
              <p class="empty">No event invoke config (defaults: 2 retries, 6 hours).</p>
            )}
          </div>
          <div>
            <TestInvoke name={props.name} onInvoked={() => setInvocations((n) => n + 1)} />
          </div>
        </div>
      )}
      {d && <RecentInvocations name={props.name} refresh={invocations} />}
    </Page>
  );
}

export function LambdaPage(props: { route: Route }) {
  const [, view, name] = props.route.path;
  if (view === "function" && name) return <FunctionPage key={name} name={name} />;
  return <FunctionList />;
}
