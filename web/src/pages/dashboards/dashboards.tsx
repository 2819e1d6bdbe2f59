import type { Route } from "../../router";
import { Page } from "../../ui/components";

// Placeholder until this area's pages land.
export function DashboardsPage(_props: { route: Route }) {
  return <Page title="Dashboards"><p class="empty">This page is being built.</p></Page>;
}
