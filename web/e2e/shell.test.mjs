// The console loads from the binary, every page of the navigation opens
// without an error, the theme switches, and a queue made with awscli shows
// with its depth.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { aws, launchBrowser, missing, screenshot, startStratus } from "./harness.mjs";

const why = missing();
let server;
let browser;

before(async () => {
  if (why) return;
  server = await startStratus();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("every page of the navigation opens", { skip: why || false }, async () => {
  const page = await browser.browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}/_stratus/ui/`);
  await page.getByRole("heading", { name: "stratus" }).waitFor();
  await page.getByRole("cell", { name: "states", exact: true }).waitFor();
  const links = await page.getByRole("navigation", { name: "Services" }).getByRole("link").all();
  assert.ok(links.length >= 9, `navigation has ${links.length} links`);
  for (const link of links.slice(1)) {
    await link.click();
    await page.locator("main h1").first().waitFor();
    assert.equal(await link.getAttribute("aria-current"), "page");
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test("the theme switches and is remembered", { skip: why || false }, async () => {
  const page = await browser.browser.newPage();
  await page.goto(`${server.url}/_stratus/ui/`);
  await page.locator("main h1").first().waitFor();
  const before = await page.evaluate(() => document.documentElement.dataset.theme);
  assert.ok(before === "light" || before === "dark", `theme before the switch: ${before}`);
  await page.getByRole("button", { name: /theme/ }).click();
  await page.waitForFunction((b) => document.documentElement.dataset.theme !== b, before);
  const switched = await page.evaluate(() => document.documentElement.dataset.theme);
  assert.notEqual(switched, before);
  await page.reload();
  await page.locator("main h1").first().waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), switched);
  await page.close();
});

test("a queue made with awscli shows with its depth", { skip: why || false }, async () => {
  const { QueueUrl } = await aws(server.url, ["sqs", "create-queue", "--queue-name", "console-orders"]);
  for (let i = 0; i < 3; i++) await aws(server.url, ["sqs", "send-message", "--queue-url", QueueUrl, "--message-body", `m${i}`]);
  const page = await browser.browser.newPage();
  await page.goto(`${server.url}/_stratus/ui/#/sqs`);
  const row = page.getByRole("row", { name: /console-orders/ });
  await row.waitFor();
  assert.match(await row.innerText(), /console-orders\s+3\s+0\s+0/);
  await screenshot(page, "sqs-queues");
  await page.close();
});
