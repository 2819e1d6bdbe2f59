import type { Route } from "../router";
import { ErrorBox, Page, Table } from "../ui/components";
import { useLoad } from "../ui/hooks";
import { PAGES } from "./registry";

export interface Health {
  version: string;
  signatures?: "verified" | "any";
  services: Record<string, string>;
}

export async function fetchHealth(signal?: AbortSignal): Promise<Health> {
  const response = await fetch("/_stratus/health", { signal });
  if (!response.ok) throw new Error(`health: HTTP ${response.status}`);
  return response.json();
}

export function HomePage(_props: { route: Route }) {
  const health = useLoad((signal) => fetchHealth(signal), [], 10000);
  const services = Object.entries(health.data?.services ?? {});
  return (
    <Page title="stratus">
      <ErrorBox error={health.error} />
      <p>
        The AWS serverless data stack on this machine{health.data ? `, version ${health.data.version}` : ""}. Point any SDK or the
        awscli at <code>{location.origin}</code>.
      </p>
      <div class="cards">
        {PAGES.filter((p) => p.segment).map((p) => (
          <a class="card" href={`#/${p.segment}`} key={p.segment}>
            {p.title}
          </a>
        ))}
      </div>
      <h2>Services</h2>
      <Table rows={services} rowKey={([name]) => name} columns={[{ title: "Service", render: ([name]) => name }, { title: "State", render: ([, state]) => state }]} />
    </Page>
  );
}
