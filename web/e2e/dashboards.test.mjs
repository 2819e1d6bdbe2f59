// The batch ETL demo's dashboard: an Iceberg table made with awscli through
// Athena, the dashboard PUT as examples/demo.sh puts it, drawn with one
// series per user_id and the table's values; new rows INSERTed with awscli
// show without a click. Then a second dashboard from the "New chart" page's
// "Add to dashboard" dialog, edited (renamed) and deleted.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { aws, launchBrowser, missing, screenshot, startStratus } from "./harness.mjs";

const why = missing();
let server;
let browser;

const RESULTS = "s3://e2e-lake/athena-results/";

// The body examples/demo.sh PUTs to /_stratus/dashboards/batch-etl.
const DEMO_DASHBOARD = {
  name: "Batch ETL: user transactions",
  charts: [
    {
      title: "total_cost_usd by dt, split by user_id",
      database: "mydatabase",
      query: "SELECT dt, user_id, total_cost_usd FROM mydatabase.user_transactions ORDER BY dt, user_id",
      spec: { kind: "bar", dimension: "dt", metric: "total_cost_usd", split: "user_id" },
    },
  ],
};

async function athena(sql) {
  const { QueryExecutionId } = await aws(server.url, [
    "athena", "start-query-execution", "--query-string", sql, "--result-configuration", `OutputLocation=${RESULTS}`,
  ]);
  for (let i = 0; i < 300; i++) {
    const { QueryExecution } = await aws(server.url, ["athena", "get-query-execution", "--query-execution-id", QueryExecutionId]);
    const state = QueryExecution.Status.State;
    if (state === "SUCCEEDED") return;
    if (state === "FAILED" || state === "CANCELLED") throw new Error(`${sql}: ${state} ${QueryExecution.Status.StateChangeReason}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${sql}: still running`);
}

before(async () => {
  if (why) return;
  server = await startStratus();
  browser = await launchBrowser();
  await aws(server.url, ["s3api", "create-bucket", "--bucket", "e2e-lake"]);
  await athena("CREATE DATABASE IF NOT EXISTS mydatabase");
  await athena(
    "CREATE TABLE mydatabase.user_transactions (dt date, user_id int, total_cost_usd double) " +
      "LOCATION 's3://e2e-lake/warehouse/user_transactions/' TBLPROPERTIES ('table_type'='ICEBERG')",
  );
  await athena(
    "INSERT INTO mydatabase.user_transactions VALUES (DATE '2026-12-01', 1, 10.5), (DATE '2026-12-01', 2, 4.25), " +
      "(DATE '2026-12-02', 1, 7), (DATE '2026-12-02', 2, 12), (DATE '2026-12-03', 1, 1.5), (DATE '2026-12-03', 2, 30)",
  );
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The chart card's data once it has finished `runs` runs: {categories, series: [{name, values}]}. */
async function chartData(page, title, runs, timeout = 30000) {
  const card = page.locator(`.dash-card[data-chart-title="${title}"][data-runs="${runs}"][data-running="false"]`);
  await card.waitFor({ timeout });
  return JSON.parse(await card.getAttribute("data-values"));
}

test("the demo's dashboard charts the Iceberg table and follows its new rows", { skip: why || false }, async () => {
  const put = await fetch(`${server.url}/_stratus/dashboards/batch-etl`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(DEMO_DASHBOARD),
  });
  assert.equal(put.status, 200, await put.text());

  const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}/_stratus/ui/#/dashboards/batch-etl`);
  await page.getByRole("heading", { name: "Batch ETL: user transactions" }).waitFor();
  const title = DEMO_DASHBOARD.charts[0].title;
  const first = await chartData(page, title, 1);
  assert.deepEqual(first, {
    categories: ["2026-12-01", "2026-12-02", "2026-12-03"],
    series: [
      { name: "1", values: [10.5, 7, 1.5] },
      { name: "2", values: [4.25, 12, 30] },
    ],
  });
  // ECharts drew one series per user_id, as bars in an SVG.
  const chart = page.locator(".dash-card .chart");
  assert.equal(await chart.getAttribute("data-series"), "2");
  await page.locator(".dash-card .chart svg").waitFor();
  await screenshot(page, "dashboard-batch-etl");
  await page.getByRole("button", { name: /theme/ }).click();
  // Redrawn in the dark theme's colours: the axis labels are light.
  await page.waitForFunction(() => {
    const label = Array.from(document.querySelectorAll(".dash-card .chart svg text")).find((t) => t.textContent === "2026-12-01");
    const fill = label?.getAttribute("fill") ?? "";
    return fill !== "" && fill.toLowerCase() === getComputedStyle(document.documentElement).getPropertyValue("--fg").trim().toLowerCase();
  });
  await screenshot(page, "dashboard-batch-etl-dark");
  await page.getByRole("button", { name: /theme/ }).click();

  // New rows land in the table: the dashboard reruns its chart by itself.
  await athena("INSERT INTO mydatabase.user_transactions VALUES (DATE '2026-12-03', 1, 2.5), (DATE '2026-12-04', 2, 8)");
  const second = await chartData(page, title, 2, 20000);
  assert.deepEqual(second, {
    categories: ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"],
    series: [
      { name: "1", values: [10.5, 7, 4, null] },
      { name: "2", values: [4.25, 12, 30, 8] },
    ],
  });
  // Refresh reruns it on demand.
  await page.getByRole("button", { name: "Refresh" }).click();
  await chartData(page, title, 3);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a chart from the New chart page goes to a new dashboard, which is renamed and deleted", { skip: why || false }, async () => {
  const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}/_stratus/ui/#/dashboards`);
  await page.getByRole("link", { name: "New chart" }).click();
  await page.getByLabel("Database").fill("mydatabase");
  await page.getByLabel("Query").fill("SELECT user_id, sum(total_cost_usd) AS cost FROM user_transactions GROUP BY user_id");
  const add = page.getByRole("button", { name: "Add to dashboard" });
  assert.equal(await add.isDisabled(), true, "no chart yet: nothing to add");
  await page.getByRole("button", { name: "Run" }).click();
  await page.locator(".chart svg").first().waitFor();
  await page.getByLabel("Kind").selectOption("pie");
  assert.equal(await page.getByLabel("Dimension").inputValue(), "user_id");
  assert.equal(await page.getByLabel("Metric").inputValue(), "cost");
  await add.click();
  const dialog = page.getByRole("dialog", { name: "Add to dashboard" });
  await dialog.getByRole("combobox", { name: /Dashboard/ }).selectOption({ label: "New dashboard…" });
  await dialog.getByLabel("New dashboard's name").fill("Costs per user");
  await dialog.getByLabel("Chart title").fill("Cost per user");
  await screenshot(page, "dashboard-add-dialog");
  await dialog.getByRole("button", { name: "Add" }).click();
  await page.getByRole("dialog", { name: "Added to dashboard" }).getByRole("link", { name: "Open dashboard" }).click();
  await page.getByRole("heading", { name: "Costs per user" }).waitFor();
  assert.match(page.url(), /#\/dashboards\/costs-per-user$/);
  const data = await chartData(page, "Cost per user", 1);
  assert.deepEqual(data.categories, ["1", "2"]);

  // The list has both dashboards.
  await page.goto(`${server.url}/_stratus/ui/#/dashboards`);
  await page.getByRole("link", { name: "Costs per user" }).waitFor();
  await page.getByRole("link", { name: "Batch ETL: user transactions" }).waitFor();
  await screenshot(page, "dashboards-list");

  // Edit: rename, and add a second chart from the dashboard's own dialog.
  await page.getByRole("link", { name: "Costs per user" }).click();
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Name").fill("Costs by user");
  await page.getByRole("button", { name: "Add chart" }).click();
  const editDialog = page.getByRole("dialog", { name: "New chart" });
  await editDialog.getByLabel("Title").fill("Rows per day");
  await editDialog.getByLabel("Query").fill("SELECT dt, user_id FROM mydatabase.user_transactions");
  await editDialog.getByLabel("Dimension").fill("dt");
  await editDialog.getByLabel("Metric").fill("user_id");
  await editDialog.getByLabel("Aggregate").selectOption("count");
  await editDialog.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "Move Rows per day up" }).click();
  await screenshot(page, "dashboard-edit");
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByRole("heading", { name: "Costs by user" }).waitFor();
  const saved = await (await fetch(`${server.url}/_stratus/dashboards/costs-per-user`)).json();
  assert.deepEqual(saved.charts.map((c) => c.title), ["Rows per day", "Cost per user"]);
  const counts = await chartData(page, "Rows per day", 1);
  assert.deepEqual(counts.series[0].values.reduce((a, b) => a + b, 0), 8);

  // Delete it: back to the list, which has only the demo's.
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("button", { name: "Delete dashboard" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await page.getByRole("heading", { name: "Dashboards" }).waitFor();
  await page.getByRole("link", { name: "Batch ETL: user transactions" }).waitFor();
  assert.equal(await page.getByRole("link", { name: "Costs by user" }).count(), 0);
  assert.equal((await fetch(`${server.url}/_stratus/dashboards/costs-per-user`)).status, 404);
  assert.deepEqual(errors, []);
  await page.close();
});
