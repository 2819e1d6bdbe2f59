// The batch ETL's state machine, created with awscli, on its console page:
// a node per state with the Map's states inside the Map's box, the
// definition as YAML, and an execution started from the dialog.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { aws, launchBrowser, missing, screenshot, startStratus } from "./harness.mjs";

const DEFINITION_FILE = fileURLToPath(new URL("../../examples/batch-etl/state-machine.asl.json", import.meta.url));
const why = missing();
let server;
let browser;
let machineArn;

function statesOf(definition) {
  const names = [];
  const walk = (states) => {
    for (const [name, state] of Object.entries(states ?? {})) {
      names.push(name);
      for (const branch of state.Branches ?? []) walk(branch.States);
      walk((state.ItemProcessor ?? state.Iterator)?.States);
    }
  };
  walk(definition.States);
  return names;
}

before(async () => {
  if (why) return;
  server = await startStratus();
  browser = await launchBrowser();
  ({ stateMachineArn: machineArn } = await aws(server.url, [
    "stepfunctions",
    "create-state-machine",
    "--name",
    "ETL-StateMachine-console",
    "--definition",
    `file://${DEFINITION_FILE}`,
    "--role-arn",
    "arn:aws:iam::000000000000:role/etl",
    "--publish",
  ]));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("the batch ETL machine: graph, YAML, start an execution", { skip: why || false }, async () => {
  const definition = JSON.parse(readFileSync(DEFINITION_FILE, "utf8"));
  const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));

  // The list links to the machine's page.
  await page.goto(`${server.url}/_stratus/ui/#/states`);
  await page.getByRole("link", { name: "ETL-StateMachine-console" }).click();
  await page.getByRole("heading", { name: "ETL-StateMachine-console" }).waitFor();

  // A node per state, each with its name and no status yet.
  const names = statesOf(definition);
  assert.equal(names.length, 13);
  await page.locator("[data-state]").nth(names.length - 1).waitFor();
  const drawn = await page.locator("[data-state]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-state"), e.getAttribute("data-status")]));
  assert.deepEqual(drawn.map(([n]) => n).sort(), [...names].sort());
  assert.ok(drawn.every(([, s]) => s === ""));

  // The Map's inner states are inside the Map's box; the others are not.
  const box = (name) => page.locator(`g[data-state="${name}"] > rect`).boundingBox();
  const map = await box("Check All Tables");
  const within = (b) => b.x >= map.x - 0.5 && b.y >= map.y - 0.5 && b.x + b.width <= map.x + map.width + 0.5 && b.y + b.height <= map.y + map.height + 0.5;
  for (const inner of Object.keys(definition.States["Check All Tables"].Iterator.States)) assert.ok(within(await box(inner)), `${inner} inside the Map`);
  for (const outer of ["HelloWorld", "Decide what next", "Create report table (parquet)"]) assert.ok(!within(await box(outer)), `${outer} outside the Map`);
  // Choice edges are labelled; the choice state sits above what it chooses.
  assert.ok((await box("Decide what next")).y < map.y);
  assert.ok(await page.locator(".sfn-edge-label", { hasText: "Default" }).count() >= 2);

  // Keyboard: Tab reaches a state, Enter selects it.
  const hello = page.locator('g[data-state="HelloWorld"]');
  await hello.focus();
  await page.keyboard.press("Enter");
  await page.locator('g[data-state="HelloWorld"][aria-pressed="true"]').waitFor({ timeout: 5000 });
  assert.equal(await hello.getAttribute("aria-label"), "HelloWorld (not run)");

  // Zoom (button, wheel) and drag change the view; Fit brings back the fitted one.
  const transform = () => page.evaluate(() => document.querySelector(".sfn-graph-svg > g").getAttribute("transform"));
  const changedFrom = (t) => page.waitForFunction((before) => document.querySelector(".sfn-graph-svg > g").getAttribute("transform") !== before, t);
  const fitted = await transform();
  await page.getByRole("button", { name: "Zoom in" }).click();
  await changedFrom(fitted);
  const graphBox = await page.locator(".sfn-graph").boundingBox();
  await page.mouse.move(graphBox.x + 40, graphBox.y + graphBox.height - 40);
  let before = await transform();
  await page.mouse.wheel(0, -300);
  await changedFrom(before);
  before = await transform();
  await page.mouse.down();
  await page.mouse.move(graphBox.x + 140, graphBox.y + graphBox.height - 90, { steps: 5 });
  await page.mouse.up();
  await changedFrom(before);
  await page.getByRole("button", { name: "Fit" }).click();
  await page.waitForFunction((t) => document.querySelector(".sfn-graph-svg > g").getAttribute("transform") === t, fitted);

  // The definition as JSON, then as YAML.
  const code = page.locator(".sfn-definition-code .cm-content");
  assert.match(await code.innerText(), /"StartAt": "HelloWorld"/);
  await page.getByRole("tab", { name: "YAML" }).click();
  await page.waitForFunction(() => document.querySelector(".sfn-definition-code .cm-content")?.textContent?.includes("StartAt: HelloWorld"));
  assert.match(await code.innerText(), /    Type: Task\n    Resource: "arn:aws:lambda:/);

  // The published version shows.
  await page.getByRole("link", { name: "1", exact: true }).waitFor();
  await page.locator("main").evaluate((m) => m.scrollTo?.(0, 0));
  await screenshot(page, "states-machine");
  await page.getByRole("button", { name: /theme/ }).click();
  await screenshot(page, "states-machine-dark");
  await page.getByRole("button", { name: /theme/ }).click();

  // Start an execution: bad JSON is refused before sending, good JSON starts it.
  await page.getByRole("button", { name: "Start execution" }).click();
  const dialog = page.getByRole("dialog", { name: "Start execution" });
  await dialog.getByLabel("Name (optional)").fill("from-the-console");
  const input = dialog.locator(".cm-content");
  await input.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type('{"Rows": [1, 2');
  await dialog.getByRole("button", { name: "Start" }).click();
  await dialog.getByRole("alert").filter({ hasText: "not valid JSON" }).waitFor();
  await screenshot(page, "states-start-dialog");
  await input.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText('{"Rows": [1, 2]}');
  await dialog.getByRole("button", { name: "Start" }).click();
  await page.waitForFunction(() => location.hash.startsWith("#/states/execution/"));
  const executionArn = decodeURIComponent(await page.evaluate(() => location.hash.slice("#/states/execution/".length)));
  assert.match(executionArn, /:execution:ETL-StateMachine-console:from-the-console$/);
  const described = await aws(server.url, ["stepfunctions", "describe-execution", "--execution-arn", executionArn]);
  assert.deepEqual(JSON.parse(described.input), { Rows: [1, 2] });
  await page.locator("main h1").first().waitFor();

  // Back on the machine's page, the execution is listed with its status.
  await page.goto(`${server.url}/_stratus/ui/#/states/machine/${encodeURIComponent(machineArn)}`);
  const row = page.getByRole("row", { name: /from-the-console/ });
  await row.waitFor();
  assert.match(await row.innerText(), /RUNNING|SUCCEEDED|FAILED/);
  assert.deepEqual(errors, []);
  await page.close();
});
