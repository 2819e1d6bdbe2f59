// Every state machine: name, type, created; each links to its page.
import { href } from "../../router";
import { Button, ErrorBox, formatTime, Loading, Page, Table } from "../../ui/components";
import { useLoad } from "../../ui/hooks";
import { listMachines } from "./api";

export function MachineList() {
  const machines = useLoad(listMachines, [], 10000);
  return (
    <Page title="State machines" actions={<Button onClick={machines.reload}>Refresh</Button>}>
      <ErrorBox error={machines.error} />
      <Loading when={machines.loading && !machines.data} />
      {machines.data && (
        <Table
          rows={[...machines.data].sort((a, b) => a.name.localeCompare(b.name))}
          rowKey={(m) => m.stateMachineArn}
          empty="No state machines. Create one with: aws --endpoint-url URL stepfunctions create-state-machine --name NAME --definition file://machine.asl.json --role-arn arn:aws:iam::000000000000:role/any"
          columns={[
            { title: "Name", render: (m) => <a href={href("states", "machine", m.stateMachineArn)}>{m.name}</a> },
            { title: "Type", render: (m) => m.type },
            { title: "Created", render: (m) => formatTime(m.creationDate) },
          ]}
        />
      )}
    </Page>
  );
}
