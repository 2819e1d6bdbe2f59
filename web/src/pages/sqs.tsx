// SQS: the queues with their depths and dead-letter queues (#/sqs), and one
// queue (#/sqs/queue/NAME): its attributes, send, peek, purge, and for a
// dead-letter queue its source queues and a redrive back to them.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { jsonCall } from "../aws/client";
import { href, type Route } from "../router";
import { Button, ErrorBox, KeyValues, Loading, Page, Table, formatTime } from "../ui/components";
import { useLoad } from "../ui/hooks";

type Attributes = Record<string, string>;

interface QueueRow {
  url: string;
  name: string;
  attributes: Attributes;
  dlqName: string; // "" when the queue has no redrive policy.
}

interface RedrivePolicy {
  deadLetterTargetArn?: string;
  maxReceiveCount?: number | string;
}

interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  Body: string;
  Attributes?: Attributes;
  MessageAttributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
}

interface MoveTask {
  TaskHandle?: string;
  Status: string;
  SourceArn: string;
  DestinationArn?: string;
  ApproximateNumberOfMessagesMoved?: number;
  ApproximateNumberOfMessagesToMove?: number;
  StartedTimestamp?: number;
  FailureReason?: string;
}

const nameOf = (urlOrArn: string) => urlOrArn.slice(Math.max(urlOrArn.lastIndexOf("/"), urlOrArn.lastIndexOf(":")) + 1);

function redrivePolicy(attributes: Attributes): RedrivePolicy | undefined {
  if (!attributes.RedrivePolicy) return undefined;
  try {
    return JSON.parse(attributes.RedrivePolicy) as RedrivePolicy;
  } catch {
    return undefined;
  }
}

export function formatSeconds(value: string | undefined): string {
  if (value === undefined || value === "") return "";
  const s = Number(value);
  if (!Number.isFinite(s)) return value;
  if (s >= 86400 && s % 3600 === 0) return `${value} s (${+(s / 86400).toFixed(2)} days)`;
  if (s >= 3600 && s % 60 === 0) return `${value} s (${+(s / 3600).toFixed(2)} hours)`;
  if (s >= 60) return `${value} s (${+(s / 60).toFixed(2)} min)`;
  return `${value} s`;
}

async function queueAttributes(url: string, signal: AbortSignal): Promise<Attributes> {
  const { Attributes = {} } = await jsonCall<{ Attributes?: Attributes }>("sqs", "GetQueueAttributes", { QueueUrl: url, AttributeNames: ["All"] }, signal);
  return Attributes;
}

async function listQueues(signal: AbortSignal): Promise<QueueRow[]> {
  const rows: QueueRow[] = [];
  let token: string | undefined;
  do {
    const page = await jsonCall("sqs", "ListQueues", { MaxResults: 1000, ...(token ? { NextToken: token } : {}) }, signal);
    const urls: string[] = page.QueueUrls ?? [];
    const attributes = await Promise.all(urls.map((url) => queueAttributes(url, signal)));
    urls.forEach((url, i) => {
      const target = redrivePolicy(attributes[i])?.deadLetterTargetArn;
      rows.push({ url, name: nameOf(url), attributes: attributes[i], dlqName: target ? nameOf(target) : "" });
    });
    token = page.NextToken;
  } while (token);
  return rows;
}

function QueueList() {
  const queues = useLoad(listQueues, [], 5000);
  const byName = new Map((queues.data ?? []).map((q) => [q.name, q]));
  return (
    <Page title="SQS queues" actions={<Button onClick={queues.reload}>Refresh</Button>}>
      <ErrorBox error={queues.error} />
      <Loading when={queues.loading && !queues.data} />
      {queues.data && (
        <Table
          rows={queues.data}
          rowKey={(q) => q.url}
          empty="No queues. Create one with: aws --endpoint-url URL sqs create-queue --queue-name NAME"
          columns={[
            { title: "Name", render: (q) => <a href={href("sqs", "queue", q.name)}>{q.name}</a> },
            { title: "Available", render: (q) => q.attributes.ApproximateNumberOfMessages ?? "", align: "right" },
            { title: "In flight", render: (q) => q.attributes.ApproximateNumberOfMessagesNotVisible ?? "", align: "right" },
            { title: "Delayed", render: (q) => q.attributes.ApproximateNumberOfMessagesDelayed ?? "", align: "right" },
            {
              title: "Dead-letter queue",
              render: (q) =>
                q.dlqName ? (
                  <span>
                    <a href={href("sqs", "queue", q.dlqName)}>{q.dlqName}</a>{" "}
                    <span class="sqs-depth" title="messages in the dead-letter queue">
                      {byName.get(q.dlqName)?.attributes.ApproximateNumberOfMessages ?? "?"}
                    </span>
                  </span>
                ) : (
                  "—"
                ),
            },
            { title: "Type", render: (q) => (q.attributes.FifoQueue === "true" ? "FIFO" : "Standard") },
          ]}
        />
      )}
    </Page>
  );
}

function QueueAttributes(props: { attributes: Attributes }) {
  const a = props.attributes;
  const policy = redrivePolicy(a);
  const fifo = a.FifoQueue === "true";
  const items: [string, ComponentChildren][] = [
    ["ARN", <code>{a.QueueArn}</code>],
    ["Type", fifo ? "FIFO" : "Standard"],
    ["Available", a.ApproximateNumberOfMessages],
    ["In flight", a.ApproximateNumberOfMessagesNotVisible],
    ["Delayed", a.ApproximateNumberOfMessagesDelayed],
    ["Visibility timeout", formatSeconds(a.VisibilityTimeout)],
    ["Retention", formatSeconds(a.MessageRetentionPeriod)],
    ["Delivery delay", formatSeconds(a.DelaySeconds)],
    ["Receive wait", formatSeconds(a.ReceiveMessageWaitTimeSeconds)],
    ["Max message size", a.MaximumMessageSize ? `${a.MaximumMessageSize} bytes` : ""],
    [
      "Redrive policy",
      policy?.deadLetterTargetArn ? (
        <span>
          to <a href={href("sqs", "queue", nameOf(policy.deadLetterTargetArn))}>{nameOf(policy.deadLetterTargetArn)}</a> after {String(policy.maxReceiveCount)}{" "}
          receives
        </span>
      ) : (
        "none"
      ),
    ],
  ];
  if (a.RedriveAllowPolicy) items.push(["Redrive allow policy", <code>{a.RedriveAllowPolicy}</code>]);
  if (fifo) {
    items.push(["Content-based deduplication", a.ContentBasedDeduplication ?? "false"]);
    if (a.DeduplicationScope) items.push(["Deduplication scope", a.DeduplicationScope]);
    if (a.FifoThroughputLimit) items.push(["FIFO throughput limit", a.FifoThroughputLimit]);
  }
  items.push(["Created", formatTime(Number(a.CreatedTimestamp))], ["Last modified", formatTime(Number(a.LastModifiedTimestamp))]);
  return <KeyValues items={items} />;
}

export function parseAttributeLines(text: string): Record<string, { DataType: string; StringValue: string }> {
  const out: Record<string, { DataType: string; StringValue: string }> = {};
  for (const line of text.split("\n")) {
    const eq = line.indexOf("=");
    if (!line.trim()) continue;
    if (eq <= 0) throw new Error(`attribute line "${line}" is not NAME=VALUE`);
    const value = line.slice(eq + 1).trim();
    out[line.slice(0, eq).trim()] = { DataType: value !== "" && Number.isFinite(Number(value)) ? "Number" : "String", StringValue: value };
  }
  return out;
}

function SendMessage(props: { url: string; fifo: boolean; onSent: () => void }) {
  const [body, setBody] = useState("");
  const [attributes, setAttributes] = useState("");
  const [groupId, setGroupId] = useState("");
  const [dedupId, setDedupId] = useState("");
  const [error, setError] = useState<Error>();
  const [sent, setSent] = useState("");
  const send = async () => {
    setError(undefined);
    setSent("");
    try {
      const input: Record<string, unknown> = { QueueUrl: props.url, MessageBody: body };
      const parsed = parseAttributeLines(attributes);
      if (Object.keys(parsed).length) input.MessageAttributes = parsed;
      if (props.fifo && groupId) input.MessageGroupId = groupId;
      if (props.fifo && dedupId) input.MessageDeduplicationId = dedupId;
      const result = await jsonCall("sqs", "SendMessage", input);
      setSent(`Sent message ${result.MessageId}`);
      props.onSent();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <div class="sqs-panel">
      <h2>Send a message</h2>
      <label>
        Body
        <textarea rows={4} value={body} onInput={(e) => setBody(e.currentTarget.value)} aria-label="Message body" />
      </label>
      <label>
        Message attributes (one NAME=VALUE a line; numbers are sent as Number)
        <textarea rows={2} value={attributes} onInput={(e) => setAttributes(e.currentTarget.value)} aria-label="Message attributes" />
      </label>
      {props.fifo && (
        <div class="sqs-row">
          <label>
            Message group id <input value={groupId} onInput={(e) => setGroupId(e.currentTarget.value)} />
          </label>
          <label>
            Deduplication id <input value={dedupId} onInput={(e) => setDedupId(e.currentTarget.value)} placeholder="(content-based if enabled)" />
          </label>
        </div>
      )}
      <div class="sqs-row">
        <button type="button" class="btn primary" onClick={send} disabled={body === ""}>
          Send
        </button>
        {sent && <span class="sqs-note">{sent}</span>}
      </div>
      <ErrorBox error={error} />
    </div>
  );
}

function Peek(props: { url: string; onPeeked: () => void }) {
  const [messages, setMessages] = useState<ReceivedMessage[]>();
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const peek = async () => {
    setError(undefined);
    setBusy(true);
    try {
      const result = await jsonCall<{ Messages?: ReceivedMessage[] }>("sqs", "ReceiveMessage", {
        QueueUrl: props.url,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ["All"],
        MessageAttributeNames: ["All"],
      });
      setMessages(result.Messages ?? []);
      props.onPeeked();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="sqs-panel">
      <h2>Peek at messages</h2>
      <p class="sqs-warning" role="note">
        Peeking is a ReceiveMessage with visibility timeout 0: it counts as a receive. Each peek raises the messages' receive count, and a queue with a redrive
        policy moves a message to its dead-letter queue once that count passes maxReceiveCount.
      </p>
      <button type="button" class="btn" onClick={peek} disabled={busy}>
        Peek (up to 10)
      </button>
      <ErrorBox error={error} />
      {messages && (
        <Table
          rows={messages}
          rowKey={(m) => m.MessageId}
          empty="No messages available right now."
          columns={[
            { title: "Message id", render: (m) => <code>{m.MessageId}</code> },
            { title: "Body", render: (m) => <pre class="sqs-body">{m.Body}</pre> },
            { title: "Receive count", render: (m) => m.Attributes?.ApproximateReceiveCount ?? "", align: "right" },
            { title: "Sent", render: (m) => formatTime(Number(m.Attributes?.SentTimestamp)) },
            {
              title: "Attributes",
              render: (m) => (
                <span class="sqs-attrs">
                  {Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => (
                    <span key={k}>
                      {k}={v.StringValue ?? `(${v.DataType})`}
                    </span>
                  ))}
                  {m.Attributes?.MessageGroupId && <span>group={m.Attributes.MessageGroupId}</span>}
                </span>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}

function Purge(props: { url: string; onPurged: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<Error>();
  const purge = async () => {
    setError(undefined);
    try {
      await jsonCall("sqs", "PurgeQueue", { QueueUrl: props.url });
      setConfirming(false);
      props.onPurged();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <span class="sqs-row">
      {confirming ? (
        <>
          <span>Delete every message in this queue?</span>
          <Button class="sqs-danger" onClick={purge}>
            Yes, purge
          </Button>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
        </>
      ) : (
        <Button onClick={() => setConfirming(true)}>Purge…</Button>
      )}
      <ErrorBox error={error} />
    </span>
  );
}

function DeadLetterPanel(props: { url: string; arn: string; onMoved: () => void }) {
  const sources = useLoad(
    async (signal) => (await jsonCall<{ queueUrls?: string[] }>("sqs", "ListDeadLetterSourceQueues", { QueueUrl: props.url }, signal)).queueUrls ?? [],
    [props.url],
  );
  const tasks = useLoad(
    async (signal) => (await jsonCall<{ Results?: MoveTask[] }>("sqs", "ListMessageMoveTasks", { SourceArn: props.arn, MaxResults: 10 }, signal)).Results ?? [],
    [props.arn],
    2000,
  );
  const [error, setError] = useState<Error>();
  if (!sources.data?.length) return <ErrorBox error={sources.error} />;
  const redrive = async () => {
    setError(undefined);
    try {
      await jsonCall("sqs", "StartMessageMoveTask", { SourceArn: props.arn });
      tasks.reload();
      props.onMoved();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <div class="sqs-panel">
      <h2>Dead-letter queue</h2>
      <p>
        Source queues:{" "}
        {sources.data.map((url, i) => (
          <span key={url}>
            {i > 0 && ", "}
            <a href={href("sqs", "queue", nameOf(url))}>{nameOf(url)}</a>
          </span>
        ))}
      </p>
      <Button primary onClick={redrive}>
        Redrive to source queues
      </Button>
      <ErrorBox error={error ?? tasks.error} />
      {tasks.data && tasks.data.length > 0 && (
        <Table
          rows={tasks.data}
          rowKey={(t, i) => t.TaskHandle ?? String(i)}
          columns={[
            { title: "Started", render: (t) => formatTime(t.StartedTimestamp) },
            { title: "Status", render: (t) => <span class={`badge ${t.Status.toLowerCase()}`}>{t.Status}</span> },
            { title: "Moved", render: (t) => `${t.ApproximateNumberOfMessagesMoved ?? 0} / ${t.ApproximateNumberOfMessagesToMove ?? "?"}`, align: "right" },
            { title: "Destination", render: (t) => (t.DestinationArn ? nameOf(t.DestinationArn) : "original source") },
            { title: "Failure", render: (t) => t.FailureReason ?? "" },
          ]}
        />
      )}
    </div>
  );
}

function QueuePage(props: { name: string }) {
  const queue = useLoad(
    async (signal) => {
      const { QueueUrl } = await jsonCall<{ QueueUrl: string }>("sqs", "GetQueueUrl", { QueueName: props.name }, signal);
      return { url: QueueUrl, attributes: await queueAttributes(QueueUrl, signal) };
    },
    [props.name],
    3000,
  );
  const q = queue.data;
  return (
    <Page
      title={props.name}
      crumbs={[["SQS", href("sqs")]]}
      actions={
        <>
          {q && <Purge url={q.url} onPurged={queue.reload} />}
          <Button onClick={queue.reload}>Refresh</Button>
        </>
      }
    >
      <ErrorBox error={queue.error} />
      <Loading when={queue.loading && !q} />
      {q && (
        <>
          <p>
            <code>{q.url}</code>
          </p>
          <QueueAttributes attributes={q.attributes} />
          <DeadLetterPanel url={q.url} arn={q.attributes.QueueArn} onMoved={queue.reload} />
          <Peek url={q.url} onPeeked={queue.reload} />
          <SendMessage url={q.url} fifo={q.attributes.FifoQueue === "true"} onSent={queue.reload} />
        </>
      )}
    </Page>
  );
}

export function SqsPage(props: { route: Route }) {
  const [, view, name] = props.route.path;
  if (view === "queue" && name) return <QueuePage key={name} name={name} />;
  return <QueueList />;
}
