// Every page of the console: the first path segment of the hash route, its
// title in the navigation, and its component. One line per area.
import type { FunctionComponent } from "preact";
import type { Route } from "../router";
import { HomePage } from "./home";
import { StatesPage } from "./states/states";
import { AthenaPage } from "./athena/athena";
import { DashboardsPage } from "./dashboards/dashboards";
import { S3Page } from "./s3/s3";
import { SqsPage } from "./sqs";
import { LambdaPage } from "./lambda";
import { LogsPage } from "./logs";
import { CloudFormationPage } from "./cloudformation";
import { RdsPage } from "./rds";

export interface PageEntry {
  segment: string; // First path segment ("" for home).
  title: string;
  component: FunctionComponent<{ route: Route }>;
}

export const PAGES: PageEntry[] = [
  { segment: "", title: "Overview", component: HomePage },
  { segment: "states", title: "Step Functions", component: StatesPage },
  { segment: "athena", title: "Athena", component: AthenaPage },
  { segment: "dashboards", title: "Dashboards", component: DashboardsPage },
  { segment: "s3", title: "S3", component: S3Page },
  { segment: "sqs", title: "SQS", component: SqsPage },
  { segment: "lambda", title: "Lambda", component: LambdaPage },
  { segment: "logs", title: "Logs", component: LogsPage },
  { segment: "cloudformation", title: "CloudFormation", component: CloudFormationPage },
  { segment: "rds", title: "RDS", component: RdsPage },
];
