import { Page } from "../../ui/components";

// Placeholder until the execution page lands.
export function ExecutionPage(props: { executionArn: string }) {
  return (
    <Page title="Execution" crumbs={[["Step Functions", "#/states"]]}>
      <code>{props.executionArn}</code>
    </Page>
  );
}
