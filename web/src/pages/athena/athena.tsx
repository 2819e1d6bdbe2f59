import type { Route } from "../../router";
import { Page } from "../../ui/components";

// Placeholder until this area's pages land.
export function AthenaPage(_props: { route: Route }) {
  return <Page title="Athena"><p class="empty">This page is being built.</p></Page>;
}
