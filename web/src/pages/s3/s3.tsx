import type { Route } from "../../router";
import { Page } from "../../ui/components";

// Placeholder until this area's pages land.
export function S3Page(_props: { route: Route }) {
  return <Page title="S3"><p class="empty">This page is being built.</p></Page>;
}
