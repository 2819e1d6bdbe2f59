// A state machine (or one of its versions): its graph beside its definition
// (JSON or YAML), its executions (newest first, refreshed), versions and
// aliases, and "Start execution".
import { useMemo, useState } from "preact/hooks";
import { AslGraph } from "../../graph/AslGraph";
import { href } from "../../router";
import { Button, ErrorBox, formatTime, KeyValues, Loading, Page, prettyJson, Table } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { arnTail, describeMachine, listAliases, listExecutions, listVersions } from "./api";
import { CodeView } from "./code_view";
import { StartDialog } from "./start_dialog";
import { toYaml } from "./yaml";

function yamlOf(text: string): string {
  try {
    return toYaml(JSON.parse(text));
  } catch {
    return "# The definition is not valid JSON.\n";
  }
}

/** "…:stateMachine:etl:3" is version 3 of "…:stateMachine:etl". */
function baseMachineArn(arn: string): string {
  const parts = arn.split(":");
  return parts.length > 7 ? parts.slice(0, 7).join(":") : arn;
}

export function MachinePage(props: { arn: string }) {
  const machine = useLoad((signal) => describeMachine(props.arn, signal), [props.arn]);
  const base = baseMachineArn(props.arn);
  const isVersion = base !== props.arn;
  const executions = useLoad((signal) => listExecutions(props.arn, signal), [props.arn], 3000);
  const versions = useLoad((signal) => listVersions(base, signal), [base]);
  const aliases = useLoad((signal) => listAliases(base, signal), [base]);
  const [format, setFormat] = useState<"json" | "yaml">("json");
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const [starting, setStarting] = useState(false);

  const m = machine.data;
  const definitionText = useMemo(() => (m ? (format === "json" ? prettyJson(m.definition) : yamlOf(m.definition)) : ""), [m?.definition, format]);
  const title = m ? (isVersion ? `${m.name} (version ${arnTail(props.arn)})` : m.name) : arnTail(props.arn);

  return (
    <Page
      title={title}
      crumbs={[["Step Functions", "#/states"], ...(isVersion ? ([[arnTail(base), href("states", "machine", base)]] as [string, string][]) : [])]}
      actions={
        <>
          <Button
            onClick={() => {
              machine.reload();
              executions.reload();
              versions.reload();
              aliases.reload();
            }}
          >
            Refresh
          </Button>
          {m && (
            <Button primary onClick={() => setStarting(true)}>
              Start execution
            </Button>
          )}
        </>
      }
    >
      <ErrorBox error={machine.error} />
      <Loading when={machine.loading && !m} />
      {m && (
        <>
          <KeyValues
            items={[
              ["ARN", <code>{m.stateMachineArn}</code>],
              ["Type", m.type],
              ["Status", m.status ?? "ACTIVE"],
              ["Role", m.roleArn ?? ""],
              ["Created", formatTime(m.creationDate)],
              ...(m.description ? ([["Description", m.description]] as [string, string][]) : []),
            ]}
          />
          <div class="sfn-split">
            <section aria-label="Graph">
              <AslGraph definition={m.definition} selected={selected} onSelect={setSelected} />
            </section>
            <section aria-label="Definition" class="sfn-definition">
              <div class="tabs" role="tablist" aria-label="Definition format">
                {(["json", "yaml"] as const).map((f) => (
                  <button key={f} type="button" role="tab" aria-selected={format === f} class={format === f ? "active" : ""} onClick={() => setFormat(f)}>
                    {f.toUpperCase()}
                  </button>
                ))}
              </div>
              <CodeView value={definitionText} language={format} label={`Definition (${format.toUpperCase()})`} readOnly class="sfn-definition-code" />
            </section>
          </div>
        </>
      )}

      <h2 class="sfn-heading">Executions</h2>
      <ErrorBox error={executions.error} />
      {executions.data && (
        <Table
          rows={executions.data}
          rowKey={(e) => e.executionArn}
          empty="No executions yet: start one."
          columns={[
            { title: "Name", render: (e) => <a href={href("states", "execution", e.executionArn)}>{e.name}</a> },
            { title: "Status", render: (e) => <span class={`badge ${e.status.toLowerCase()}`}>{e.status}</span> },
            { title: "Started", render: (e) => formatTime(e.startDate) },
            { title: "Ended", render: (e) => formatTime(e.stopDate) },
          ]}
        />
      )}

      <div class="sfn-split sfn-lists">
        <section>
          <h2 class="sfn-heading">Versions</h2>
          <ErrorBox error={versions.error} />
          {versions.data && (
            <Table
              rows={versions.data}
              rowKey={(v) => v.stateMachineVersionArn}
              empty="No versions (publish one with publish-state-machine-version)."
              columns={[
                { title: "Version", render: (v) => <a href={href("states", "machine", v.stateMachineVersionArn)}>{arnTail(v.stateMachineVersionArn)}</a> },
                { title: "Created", render: (v) => formatTime(v.creationDate) },
              ]}
            />
          )}
        </section>
        <section>
          <h2 class="sfn-heading">Aliases</h2>
          <ErrorBox error={aliases.error} />
          {aliases.data && (
            <Table
              rows={aliases.data}
              rowKey={(a) => a.stateMachineAliasArn}
              empty="No aliases."
              columns={[
                { title: "Alias", render: (a) => a.name },
                {
                  title: "Routing",
                  render: (a) =>
                    a.routingConfiguration.map((r, i) => (
                      <span key={r.stateMachineVersionArn}>
                        {i > 0 && " · "}
                        <a href={href("states", "machine", r.stateMachineVersionArn)}>version {arnTail(r.stateMachineVersionArn)}</a> {r.weight}%
                      </span>
                    )),
                },
                { title: "Created", render: (a) => formatTime(a.creationDate) },
              ]}
            />
          )}
        </section>
      </div>
      {starting && m && <StartDialog machineArn={props.arn} onClose={() => setStarting(false)} />}
    </Page>
  );
}
