// The execution page of the batch ETL's state machine (its Lambda tasks
// mocked by examples/batch-etl/mocks.json): opened while the execution runs,
// every state the history entered turns green and the badge SUCCEEDED; a
// failing execution shows its failed state red with the error in the side
// panel.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { aws, launchBrowser, missing, screenshot, startStratus } from "./harness.mjs";

const ROOT = resolve(new URL("../..", import.meta.url).pathname);
const ETL = join(ROOT, "examples/batch-etl");
const MACHINE = "ETL-StateMachine-mysql-connector-staging";
const MACHINE_ARN = `arn:aws:states:us-east-1:000000000000:stateMachine:${MACHINE}`;

const why = missing();
let server;
let browser;

before(async () => {
  if (why) return;
  server = await startStratus(["--sfn-mock-config", join(ETL, "mocks.json")]);
  browser = await launchBrowser();
  await aws(server.url, ["s3", "mb", "s3://your.datalake.aws"]).catch(() => {});
  await aws(server.url, ["s3", "mb", "s3://datalake.staging.liveproject"]).catch(() => {});
  await aws(server.url, [
    "stepfunctions",
    "create-state-machine",
    "--name",
    MACHINE,
    "--definition",
    `file://${join(ETL, "state-machine.asl.json")}`,
    "--role-arn",
    "arn:aws:iam::000000000000:role/etl",
  ]);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

function executionPage(arn) {
  return `${server.url}/_stratus/ui/#/states/execution/${encodeURIComponent(arn)}`;
}

async function enteredStates(arn) {
  const { events } = await aws(server.url, ["stepfunctions", "get-execution-history", "--execution-arn", arn]);
  return [...new Set(events.filter((e) => e.stateEnteredEventDetails).map((e) => e.stateEnteredEventDetails.name))];
}

const state = (name, status) => `[data-state="${name.replace(/"/g, '\\"')}"][data-status="${status}"]`;

test("a running batch ETL execution turns green state by state", { skip: why || false }, async () => {
  const { executionArn } = await aws(server.url, ["stepfunctions", "start-execution", "--state-machine-arn", `${MACHINE_ARN}#LakeRun`, "--name", "console-run"]);
  const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  // The page follows the history through the server-sent events, not by polling.
  const streamed = [];
  const polled = [];
  page.on("request", (r) => {
    if (r.url().includes("/_stratus/states/executions/")) streamed.push(r.url());
    if ((r.headers()["x-amz-target"] ?? "").endsWith("GetExecutionHistory")) polled.push(r.url());
  });
  await page.goto(executionPage(executionArn));
  const badge = page.getByTestId("execution-status");
  await badge.waitFor();
  await page.locator(state("HelloWorld", "succeeded")).waitFor({ timeout: 60000 });
  await page.waitForFunction(() => document.querySelector("[data-testid=execution-status]")?.textContent === "SUCCEEDED", null, { timeout: 120000 });
  const names = await enteredStates(executionArn);
  assert.ok(names.length >= 8, `the history entered ${names.length} states`);
  for (const name of names) await page.locator(state(name, "succeeded")).waitFor({ timeout: 5000 });
  // The event table has every event of the history.
  const { events } = await aws(server.url, ["stepfunctions", "get-execution-history", "--execution-arn", executionArn]);
  await page.getByRole("tab", { name: `Events (${events.length})` }).waitFor();
  await page.locator(`[data-state="Create Athena DB"]`).click();
  await page.getByRole("complementary", { name: "State Create Athena DB" }).waitFor();
  await screenshot(page, "states-execution");
  assert.ok(streamed.length >= 1, "no request for the execution's events");
  assert.deepEqual(polled, []);
  await page.getByRole("button", { name: "Close the state's details" }).click();
  await page.getByRole("tab", { name: "Timeline" }).click();
  const timeline = page.getByRole("list", { name: "Timeline of the states" });
  await timeline.waitFor();
  await timeline.scrollIntoViewIfNeeded();
  assert.equal(await page.locator(".sfnx-bar.succeeded").count(), names.length);
  await screenshot(page, "states-execution-timeline");
  assert.deepEqual(errors, []);
  await page.close();
});

test("a failing execution shows its failed state red with the error", { skip: why || false }, async () => {
  const { executionArn } = await aws(server.url, ["stepfunctions", "start-execution", "--state-machine-arn", `${MACHINE_ARN}#ExtractFails`, "--name", "console-fails"]);
  const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(executionPage(executionArn));
  await page.waitForFunction(() => document.querySelector("[data-testid=execution-status]")?.textContent === "FAILED", null, { timeout: 60000 });
  await page.locator(state("HelloWorld", "succeeded")).waitFor();
  const failed = page.locator(state("Extract from MySQL", "failed"));
  await failed.waitFor();
  await failed.click();
  const panel = page.getByRole("complementary", { name: "State Extract from MySQL" });
  await panel.getByText("Lambda.Unknown").waitFor();
  assert.match(await panel.innerText(), /Can't connect to MySQL server/);
  // Redrive is offered for a failed execution, Stop is not.
  assert.equal(await page.getByRole("button", { name: "Redrive" }).isEnabled(), true);
  assert.equal(await page.getByRole("button", { name: "Stop" }).isEnabled(), false);
  await page.getByRole("button", { name: /theme/ }).click();
  await screenshot(page, "states-execution-failed-dark");
  await page.close();
});

test("a running execution shows its waiting state running until Stop aborts it", { skip: why || false }, async () => {
  const definition = JSON.stringify({
    StartAt: "Prepare",
    States: { Prepare: { Type: "Pass", Next: "Wait an hour" }, "Wait an hour": { Type: "Wait", Seconds: 3600, Next: "Done" }, Done: { Type: "Pass", End: true } },
  });
  const { stateMachineArn } = await aws(server.url, ["stepfunctions", "create-state-machine", "--name", "console-wait", "--definition", definition, "--role-arn", "arn:aws:iam::000000000000:role/etl"]);
  const { executionArn } = await aws(server.url, ["stepfunctions", "start-execution", "--state-machine-arn", stateMachineArn, "--name", "console-waits"]);
  const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(executionPage(executionArn));
  await page.locator(state("Prepare", "succeeded")).waitFor();
  await page.locator(state("Wait an hour", "running")).waitFor();
  assert.equal(await page.getByTestId("execution-status").textContent(), "RUNNING");
  assert.equal(await page.getByRole("button", { name: "Redrive" }).isEnabled(), false);
  await screenshot(page, "states-execution-running");
  // Stop asks first; the page then hears the abort through the open event stream.
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await page.getByRole("dialog", { name: "Stop this execution?" }).waitFor();
  await page.keyboard.press("Enter");
  await page.locator(state("Wait an hour", "aborted")).waitFor({ timeout: 30000 });
  await page.waitForFunction(() => document.querySelector("[data-testid=execution-status]")?.textContent === "ABORTED");
  const { status } = await aws(server.url, ["stepfunctions", "describe-execution", "--execution-arn", executionArn]);
  assert.equal(status, "ABORTED");
  await page.close();
});
