// The S3 browser: folders, an object's metadata and tags, previews of CSV
// (nested, semicolon-delimited), JSON Lines, gzip'd CSV and Parquet (made by
// Athena CTAS), then upload, download and delete of a file, and a new folder.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { aws, launchBrowser, missing, screenshot, startStratus } from "./harness.mjs";

const why = missing();
const BUCKET = "console-lake";
let server;
let browser;
let work;

async function waitForQuery(url, id) {
  for (let i = 0; i < 100; i++) {
    const { QueryExecution } = await aws(url, ["athena", "get-query-execution", "--query-execution-id", id]);
    const state = QueryExecution.Status.State;
    if (state === "SUCCEEDED") return;
    if (state === "FAILED" || state === "CANCELLED") throw new Error(`query ${state}: ${QueryExecution.Status.StateChangeReason}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the query did not finish");
}

before(async () => {
  if (why) return;
  server = await startStratus();
  browser = await launchBrowser();
  work = mkdtempSync(join(tmpdir(), "stratus-s3-e2e-"));
  const put = async (key, body, ...extra) => {
    const file = join(work, key.replaceAll("/", "_"));
    writeFileSync(file, body);
    await aws(server.url, ["s3api", "put-object", "--bucket", BUCKET, "--key", key, "--body", file, ...extra]);
  };
  await aws(server.url, ["s3api", "create-bucket", "--bucket", BUCKET]);
  await put("data/2024/sales.csv", "region;amount;day\nnorth;12.5;2024-01-01\nsouth;7;2024-01-02\n", "--content-type", "text/csv", "--metadata", "owner=ann", "--tagging", "team=data");
  await put("data/events.jsonl", '{"id":1,"kind":"click","tags":["a"]}\n{"id":2,"kind":"view"}\n');
  await put("data/logs/app.csv.gz", gzipSync("1|boot|ok\n2|ready|ok\n3|stop|warn\n"));
  const { QueryExecutionId } = await aws(server.url, [
    "athena",
    "start-query-execution",
    "--query-string",
    `CREATE TABLE default.console_scores WITH (format='PARQUET', external_location='s3://${BUCKET}/tables/scores/') AS ` +
      "SELECT * FROM (VALUES (1, 'ann', 2.5), (2, 'bob', NULL), (3, 'cy', 4.0)) AS t(id, name, score)",
    "--result-configuration",
    `OutputLocation=s3://${BUCKET}/athena-results/`,
  ]);
  await waitForQuery(server.url, QueryExecutionId);
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function open(hash) {
  const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}/_stratus/ui/${hash}`);
  return { page, errors };
}

/** The preview table's header cells and rows, as text. */
async function previewTable(page) {
  const table = page.getByRole("region", { name: "Preview" }).locator("table");
  await table.waitFor();
  const header = await table.locator("thead th").allInnerTexts();
  const rows = [];
  for (const row of await table.locator("tbody tr").all()) rows.push(await row.locator("td").allInnerTexts());
  return { header, rows };
}

test("browse into nested folders and preview a CSV with its metadata and tags", { skip: why || false }, async () => {
  const { page, errors } = await open("#/s3");
  await page.getByRole("link", { name: BUCKET }).waitFor();
  await screenshot(page, "s3-buckets");
  await page.getByRole("link", { name: BUCKET }).click();
  await page.getByRole("link", { name: "data/" }).click();
  await page.getByRole("heading", { name: "data/" }).waitFor();
  await screenshot(page, "s3-folder");
  await page.getByRole("link", { name: "2024/" }).click();
  await page.getByRole("link", { name: "sales.csv" }).click();
  await page.getByRole("heading", { name: "sales.csv" }).waitFor();
  const { header, rows } = await previewTable(page);
  assert.deepEqual(header, ["region", "amount", "day"]);
  assert.deepEqual(rows, [
    ["north", "12.5", "2024-01-01"],
    ["south", "7", "2024-01-02"],
  ]);
  const text = await page.locator("main").innerText();
  assert.match(text, /Delimiter: semicolon/);
  assert.match(text, /x-amz-meta-owner\s+ann/);
  assert.match(text, /team\s+data/);
  assert.match(text, /Content-Type\s+text\/csv/);
  // The breadcrumbs lead back up.
  await page.locator(".crumbs").getByRole("link", { name: "data" }).click();
  await page.getByRole("link", { name: "events.jsonl" }).waitFor();
  await page.goto(`${server.url}/_stratus/ui/#/s3/${BUCKET}/data/2024/sales.csv`);
  await page.getByRole("region", { name: "Preview" }).locator("table").waitFor();
  await screenshot(page, "s3-object-csv");
  assert.deepEqual(errors, []);
  await page.close();
});

test("JSON Lines and gzip'd CSV previews", { skip: why || false }, async () => {
  const { page, errors } = await open(`#/s3/${BUCKET}/data/events.jsonl`);
  let table = await previewTable(page);
  assert.deepEqual(table.header, ["id", "kind", "tags"]);
  assert.deepEqual(table.rows, [
    ["1", "click", '["a"]'],
    ["2", "view", "NULL"],
  ]);
  await page.goto(`${server.url}/_stratus/ui/#/s3/${BUCKET}/data/logs/app.csv.gz`);
  await page.getByRole("heading", { name: "app.csv.gz" }).waitFor();
  table = await previewTable(page);
  // Headerless (as Hive writes): numbered columns.
  assert.deepEqual(table.header, ["1", "2", "3"]);
  assert.deepEqual(table.rows[2], ["3", "stop", "warn"]);
  assert.match(await page.locator("main").innerText(), /gzip, inflated in the browser/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a Parquet object made by Athena previews with its column types", { skip: why || false }, async () => {
  const { page, errors } = await open(`#/s3/${BUCKET}/tables/scores/`);
  const link = page.locator("main table a").first();
  await link.waitFor();
  await link.click();
  const { header, rows } = await previewTable(page);
  assert.deepEqual(header, ["id\ninteger", "name\nvarchar", "score\ndecimal(2,1)"]);
  assert.deepEqual(rows, [
    ["1", "ann", "2.5"],
    ["2", "bob", "NULL"],
    ["3", "cy", "4.0"],
  ]);
  assert.match(await page.locator("main").innerText(), /Parquet · 3 columns · first 3 of 3 rows/);
  await screenshot(page, "s3-object-parquet");
  await page.getByRole("button", { name: /theme/ }).click();
  await screenshot(page, "s3-object-parquet-dark");
  await page.getByRole("button", { name: /theme/ }).click();
  assert.deepEqual(errors, []);
  await page.close();
});

test("upload a file, see it listed, download it, delete it; create a folder", { skip: why || false }, async () => {
  const { page, errors } = await open(`#/s3/${BUCKET}/data/`);
  await page.getByRole("link", { name: "events.jsonl" }).waitFor();
  const bytes = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251));
  await page.locator("input[type=file]").setInputFiles({ name: "upload me.bin", mimeType: "application/x-test", buffer: bytes });
  await page.getByRole("link", { name: "upload me.bin" }).waitFor();
  assert.match(await page.getByRole("list", { name: "Uploads" }).innerText(), /upload me\.bin\s+uploaded/);
  const head = await aws(server.url, ["s3api", "head-object", "--bucket", BUCKET, "--key", "data/upload me.bin"]);
  assert.equal(head.ContentLength, bytes.length);
  assert.equal(head.ContentType, "application/x-test");
  await screenshot(page, "s3-upload");

  await page.getByRole("link", { name: "upload me.bin" }).click();
  await page.getByRole("heading", { name: "upload me.bin" }).waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download" }).click()]);
  assert.equal(download.suggestedFilename(), "upload me.bin");
  const saved = await download.path();
  assert.ok(Buffer.from(readFileSync(saved)).equals(bytes), "the downloaded bytes are the uploaded ones");

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await page.getByRole("alertdialog", { name: "Confirm delete" }).waitFor();
  await screenshot(page, "s3-delete-confirm");
  // The confirmation takes the focus: Enter deletes.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Delete object");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "data/" }).waitFor();
  await page.getByRole("link", { name: "events.jsonl" }).waitFor();
  assert.equal(await page.getByRole("link", { name: "upload me.bin" }).count(), 0);
  await assert.rejects(aws(server.url, ["s3api", "head-object", "--bucket", BUCKET, "--key", "data/upload me.bin"]));

  // Files dropped on the folder view upload into it.
  await page.evaluate(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(["dropped text\n"], "dropped.txt", { type: "text/plain" }));
    document.querySelector(".s3-drop").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  });
  await page.getByRole("link", { name: "dropped.txt" }).waitFor();
  const dropped = await aws(server.url, ["s3api", "head-object", "--bucket", BUCKET, "--key", "data/dropped.txt"]);
  assert.equal(dropped.ContentType, "text/plain");

  // By keyboard: Upload files opens the file chooser; a folder is made with Enter alone.
  await page.getByRole("button", { name: "Upload files" }).focus();
  const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.keyboard.press("Enter")]);
  assert.ok(chooser.isMultiple());
  await page.getByRole("button", { name: "Create folder" }).focus();
  await page.keyboard.press("Enter");
  // The name field takes the focus by itself once it shows.
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "New folder name");
  await page.keyboard.type("fresh");
  await page.keyboard.press("Enter");
  await page.getByRole("link", { name: "fresh/" }).waitFor();
  const marker = await aws(server.url, ["s3api", "head-object", "--bucket", BUCKET, "--key", "data/fresh/"]);
  assert.equal(marker.ContentLength, 0);
  // The filter narrows the listing by name prefix.
  await page.getByRole("searchbox", { name: "Filter by name prefix" }).fill("ev");
  await page.getByRole("link", { name: "fresh/" }).waitFor({ state: "detached" });
  assert.equal(await page.getByRole("link", { name: "events.jsonl" }).count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a big folder pages with continuation tokens", { skip: why || false }, async () => {
  const dir = join(work, "many");
  mkdirSync(dir);
  for (let i = 0; i < 120; i++) writeFileSync(join(dir, `part-${String(i).padStart(3, "0")}.txt`), `line ${i}\n`);
  await aws(server.url, ["s3", "cp", "--recursive", "--quiet", dir, `s3://${BUCKET}/many/`]);
  const { page, errors } = await open(`#/s3/${BUCKET}/many/`);
  const rows = page.locator("main table tbody tr");
  await page.getByRole("link", { name: "part-099.txt" }).waitFor();
  assert.equal(await rows.count(), 100);
  await page.getByRole("button", { name: "Next page" }).click();
  await page.getByRole("link", { name: "part-119.txt" }).waitFor();
  assert.equal(await rows.count(), 20);
  assert.equal(await page.getByRole("button", { name: "Next page" }).isDisabled(), true);
  await page.getByRole("button", { name: "Previous page" }).click();
  await page.getByRole("link", { name: "part-000.txt" }).waitFor();
  assert.equal(await rows.count(), 100);
  assert.deepEqual(errors, []);
  await page.close();
});
