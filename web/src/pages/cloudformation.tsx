// CloudFormation: the stacks (#/cloudformation) and one stack
// (#/cloudformation/stack/NAME): parameters, outputs, resources linked to
// their pages in the console, events newest first, and the template.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { queryCall, xmlChild, xmlMembers, xmlText } from "../aws/client";
import { href, type Route } from "../router";
import { Button, ErrorBox, formatTime, KeyValues, Loading, Page, prettyJson, Table } from "../ui/components";
import { useLoad } from "../ui/hooks";


function members(node: Element, listTag: string): Element[] {
  const list = Array.from(node.children).find((c) => c.tagName === listTag);
  return list ? Array.from(list.children).filter((c) => c.tagName === "member") : [];
}

interface Stack {
  name: string;
  id: string;
  status: string;
  reason: string;
  created: string;
  updated: string;
  description: string;
  parameters: [string, string][];
  outputs: { key: string; value: string; description: string; exportName: string }[];
  capabilities: string[];
}

function parseStack(m: Element): Stack {
  return {
    name: xmlChild(m, "StackName"),
    id: xmlChild(m, "StackId"),
    status: xmlChild(m, "StackStatus"),
    reason: xmlChild(m, "StackStatusReason"),
    created: xmlChild(m, "CreationTime"),
    updated: xmlChild(m, "LastUpdatedTime"),
    description: xmlChild(m, "Description"),
    parameters: members(m, "Parameters").map((p) => [xmlChild(p, "ParameterKey"), xmlChild(p, "ResolvedValue") || xmlChild(p, "ParameterValue")]),
    outputs: members(m, "Outputs").map((o) => ({
      key: xmlChild(o, "OutputKey"),
      value: xmlChild(o, "OutputValue"),
      description: xmlChild(o, "Description"),
      exportName: xmlChild(o, "ExportName"),
    })),
    capabilities: members(m, "Capabilities").map((c) => c.textContent ?? ""),
  };
}

async function describeStacks(params: Record<string, string>, signal: AbortSignal): Promise<Stack[]> {
  const stacks: Stack[] = [];
  let token = "";
  do {
    const doc = await queryCall("cloudformation", "DescribeStacks", { ...params, ...(token ? { NextToken: token } : {}) }, signal);
    stacks.push(...xmlMembers(doc, "Stacks").map(parseStack));
    token = xmlText(doc, "NextToken");
  } while (token);
  return stacks;
}

/** A status's colour class: complete is ok, failed and rollback are failures, in progress runs. */
export function statusClass(status: string): string {
  if (/FAILED|ROLLBACK/.test(status) && !/^DELETE_COMPLETE$/.test(status)) return /ROLLBACK_COMPLETE$/.test(status) ? "caught" : "failed";
  if (/IN_PROGRESS/.test(status)) return "running";
  if (/COMPLETE/.test(status)) return "ok";
  return "";
}

const StatusBadge = (props: { status: string }) => <span class={`badge ${statusClass(props.status)}`}>{props.status}</span>;

function StackList() {
  const stacks = useLoad((signal) => describeStacks({}, signal), [], 5000);
  return (
    <Page title="CloudFormation stacks" actions={<Button onClick={stacks.reload}>Refresh</Button>}>
      <ErrorBox error={stacks.error} />
      <Loading when={stacks.loading && !stacks.data} />
      {stacks.data && (
        <Table
          rows={stacks.data}
          rowKey={(s) => s.id}
          empty="No stacks. Deploy one with: aws --endpoint-url URL cloudformation deploy --stack-name NAME --template-file template.yaml"
          columns={[
            { title: "Name", render: (s) => <a href={href("cloudformation", "stack", s.name)}>{s.name}</a> },
            { title: "Status", render: (s) => <StatusBadge status={s.status} /> },
            { title: "Created", render: (s) => formatTime(s.created) },
            { title: "Updated", render: (s) => formatTime(s.updated) },
            { title: "Description", render: (s) => <span class="cfn-description">{s.description}</span> },
          ]}
        />
      )}
    </Page>
  );
}

interface Resource {
  logicalId: string;
  type: string;
  physicalId: string;
  status: string;
  reason: string;
  updated: string;
}

interface StackEvent {
  id: string;
  timestamp: string;
  logicalId: string;
  type: string;
  status: string;
  reason: string;
}

/** The console's page for a resource, where it has one. */
export function resourceLink(type: string, physicalId: string): string | undefined {
  if (!physicalId) return undefined;
  switch (type) {
    case "AWS::SQS::Queue":
      return href("sqs", "queue", physicalId.slice(physicalId.lastIndexOf("/") + 1));
    case "AWS::Lambda::Function":
    case "AWS::Serverless::Function":
      return href("lambda", "function", physicalId);
    case "AWS::StepFunctions::StateMachine":
    case "AWS::Serverless::StateMachine":
      return href("states", "machine", physicalId);
    case "AWS::S3::Bucket":
      return href("s3", physicalId);
    case "AWS::Logs::LogGroup":
      return href("logs", "group", physicalId);
    case "AWS::RDS::DBInstance":
      return href("rds", "instance", physicalId);
    case "AWS::RDS::DBCluster":
      return href("rds", "cluster", physicalId);
    case "AWS::CloudFormation::Stack":
      return href("cloudformation", "stack", physicalId.split("/")[1] ?? physicalId);
    default:
      return undefined;
  }
}

async function listResources(name: string, signal: AbortSignal): Promise<Resource[]> {
  const resources: Resource[] = [];
  let token = "";
  do {
    const doc = await queryCall("cloudformation", "ListStackResources", { StackName: name, ...(token ? { NextToken: token } : {}) }, signal);
    for (const m of xmlMembers(doc, "StackResourceSummaries")) {
      resources.push({
        logicalId: xmlChild(m, "LogicalResourceId"),
        type: xmlChild(m, "ResourceType"),
        physicalId: xmlChild(m, "PhysicalResourceId"),
        status: xmlChild(m, "ResourceStatus"),
        reason: xmlChild(m, "ResourceStatusReason"),
        updated: xmlChild(m, "LastUpdatedTimestamp"),
      });
    }
    token = xmlText(doc, "NextToken");
  } while (token);
  return resources;
}

async function listEvents(name: string, signal: AbortSignal): Promise<StackEvent[]> {
  const events: StackEvent[] = [];
  let token = "";
  let pages = 0;
  do {
    const doc = await queryCall("cloudformation", "DescribeStackEvents", { StackName: name, ...(token ? { NextToken: token } : {}) }, signal);
    for (const m of xmlMembers(doc, "StackEvents")) {
      events.push({
        id: xmlChild(m, "EventId"),
        timestamp: xmlChild(m, "Timestamp"),
        logicalId: xmlChild(m, "LogicalResourceId"),
        type: xmlChild(m, "ResourceType"),
        status: xmlChild(m, "ResourceStatus"),
        reason: xmlChild(m, "ResourceStatusReason"),
      });
    }
    token = xmlText(doc, "NextToken");
  } while (token && ++pages < 10);
  return events.sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
}

function Template(props: { name: string }) {
  const template = useLoad(
    async (signal) => {
      const doc = await queryCall("cloudformation", "GetTemplate", { StackName: props.name, TemplateStage: "Original" }, signal);
      return prettyJson(xmlText(doc, "TemplateBody")); // YAML: shown as written.
    },
    [props.name],
  );
  return (
    <>
      <ErrorBox error={template.error} />
      <Loading when={template.loading && !template.data} />
      {template.data !== undefined && (
        <pre class="cfn-template" tabIndex={0} aria-label="Template">
          {template.data}
        </pre>
      )}
    </>
  );
}

type Tab = "resources" | "events" | "template";

function StackPage(props: { name: string }) {
  const [tab, setTab] = useState<Tab>("resources");
  const stack = useLoad(async (signal) => (await describeStacks({ StackName: props.name }, signal))[0], [props.name], 5000);
  const resources = useLoad((signal) => listResources(props.name, signal), [props.name], 5000);
  const events = useLoad((signal) => listEvents(props.name, signal), [props.name], 5000);
  const s = stack.data;
  const tabs: [Tab, string][] = [
    ["resources", `Resources${resources.data ? ` (${resources.data.length})` : ""}`],
    ["events", `Events${events.data ? ` (${events.data.length})` : ""}`],
    ["template", "Template"],
  ];
  let body: ComponentChildren;
  if (tab === "resources") {
    body = (
      <>
        <ErrorBox error={resources.error} />
        {resources.data && (
          <Table
            rows={resources.data}
            rowKey={(r) => r.logicalId}
            empty="This stack has no resources."
            columns={[
              { title: "Logical id", render: (r) => r.logicalId },
              { title: "Type", render: (r) => <code>{r.type}</code> },
              {
                title: "Physical id",
                render: (r) => {
                  const link = resourceLink(r.type, r.physicalId);
                  return link ? <a href={link}>{r.physicalId}</a> : <span>{r.physicalId}</span>;
                },
              },
              { title: "Status", render: (r) => <StatusBadge status={r.status} /> },
              { title: "Reason", render: (r) => <span class="cfn-reason">{r.reason}</span> },
            ]}
          />
        )}
      </>
    );
  } else if (tab === "events") {
    body = (
      <>
        <ErrorBox error={events.error} />
        {events.data && (
          <Table
            rows={events.data}
            rowKey={(e) => e.id}
            empty="No events."
            columns={[
              { title: "Time", render: (e) => formatTime(e.timestamp) },
              { title: "Logical id", render: (e) => e.logicalId },
              { title: "Type", render: (e) => <code>{e.type}</code> },
              { title: "Status", render: (e) => <StatusBadge status={e.status} /> },
              { title: "Reason", render: (e) => <span class="cfn-reason">{e.reason}</span> },
            ]}
          />
        )}
      </>
    );
  } else {
    body = <Template name={props.name} />;
  }
  return (
    <Page title={props.name} crumbs={[["CloudFormation", href("cloudformation")]]} actions={<Button onClick={stack.reload}>Refresh</Button>}>
      <ErrorBox error={stack.error} />
      <Loading when={stack.loading && !s} />
      {s && (
        <>
          <KeyValues
            items={[
              ["Status", <span>
                  <StatusBadge status={s.status} /> {s.reason}
                </span>],
              ["Stack id", <code>{s.id}</code>],
              ["Description", s.description],
              ["Created", formatTime(s.created)],
              ["Updated", formatTime(s.updated)],
              ["Capabilities", s.capabilities.join(", ")],
            ].filter(([, v]) => v !== "") as [string, ComponentChildren][]}
          />
          <div class="split">
            <div>
              <h2>Parameters</h2>
              <Table
                rows={s.parameters}
                rowKey={(p) => p[0]}
                empty="No parameters."
                columns={[
                  { title: "Key", render: (p) => p[0] },
                  { title: "Value", render: (p) => <code>{p[1]}</code> },
                ]}
              />
            </div>
            <div>
              <h2>Outputs</h2>
              <Table
                rows={s.outputs}
                rowKey={(o) => o.key}
                empty="No outputs."
                columns={[
                  { title: "Key", render: (o) => o.key },
                  { title: "Value", render: (o) => <code>{o.value}</code> },
                  { title: "Description", render: (o) => o.description },
                  { title: "Export", render: (o) => o.exportName },
                ]}
              />
            </div>
          </div>
        </>
      )}
      <div class="tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button key={id} role="tab" aria-selected={tab === id} class={tab === id ? "active" : ""} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      {body}
    </Page>
  );
}

export function CloudFormationPage(props: { route: Route }) {
  const [, view, name] = props.route.path;
  if (view === "stack" && name) return <StackPage key={name} name={name} />;
  return <StackList />;
}
