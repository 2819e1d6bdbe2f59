import type { Route } from "../router";
import { Page } from "../ui/components";

// Placeholder until this area's pages land.
export function CloudFormationPage(_props: { route: Route }) {
  return <Page title="CloudFormation"><p class="empty">This page is being built.</p></Page>;
}
