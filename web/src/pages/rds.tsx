// RDS: DB instances and clusters (#/rds), one instance (#/rds/instance/ID)
// or cluster (#/rds/cluster/ID) with its endpoint, parameter groups, roles,
// and the mariadb command line that connects to it.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { queryCall, xmlChild } from "../aws/client";
import { href, type Route } from "../router";
import { Button, ErrorBox, KeyValues, Loading, Page, Table, formatTime } from "../ui/components";
import { useLoad } from "../ui/hooks";


function childElement(node: Element, tag: string): Element | undefined {
  return Array.from(node.children).find((c) => c.tagName === tag);
}

/** The entries of the direct child list `listTag` (RDS names list entries by their type: DBInstance, DBClusterMember, ...). */
function entries(node: Element, listTag: string): Element[] {
  return Array.from(childElement(node, listTag)?.children ?? []);
}

interface Role {
  arn: string;
  feature: string;
  status: string;
}

interface Database {
  kind: "instance" | "cluster";
  id: string;
  arn: string;
  engine: string;
  version: string;
  instanceClass: string;
  status: string;
  address: string;
  port: string;
  readerAddress: string;
  user: string;
  dbName: string;
  created: string;
  cluster: string; // An instance's cluster.
  members: { id: string; writer: boolean }[]; // A cluster's instances.
  parameterGroups: { name: string; status: string }[];
  roles: Role[];
}

function roles(node: Element): Role[] {
  return entries(node, "AssociatedRoles").map((r) => ({ arn: xmlChild(r, "RoleArn"), feature: xmlChild(r, "FeatureName"), status: xmlChild(r, "Status") }));
}

function parseInstance(m: Element): Database {
  const endpoint = childElement(m, "Endpoint");
  return {
    kind: "instance",
    id: xmlChild(m, "DBInstanceIdentifier"),
    arn: xmlChild(m, "DBInstanceArn"),
    engine: xmlChild(m, "Engine"),
    version: xmlChild(m, "EngineVersion"),
    instanceClass: xmlChild(m, "DBInstanceClass"),
    status: xmlChild(m, "DBInstanceStatus"),
    address: endpoint ? xmlChild(endpoint, "Address") : "",
    port: endpoint ? xmlChild(endpoint, "Port") : xmlChild(m, "DbInstancePort"),
    readerAddress: "",
    user: xmlChild(m, "MasterUsername"),
    dbName: xmlChild(m, "DBName"),
    created: xmlChild(m, "InstanceCreateTime"),
    cluster: xmlChild(m, "DBClusterIdentifier"),
    members: [],
    parameterGroups: entries(m, "DBParameterGroups").map((g) => ({ name: xmlChild(g, "DBParameterGroupName"), status: xmlChild(g, "ParameterApplyStatus") })),
    roles: roles(m),
  };
}

function parseCluster(m: Element): Database {
  return {
    kind: "cluster",
    id: xmlChild(m, "DBClusterIdentifier"),
    arn: xmlChild(m, "DBClusterArn"),
    engine: xmlChild(m, "Engine"),
    version: xmlChild(m, "EngineVersion"),
    instanceClass: xmlChild(m, "EngineMode"),
    status: xmlChild(m, "Status"),
    address: xmlChild(m, "Endpoint"),
    port: xmlChild(m, "Port"),
    readerAddress: xmlChild(m, "ReaderEndpoint"),
    user: xmlChild(m, "MasterUsername"),
    dbName: xmlChild(m, "DatabaseName"),
    created: xmlChild(m, "ClusterCreateTime"),
    cluster: "",
    members: entries(m, "DBClusterMembers").map((x) => ({ id: xmlChild(x, "DBInstanceIdentifier"), writer: xmlChild(x, "IsClusterWriter") === "true" })),
    parameterGroups: xmlChild(m, "DBClusterParameterGroup")
      ? [{ name: xmlChild(m, "DBClusterParameterGroup"), status: xmlChild(m, "DBClusterParameterGroupStatus") || "in-sync" }]
      : [],
    roles: roles(m),
  };
}

async function describe(kind: "instance" | "cluster", params: Record<string, string>, signal: AbortSignal): Promise<Database[]> {
  const action = kind === "instance" ? "DescribeDBInstances" : "DescribeDBClusters";
  const listTag = kind === "instance" ? "DBInstances" : "DBClusters";
  const out: Database[] = [];
  let marker = "";
  do {
    const doc = await queryCall("rds", action, { ...params, ...(marker ? { Marker: marker } : {}) }, signal);
    const result = doc.getElementsByTagName(`${action}Result`)[0];
    if (!result) break;
    out.push(...entries(result, listTag).map(kind === "instance" ? parseInstance : parseCluster));
    marker = xmlChild(result, "Marker");
  } while (marker);
  return out;
}

function statusClass(status: string): string {
  if (status === "available") return "ok";
  if (/fail|incompatible|inaccessible/.test(status)) return "failed";
  if (status === "stopped") return "caught";
  return "running";
}

const StatusBadge = (props: { status: string }) => <span class={`badge ${statusClass(props.status)}`}>{props.status}</span>;

const endpointText = (d: Database) => (d.address ? `${d.address}:${d.port}` : d.port ? `:${d.port}` : "");

function DatabaseList() {
  const data = useLoad(
    async (signal) => {
      const [instances, clusters] = await Promise.all([describe("instance", {}, signal), describe("cluster", {}, signal)]);
      return { instances, clusters };
    },
    [],
    5000,
  );
  const d = data.data;
  return (
    <Page title="RDS databases" actions={<Button onClick={data.reload}>Refresh</Button>}>
      <ErrorBox error={data.error} />
      <Loading when={data.loading && !d} />
      {d && (
        <>
          <h2>DB clusters</h2>
          <Table
            rows={d.clusters}
            rowKey={(c) => c.id}
            empty="No DB clusters. Create one with: aws --endpoint-url URL rds create-db-cluster --db-cluster-identifier NAME --engine aurora-mysql --master-username admin --master-user-password secret99"
            columns={[
              { title: "Identifier", render: (c) => <a href={href("rds", "cluster", c.id)}>{c.id}</a> },
              { title: "Engine", render: (c) => `${c.engine} ${c.version}` },
              { title: "Status", render: (c) => <StatusBadge status={c.status} /> },
              { title: "Endpoint", render: (c) => <code>{endpointText(c)}</code> },
              { title: "Master user", render: (c) => c.user },
              { title: "Members", render: (c) => c.members.map((m) => m.id + (m.writer ? " (writer)" : "")).join(", ") },
            ]}
          />
          <h2>DB instances</h2>
          <Table
            rows={d.instances}
            rowKey={(i) => i.id}
            empty="No DB instances. Create one with: aws --endpoint-url URL rds create-db-instance --db-instance-identifier NAME --engine mysql --db-instance-class db.t3.micro --master-username admin --master-user-password secret99"
            columns={[
              { title: "Identifier", render: (i) => <a href={href("rds", "instance", i.id)}>{i.id}</a> },
              { title: "Engine", render: (i) => `${i.engine} ${i.version}` },
              { title: "Class", render: (i) => i.instanceClass },
              { title: "Status", render: (i) => <StatusBadge status={i.status} /> },
              { title: "Endpoint", render: (i) => <code>{endpointText(i)}</code> },
              { title: "Master user", render: (i) => i.user },
              { title: "Cluster", render: (i) => (i.cluster ? <a href={href("rds", "cluster", i.cluster)}>{i.cluster}</a> : "—") },
            ]}
          />
        </>
      )}
    </Page>
  );
}

function CopyLine(props: { text: string }) {
  const [copied, setCopied] = useState("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setCopied("Copied");
    } catch {
      setCopied("Select the line and copy it");
    }
  };
  return (
    <div class="rds-copy">
      <code aria-label="Connect command">{props.text}</code>
      <Button onClick={copy}>Copy</Button>
      {copied && <span class="rds-note">{copied}</span>}
    </div>
  );
}

function DatabasePage(props: { kind: "instance" | "cluster"; id: string }) {
  const idParam = props.kind === "instance" ? "DBInstanceIdentifier" : "DBClusterIdentifier";
  const data = useLoad(async (signal) => (await describe(props.kind, { [idParam]: props.id }, signal))[0], [props.kind, props.id], 5000);
  const d = data.data;
  const items: [string, ComponentChildren][] = d
    ? [
        ["Status", <StatusBadge status={d.status} />],
        ["ARN", <code>{d.arn}</code>],
        ["Engine", `${d.engine} ${d.version}`],
        [props.kind === "instance" ? "Class" : "Engine mode", d.instanceClass],
        ["Endpoint", <code>{endpointText(d)}</code>],
        ...(d.readerAddress ? [["Reader endpoint", <code>{`${d.readerAddress}:${d.port}`}</code>] as [string, ComponentChildren]] : []),
        ["Master user", d.user],
        ["Database", d.dbName],
        ["Created", formatTime(d.created)],
      ]
    : [];
  if (d && props.kind === "instance") items.push(["Cluster", d.cluster ? <a href={href("rds", "cluster", d.cluster)}>{d.cluster}</a> : "none"]);
  if (d && props.kind === "cluster")
    items.push([
      "Members",
      d.members.length
        ? d.members.map((m) => (
            <div key={m.id}>
              <a href={href("rds", "instance", m.id)}>{m.id}</a> {m.writer ? "(writer)" : "(reader)"}
            </div>
          ))
        : "none",
    ]);
  return (
    <Page title={props.id} crumbs={[["RDS", href("rds")]]} actions={<Button onClick={data.reload}>Refresh</Button>}>
      <ErrorBox error={data.error} />
      <Loading when={data.loading && !d} />
      {d && (
        <>
          {d.port && (
            <>
              <h2>Connect</h2>
              <CopyLine text={`mariadb -h 127.0.0.1 -P ${d.port} -u ${d.user || "USER"} -p`} />
            </>
          )}
          <KeyValues items={items} />
          <div class="split">
            <div>
              <h2>Parameter groups</h2>
              <Table
                rows={d.parameterGroups}
                rowKey={(g) => g.name}
                empty="No parameter groups."
                columns={[
                  { title: "Name", render: (g) => g.name },
                  { title: "Status", render: (g) => g.status },
                ]}
              />
            </div>
            <div>
              <h2>Associated roles</h2>
              <Table
                rows={d.roles}
                rowKey={(r) => r.arn + r.feature}
                empty={
                  props.kind === "cluster"
                    ? "No roles. Add one with: aws --endpoint-url URL rds add-role-to-db-cluster --db-cluster-identifier ID --role-arn ARN --feature-name s3Export"
                    : "No roles."
                }
                columns={[
                  { title: "Role", render: (r) => <code>{r.arn}</code> },
                  { title: "Feature", render: (r) => r.feature },
                  { title: "Status", render: (r) => r.status },
                ]}
              />
            </div>
          </div>
        </>
      )}
    </Page>
  );
}

export function RdsPage(props: { route: Route }) {
  const [, view, id] = props.route.path;
  if ((view === "instance" || view === "cluster") && id) return <DatabasePage key={view + id} kind={view} id={id} />;
  return <DatabaseList />;
}
