// The console's own dashboard store (GET/PUT/DELETE /_stratus/dashboards,
// docs/console.md): AWS has no API for QuickSight-style dashboards here.
import type { ChartSpec } from "../../charts/shape";

export interface DashboardChart {
  title: string;
  database: string;
  query: string; // SQL, run through Athena.
  spec: ChartSpec;
}

export interface Dashboard {
  id: string;
  name: string;
  charts: DashboardChart[];
  created?: number; // Milliseconds since the epoch, set by the server.
  updated?: number;
}

export interface DashboardSummary {
  id: string;
  name: string;
  updated: number;
  num_charts: number;
}

const BASE = "/_stratus/dashboards";

async function call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  const text = await response.text();
  let parsed: { error?: string; message?: string } & Record<string, unknown> = {};
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    parsed = { message: text };
  }
  if (!response.ok) throw new Error(parsed.message ? `${parsed.error ?? response.status}: ${parsed.message}` : `HTTP ${response.status}`);
  return parsed as T;
}

export async function listDashboards(signal?: AbortSignal): Promise<DashboardSummary[]> {
  const body = await call<{ dashboards: DashboardSummary[] }>("GET", BASE, undefined, signal);
  return body.dashboards;
}

export function getDashboard(id: string, signal?: AbortSignal): Promise<Dashboard> {
  return call<Dashboard>("GET", `${BASE}/${encodeURIComponent(id)}`, undefined, signal);
}

export function putDashboard(dashboard: Dashboard): Promise<Dashboard> {
  const { id, name, charts } = dashboard;
  return call<Dashboard>("PUT", `${BASE}/${encodeURIComponent(id)}`, { id, name, charts });
}

export async function deleteDashboard(id: string): Promise<void> {
  await call<unknown>("DELETE", `${BASE}/${encodeURIComponent(id)}`);
}

/** A dashboard id made from a name: "Batch ETL: users" → "batch-etl-users". */
export function idFromName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48);
  return slug || `dashboard-${Date.now().toString(36)}`;
}
