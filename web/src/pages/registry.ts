// Every page of the console: the first path segment of the hash route, its
// title in the navigation, and its component. One line per area. Each area
// but the overview loads on first visit (its own chunk), so that the editor
// and chart libraries cost nothing until a page that uses them opens.
import type { FunctionComponent } from "preact";
import type { Route } from "../router";
import { HomePage } from "./home";
import { lazyPage } from "../ui/lazy";

export interface PageEntry {
  segment: string; // First path segment ("" for home).
  title: string;
  component: FunctionComponent<{ route: Route }>;
}

export const PAGES: PageEntry[] = [
  { segment: "", title: "Overview", component: HomePage },
  { segment: "states", title: "Step Functions", component: lazyPage(() => import("./states/states").then((m) => m.StatesPage)) },
  { segment: "athena", title: "Athena", component: lazyPage(() => import("./athena/athena").then((m) => m.AthenaPage)) },
  { segment: "dashboards", title: "Dashboards", component: lazyPage(() => import("./dashboards/dashboards").then((m) => m.DashboardsPage)) },
  { segment: "s3", title: "S3", component: lazyPage(() => import("./s3/s3").then((m) => m.S3Page)) },
  { segment: "sqs", title: "SQS", component: lazyPage(() => import("./sqs").then((m) => m.SqsPage)) },
  { segment: "lambda", title: "Lambda", component: lazyPage(() => import("./lambda").then((m) => m.LambdaPage)) },
  { segment: "logs", title: "Logs", component: lazyPage(() => import("./logs").then((m) => m.LogsPage)) },
  { segment: "cloudformation", title: "CloudFormation", component: lazyPage(() => import("./cloudformation").then((m) => m.CloudFormationPage)) },
  { segment: "rds", title: "RDS", component: lazyPage(() => import("./rds").then((m) => m.RdsPage)) },
];
