// The Step Functions area: #/states (machines), #/states/machine/<arn>
// (a machine or one of its versions), #/states/execution/<arn>.
import type { Route } from "../../router";
import { ExecutionPage } from "./execution";
import { MachineList } from "./machine_list";
import { MachinePage } from "./machine";

export function StatesPage(props: { route: Route }) {
  const [, view, arn] = props.route.path;
  if (view === "machine" && arn) return <MachinePage arn={arn} />;
  if (view === "execution" && arn) return <ExecutionPage executionArn={arn} />;
  return <MachineList />;
}
