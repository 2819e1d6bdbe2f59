// The Athena query editor against a real stratus: a CSV table made with
// awscli shows in the catalog tree; a GROUP BY typed in the editor (with
// column completion) runs and its rows match the data; the chart splits by
// user_id; the CSV download holds every row; Preview, a failing query,
// paging through 250 rows and cancelling a long query.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { aws, launchBrowser, missing, screenshot, startStratus } from "./harness.mjs";

const why = missing();
let server;
let browser;

// The batch ETL's user_transactions shape: dt, user_id, total_cost_usd.
const DATA = ["2024-01-01,101,10.5", "2024-01-01,202,4", "2024-01-02,101,7.25", "2024-01-02,202,3", "2024-01-02,101,1", "2024-01-03,202,6.5"];
const EXPECTED = [
  ["2024-01-01", "101", 10.5],
  ["2024-01-01", "202", 4],
  ["2024-01-02", "101", 8.25],
  ["2024-01-02", "202", 3],
  ["2024-01-03", "202", 6.5],
];

async function athena(url, sql) {
  const { QueryExecutionId } = await aws(url, [
    "athena",
    "start-query-execution",
    "--query-string",
    sql,
    "--result-configuration",
    "OutputLocation=s3://athena-e2e/results/",
  ]);
  for (let i = 0; i < 100; i++) {
    const { QueryExecution } = await aws(url, ["athena", "get-query-execution", "--query-execution-id", QueryExecutionId]);
    const state = QueryExecution.Status.State;
    if (state === "SUCCEEDED") return;
    if (state === "FAILED" || state === "CANCELLED") throw new Error(`${sql}: ${QueryExecution.Status.StateChangeReason}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${sql}: did not finish`);
}

before(async () => {
  if (why) return;
  server = await startStratus();
  browser = await launchBrowser();
  await aws(server.url, ["s3api", "create-bucket", "--bucket", "athena-e2e"]);
  const file = join(server.dataDir, "..", `athena-e2e-${process.pid}.csv`);
  writeFileSync(file, DATA.join("\n") + "\n");
  await aws(server.url, ["s3api", "put-object", "--bucket", "athena-e2e", "--key", "tx/part-0.csv", "--body", file]);
  rmSync(file);
  await athena(server.url, "CREATE DATABASE mydatabase");
  await athena(
    server.url,
    "CREATE EXTERNAL TABLE mydatabase.user_transactions (dt string, user_id bigint, total_cost_usd double) " +
      "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://athena-e2e/tx/'",
  );
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens the editor with the result location typed in and mydatabase chosen. */
async function openEditor(theme = "light") {
  const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.addInitScript((t) => localStorage.setItem("stratus.theme", t), theme);
  await page.goto(`${server.url}/_stratus/ui/#/athena`);
  await page.getByRole("heading", { name: "Athena query editor" }).waitFor();
  await page.getByLabel("Output location").fill("s3://athena-e2e/results/");
  await page.locator('li[data-database="mydatabase"]').waitFor();
  await page.getByLabel("Database", { exact: true }).selectOption("mydatabase");
  return { page, errors };
}

async function resultRows(page) {
  const table = page.getByRole("table", { name: "Query results" });
  await table.waitFor();
  return table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td")).slice(1).map((td) => td.textContent)));
}

test("the catalog tree, a typed GROUP BY, its chart and its CSV", { skip: why || false }, async () => {
  const { page, errors } = await openEditor();
  // The tree: the database, its table with its kind, the table's columns with their types.
  const table = page.locator('li[data-table="mydatabase.user_transactions"]');
  await table.waitFor();
  assert.match(await table.locator(".athena-kind").innerText(), /EXTERNAL/);
  await page.getByRole("button", { name: "Expand user_transactions" }).click();
  assert.deepEqual(await table.locator(".athena-columns .athena-name").allInnerTexts(), ["dt", "user_id", "total_cost_usd"]);
  assert.deepEqual(await table.locator(".athena-columns .athena-type").allInnerTexts(), ["string", "bigint", "double"]);

  // The editor, typed with the keyboard; completion offers a column of the aliased table.
  const editor = page.getByRole("textbox", { name: "SQL statement" });
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.type("SELECT t.dt, t.user_id, sum(t.total_cost_usd) AS total_cost_usd\nFROM user_transactions t\nGROUP BY t.dt, t.us");
  const completion = page.locator(".cm-tooltip-autocomplete");
  await completion.waitFor();
  assert.match(await completion.innerText(), /user_id/);
  await completion.locator("li[aria-selected]", { hasText: "user_id" }).waitFor();
  await page.waitForTimeout(200); // CodeMirror ignores Enter for a moment after the list opens.
  await page.keyboard.press("Enter");
  await page.keyboard.type("\nORDER BY 1, 2");
  await page.keyboard.press("Escape");
  assert.match(await editor.innerText(), /GROUP BY t\.dt, t\.user_id\s*ORDER BY 1, 2/);
  await page.keyboard.press("Control+Enter");

  const rows = await resultRows(page);
  assert.deepEqual(
    rows.map(([dt, user, total]) => [dt, user, Number(total)]),
    EXPECTED,
  );
  assert.match(await page.locator(".athena-status").innerText(), /SUCCEEDED/);
  await screenshot(page, "athena-editor");

  // Statistics and the plan.
  await page.getByRole("tab", { name: "Statistics" }).click();
  await page.getByText("Total execution time").waitFor();
  await page.getByRole("tab", { name: "Plan" }).click();
  const plan = page.locator(".athena-plan");
  await plan.waitFor();
  assert.match(await plan.innerText(), /Aggregate/);

  // The chart: total_cost_usd by dt, split by user_id — one series per user.
  await page.getByRole("tab", { name: "Chart" }).click();
  await page.getByLabel("Dimension", { exact: true }).selectOption("dt");
  await page.getByLabel("Metric", { exact: true }).selectOption("total_cost_usd");
  await page.getByLabel("Split", { exact: true }).selectOption("user_id");
  const chart = page.locator('.chart[data-series="2"]');
  await chart.locator("svg").waitFor();
  const texts = await chart.locator("svg text").allTextContents();
  assert.equal(texts.filter((t) => t === "101").length, 1, `legend texts: ${texts.join("|")}`);
  assert.equal(texts.filter((t) => t === "202").length, 1);
  for (const dt of ["2024-01-01", "2024-01-02", "2024-01-03"]) assert.ok(texts.includes(dt), `no ${dt} on the axis`);
  await screenshot(page, "athena-chart");

  // The CSV download: every row, named after the query id.
  const id = (await page.locator(".athena-query-id").innerText()).trim();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CSV" }).click()]);
  assert.equal(download.suggestedFilename(), `${id}.csv`);
  const csv = readFileSync(await download.path(), "utf8").trim().split(/\r\n/);
  assert.equal(csv[0], "dt,user_id,total_cost_usd");
  assert.deepEqual(
    csv.slice(1).map((line) => line.split(",")).map(([dt, user, total]) => [dt, user, Number(total)]),
    EXPECTED,
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test("Preview, a failing query, the history, paging, cancel, dark theme", { skip: why || false }, async () => {
  const { page, errors } = await openEditor("dark");
  await page.locator('li[data-table="mydatabase.user_transactions"] .athena-preview').click();
  const rows = await resultRows(page);
  assert.equal(rows.length, DATA.length);
  assert.match(await page.getByRole("textbox", { name: "SQL statement" }).innerText(), /SELECT \* FROM mydatabase\.user_transactions LIMIT 10/);

  // Clicking a table inserts its name at the cursor.
  const editor = page.getByRole("textbox", { name: "SQL statement" });
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("SELECT nope FROM ");
  await page.locator('li[data-table="mydatabase.user_transactions"] .athena-node .athena-name').click();
  assert.equal((await editor.innerText()).trim(), "SELECT nope FROM user_transactions");
  await page.keyboard.press("Control+Enter");
  const failure = page.locator(".athena-main .error[role=alert]");
  await failure.waitFor();
  assert.match(await failure.innerText(), /COLUMN_NOT_FOUND.*nope/);
  assert.match(await page.locator(".athena-status").innerText(), /FAILED/);
  await screenshot(page, "athena-error-dark");

  // The history lists both, newest first; opening the preview shows its rows again.
  const history = page.getByRole("table", { name: "Query history" });
  await history.getByText("SELECT nope").waitFor();
  await history.getByRole("button", { name: /SELECT \* FROM mydatabase\.user_transactions LIMIT 10/ }).first().click();
  assert.equal((await resultRows(page)).length, DATA.length);
  await screenshot(page, "athena-history-dark");

  // Results page 100 rows at a time, forwards and back.
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("SELECT n, n * 2 AS twice FROM UNNEST(sequence(1, 250)) AS t(n)");
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Run", exact: true }).click();
  const label = page.locator(".athena-page-label");
  await label.getByText("Rows 1–100").waitFor();
  let shown = await resultRows(page);
  assert.equal(shown.length, 100);
  assert.deepEqual(shown[0], ["1", "2"]);
  await page.getByRole("button", { name: "Next" }).click();
  await label.getByText("Rows 101–200").waitFor();
  assert.deepEqual((await resultRows(page))[0], ["101", "202"]);
  await page.getByRole("button", { name: "Next" }).click();
  await label.getByText("Rows 201–250 of 250").waitFor();
  shown = await resultRows(page);
  assert.equal(shown.length, 50);
  assert.deepEqual(shown[49], ["250", "500"]);
  assert.ok(await page.getByRole("button", { name: "Next" }).isDisabled());
  await page.getByRole("button", { name: "Previous" }).click();
  await label.getByText("Rows 101–200").waitFor();

  // A long query (10^10 rows) runs until Cancel stops it.
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type(
    "SELECT count(*) FROM UNNEST(sequence(1, 10000)) AS a(x) CROSS JOIN UNNEST(sequence(1, 10000)) AS b(y) CROSS JOIN UNNEST(sequence(1, 100)) AS c(z)",
  );
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+Enter");
  const status = page.locator(".athena-status");
  await status.getByText(/QUEUED|RUNNING/).waitFor();
  await page.getByRole("button", { name: "Cancel" }).click();
  await status.getByText("CANCELLED").waitFor();
  await page.getByText("The query was cancelled.").waitFor();
  assert.ok(await page.getByRole("button", { name: "Run", exact: true }).isEnabled());
  assert.deepEqual(errors, []);
  await page.close();
});
