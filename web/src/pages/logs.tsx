// CloudWatch Logs: the log groups (#/logs) and one group (#/logs/group/NAME):
// its streams, a search of its events with AWS's filter pattern syntax over a
// time range, and a live tail that polls for new events every second.
import { useEffect, useRef, useState } from "preact/hooks";
import { jsonCall } from "../aws/client";
import { href, type Route } from "../router";
import { Button, ErrorBox, Loading, Page, Table, formatBytes, formatTime } from "../ui/components";
import { useLoad } from "../ui/hooks";

interface LogGroup {
  logGroupName: string;
  creationTime?: number;
  retentionInDays?: number;
  storedBytes?: number;
}

interface LogStream {
  logStreamName: string;
  creationTime?: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  storedBytes?: number;
}

export interface LogEvent {
  eventId?: string;
  logStreamName?: string;
  timestamp: number;
  message: string;
  ingestionTime?: number;
}

export interface EventQuery {
  logGroupName: string;
  filterPattern?: string;
  startTime?: number;
  endTime?: number;
  logStreamNames?: string[];
}

/** FilterLogEvents over every page (at most `maxPages`), oldest first. */
export async function filterLogEvents(query: EventQuery, signal?: AbortSignal, maxPages = 20): Promise<LogEvent[]> {
  const events: LogEvent[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const input: Record<string, unknown> = { logGroupName: query.logGroupName, ...(token ? { nextToken: token } : {}) };
    if (query.filterPattern) input.filterPattern = query.filterPattern;
    if (query.startTime !== undefined) input.startTime = query.startTime;
    if (query.endTime !== undefined) input.endTime = query.endTime;
    if (query.logStreamNames?.length) input.logStreamNames = query.logStreamNames;
    const page = await jsonCall<{ events?: LogEvent[]; nextToken?: string }>("logs", "FilterLogEvents", input, signal);
    events.push(...(page.events ?? []));
    token = page.nextToken;
  } while (token && ++pages < maxPages);
  return events;
}

async function listGroups(signal: AbortSignal): Promise<LogGroup[]> {
  const groups: LogGroup[] = [];
  let token: string | undefined;
  do {
    const page = await jsonCall<{ logGroups?: LogGroup[]; nextToken?: string }>("logs", "DescribeLogGroups", token ? { nextToken: token } : {}, signal);
    groups.push(...(page.logGroups ?? []));
    token = page.nextToken;
  } while (token);
  return groups;
}

function GroupList() {
  const groups = useLoad(listGroups, [], 10000);
  return (
    <Page title="Log groups" actions={<Button onClick={groups.reload}>Refresh</Button>}>
      <ErrorBox error={groups.error} />
      <Loading when={groups.loading && !groups.data} />
      {groups.data && (
        <Table
          rows={groups.data}
          rowKey={(g) => g.logGroupName}
          empty="No log groups. Lambda functions write to /aws/lambda/NAME; or create one with: aws --endpoint-url URL logs create-log-group --log-group-name NAME"
          columns={[
            { title: "Name", render: (g) => <a href={href("logs", "group", g.logGroupName)}>{g.logGroupName}</a> },
            { title: "Retention", render: (g) => (g.retentionInDays ? `${g.retentionInDays} days` : "never expires") },
            { title: "Stored", render: (g) => formatBytes(g.storedBytes ?? 0), align: "right" },
            { title: "Created", render: (g) => formatTime(g.creationTime) },
          ]}
        />
      )}
    </Page>
  );
}

const RANGES: [string, number][] = [
  ["Last 5 minutes", 5 * 60e3],
  ["Last hour", 3600e3],
  ["Last 24 hours", 86400e3],
  ["Last 7 days", 7 * 86400e3],
  ["All time", 0],
];

function EventLines(props: { events: LogEvent[]; follow?: boolean; label: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (props.follow && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [props.events.length, props.follow]);
  if (props.events.length === 0) return <p class="empty">No events.</p>;
  return (
    <div class="logs-lines" ref={box} tabIndex={0} role="log" aria-label={props.label}>
      {props.events.map((e, i) => (
        <div key={e.eventId ?? i} class="logs-line">
          <span class="logs-time">{new Date(e.timestamp).toISOString().replace("T", " ").slice(0, 23)}</span>
          <span class="logs-stream" title={e.logStreamName}>
            {e.logStreamName}
          </span>
          <span class="logs-message">{e.message.replace(/\n$/, "")}</span>
        </div>
      ))}
    </div>
  );
}

function Search(props: { group: string; stream: string }) {
  const [pattern, setPattern] = useState("");
  const [range, setRange] = useState(RANGES[2][1]);
  const [query, setQuery] = useState<{ pattern: string; range: number; n: number }>({ pattern: "", range: RANGES[2][1], n: 0 });
  const events = useLoad(
    (signal) =>
      filterLogEvents(
        {
          logGroupName: props.group,
          filterPattern: query.pattern,
          startTime: query.range ? Date.now() - query.range : undefined,
          logStreamNames: props.stream ? [props.stream] : undefined,
        },
        signal,
      ),
    [props.group, props.stream, query],
  );
  const submit = (e: Event) => {
    e.preventDefault();
    setQuery({ pattern, range, n: query.n + 1 });
  };
  return (
    <div>
      <form class="logs-search" onSubmit={submit}>
        <input
          class="logs-pattern"
          value={pattern}
          onInput={(e) => setPattern(e.currentTarget.value)}
          placeholder='Filter pattern: ERROR, "exact phrase", ?a ?b, -skip, { $.level = "error" }, [ip, user, ...]'
          aria-label="Filter pattern"
        />
        <select value={String(range)} onChange={(e) => setRange(Number(e.currentTarget.value))} aria-label="Time range">
          {RANGES.map(([label, ms]) => (
            <option key={label} value={String(ms)}>
              {label}
            </option>
          ))}
        </select>
        <button type="submit" class="btn primary">
          Search
        </button>
      </form>
      <ErrorBox error={events.error} />
      <Loading when={events.loading} />
      {events.data && !events.loading && (
        <>
          <p class="logs-count">{events.data.length === 1 ? "1 event" : `${events.data.length} events`}</p>
          <EventLines events={events.data} label="Matching events" />
        </>
      )}
    </div>
  );
}

function LiveTail(props: { group: string; stream: string }) {
  const [pattern, setPattern] = useState("");
  const [paused, setPaused] = useState(false);
  const [events, setEvents] = useState<LogEvent[]>([]);
  const [error, setError] = useState<Error>();
  const since = useRef(Date.now() - 5 * 60e3);
  const seen = useRef(new Map<string, number>()); // Event id → timestamp, for events at or after `since`.
  useEffect(() => {
    if (paused) return;
    let stopped = false;
    const controller = new AbortController();
    const poll = async () => {
      try {
        const fresh = await filterLogEvents(
          { logGroupName: props.group, filterPattern: pattern, startTime: since.current, logStreamNames: props.stream ? [props.stream] : undefined },
          controller.signal,
        );
        if (stopped) return;
        const added = fresh.filter((e) => {
          const id = e.eventId ?? `${e.logStreamName}/${e.timestamp}/${e.message}`;
          if (seen.current.has(id)) return false;
          seen.current.set(id, e.timestamp);
          return true;
        });
        if (fresh.length) since.current = Math.max(since.current, ...fresh.map((e) => e.timestamp));
        for (const [id, timestamp] of seen.current) if (timestamp < since.current) seen.current.delete(id);
        if (added.length) setEvents((old) => [...old, ...added].slice(-2000));
        setError(undefined);
      } catch (e) {
        if (!stopped) setError(e as Error);
      }
      if (!stopped) timer = setTimeout(poll, 1000);
    };
    let timer = setTimeout(poll, 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller.abort();
    };
  }, [props.group, props.stream, pattern, paused]);
  return (
    <div>
      <div class="logs-search">
        <input
          class="logs-pattern"
          value={pattern}
          onChange={(e) => setPattern(e.currentTarget.value)}
          placeholder="Filter pattern (applies to new events)"
          aria-label="Live tail filter pattern"
        />
        <Button onClick={() => setPaused(!paused)} aria-pressed={paused}>
          {paused ? "Resume" : "Pause"}
        </Button>
        <Button onClick={() => setEvents([])}>Clear</Button>
        <span class={`badge ${paused ? "caught" : "running"}`}>{paused ? "paused" : "live"}</span>
      </div>
      <ErrorBox error={error} />
      <EventLines events={events} follow={!paused} label="Live tail" />
    </div>
  );
}

function GroupPage(props: { name: string; stream: string }) {
  const [tab, setTab] = useState<"events" | "tail">("events");
  const streams = useLoad(
    async (signal) =>
      (
        await jsonCall<{ logStreams?: LogStream[] }>(
          "logs",
          "DescribeLogStreams",
          { logGroupName: props.name, orderBy: "LastEventTime", descending: true, limit: 50 },
          signal,
        )
      ).logStreams ?? [],
    [props.name],
    10000,
  );
  const groupLink = href("logs", "group", props.name);
  return (
    <Page title={props.name} crumbs={[["Logs", href("logs")]]} actions={<Button onClick={streams.reload}>Refresh</Button>}>
      <ErrorBox error={streams.error} />
      <h2>Streams</h2>
      <Loading when={streams.loading && !streams.data} />
      {streams.data && (
        <div class="logs-streams">
          <Table
            rows={streams.data}
            rowKey={(s) => s.logStreamName}
            empty="No streams in this group yet."
            columns={[
              {
                title: "Stream",
                render: (s) =>
                  s.logStreamName === props.stream ? (
                    <strong>{s.logStreamName}</strong>
                  ) : (
                    <a href={`${groupLink}?stream=${encodeURIComponent(s.logStreamName)}`}>{s.logStreamName}</a>
                  ),
              },
              { title: "Last event", render: (s) => formatTime(s.lastEventTimestamp) },
              { title: "First event", render: (s) => formatTime(s.firstEventTimestamp) },
              { title: "Stored", render: (s) => formatBytes(s.storedBytes ?? 0), align: "right" },
            ]}
          />
        </div>
      )}
      {props.stream && (
        <p>
          Showing stream <code>{props.stream}</code> only — <a href={groupLink}>all streams</a>
        </p>
      )}
      <div class="tabs" role="tablist">
        <button role="tab" aria-selected={tab === "events"} class={tab === "events" ? "active" : ""} onClick={() => setTab("events")}>
          Events
        </button>
        <button role="tab" aria-selected={tab === "tail"} class={tab === "tail" ? "active" : ""} onClick={() => setTab("tail")}>
          Live tail
        </button>
      </div>
      {tab === "events" ? <Search group={props.name} stream={props.stream} /> : <LiveTail group={props.name} stream={props.stream} />}
    </Page>
  );
}

export function LogsPage(props: { route: Route }) {
  const [, view, name] = props.route.path;
  if (view === "group" && name) {
    const stream = props.route.params.get("stream") ?? "";
    return <GroupPage key={name + "\n" + stream} name={name} stream={stream} />;
  }
  return <GroupList />;
}
