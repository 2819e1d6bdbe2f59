import type { Route } from "../router";
import { Page } from "../ui/components";

// Placeholder until this area's pages land.
export function RdsPage(_props: { route: Route }) {
  return <Page title="RDS"><p class="empty">This page is being built.</p></Page>;
}
