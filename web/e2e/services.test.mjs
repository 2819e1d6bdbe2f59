// The SQS, Lambda, Logs, CloudFormation and RDS pages against a real stratus,
// with the things they show made by awscli: a queue whose message lands in its
// dead-letter queue and is redriven back, a Python function invoked from the
// page, its log group searched and tailed, a stack's resources and events, and
// a MariaDB-backed DB instance with its endpoint.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { aws, launchBrowser, missing, screenshot, startStratus } from "./harness.mjs";

const why = missing();
let server;
let browser;
let work;

before(async () => {
  if (why) return;
  server = await startStratus();
  browser = await launchBrowser();
  work = mkdtempSync(join(tmpdir(), "stratus-e2e-services-"));
});
after(async () => {
  await browser?.close();
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function openPage(hash, theme = "light") {
  const page = await browser.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.addInitScript((t) => localStorage.setItem("stratus.theme", t), theme);
  await page.goto(`${server.url}/_stratus/ui/#${hash}`);
  return { page, errors };
}

async function until(what, check, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

test("SQS: a peeked message lands in the dead-letter queue and is redriven back", { skip: why || false }, async () => {
  const dlq = await aws(server.url, ["sqs", "create-queue", "--queue-name", "svc-orders-dlq"]);
  const { Attributes } = await aws(server.url, ["sqs", "get-queue-attributes", "--queue-url", dlq.QueueUrl, "--attribute-names", "QueueArn"]);
  const policy = JSON.stringify({ deadLetterTargetArn: Attributes.QueueArn, maxReceiveCount: "1" });
  const source = await aws(server.url, ["sqs", "create-queue", "--queue-name", "svc-orders", "--attributes", JSON.stringify({ RedrivePolicy: policy })]);
  await aws(server.url, ["sqs", "send-message", "--queue-url", source.QueueUrl, "--message-body", '{"order": 42}']);

  const { page, errors } = await openPage("/sqs/queue/svc-orders");
  await page.getByRole("heading", { name: "svc-orders", exact: true }).waitFor();
  await page.getByText("Peeking is a ReceiveMessage with visibility timeout 0").waitFor();
  await page.getByText(/to svc-orders-dlq after 1 receives/).waitFor();
  const peek = page.getByRole("button", { name: "Peek (up to 10)" });
  await peek.click();
  const message = page.getByRole("row", { name: /"order": 42/ });
  await message.waitFor();
  assert.match(await message.innerText(), /\{"order": 42\}\s+1\s/);
  await message.scrollIntoViewIfNeeded();
  await screenshot(page, "sqs-queue-peek");
  await peek.click(); // The second receive passes maxReceiveCount: the message moves to the DLQ.
  await page.getByText("No messages available right now.").waitFor();

  await page.goto(`${server.url}/_stratus/ui/#/sqs`);
  const row = page.getByRole("row", { name: /^svc-orders\s/ });
  await until("the DLQ depth of 1 on svc-orders' row", async () => /svc-orders-dlq\s*1/.test(await row.innerText()));
  assert.match(await row.innerText(), /^svc-orders\s+0\s+0\s+0\s+svc-orders-dlq\s*1/);
  await screenshot(page, "sqs-queues-dlq");

  await row.getByRole("link", { name: "svc-orders-dlq" }).click();
  await page.getByRole("heading", { name: "svc-orders-dlq", exact: true }).waitFor();
  await page.getByText("Source queues:").waitFor();
  await page.getByRole("button", { name: "Redrive to source queues" }).click();
  await page.getByRole("cell", { name: "COMPLETED" }).waitFor({ timeout: 20000 });
  assert.match(await page.getByRole("row", { name: /COMPLETED/ }).innerText(), /1 \/ 1/);
  await screenshot(page, "sqs-dlq-redrive");

  await page.getByRole("link", { name: "svc-orders", exact: true }).first().click();
  await page.getByRole("heading", { name: "svc-orders", exact: true }).waitFor();
  await until("the message back in svc-orders", async () => /Available\s*1\b/.test(await page.locator("dl.kv").innerText()));
  const back = await aws(server.url, ["sqs", "get-queue-attributes", "--queue-url", source.QueueUrl, "--attribute-names", "ApproximateNumberOfMessages"]);
  assert.equal(back.Attributes.ApproximateNumberOfMessages, "1");
  await page.getByRole("textbox", { name: "Message body" }).fill("sent from the console");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.getByText(/^Sent message /).waitFor();
  await page.getByRole("button", { name: "Purge…" }).click();
  await page.getByRole("button", { name: "Yes, purge" }).click();
  await until("an empty queue after purge", async () => /Available\s*0\b/.test(await page.locator("dl.kv").innerText()));
  assert.deepEqual(errors, []);
  await page.close();
});

test("SQS: a FIFO message sent from the page with a group id and attributes, then peeked", { skip: why || false }, async () => {
  await aws(server.url, ["sqs", "create-queue", "--queue-name", "svc-steps.fifo", "--attributes", JSON.stringify({ FifoQueue: "true", ContentBasedDeduplication: "true" })]);
  const { page, errors } = await openPage("/sqs/queue/svc-steps.fifo", "dark");
  await page.getByText("Content-based deduplication").waitFor();
  await page.getByRole("textbox", { name: "Message body" }).fill("step one");
  await page.getByRole("textbox", { name: "Message attributes" }).fill("qty=3\nkind=step");
  await page.getByLabel("Message group id").fill("g1");
  await page.getByRole("button", { name: "Send", exact: true }).click();
  await page.getByText(/^Sent message /).waitFor();
  await page.getByRole("button", { name: "Peek (up to 10)" }).click();
  const message = page.getByRole("row", { name: /step one/ });
  await message.waitFor();
  const text = await message.innerText();
  assert.match(text, /kind=step/);
  assert.match(text, /qty=3/);
  assert.match(text, /group=g1/);
  await message.scrollIntoViewIfNeeded();
  await screenshot(page, "sqs-fifo-dark");
  assert.deepEqual(errors, []);
  await page.close();
});

const HANDLER = `
def handler(event, context):
    if event.get("fail"):
        raise ValueError("asked to fail")
    print("hello from console-fn", event.get("name"))
    return {"greeting": "hi " + str(event.get("name"))}
`;

test("Lambda: a Python function is test-invoked from its page and shows under recent invocations", { skip: why || false }, async () => {
  const zip = join(work, "code.zip");
  const made = spawnSync("/usr/bin/python3", ["-c", "import sys,zipfile\nwith zipfile.ZipFile(sys.argv[1],'w') as z: z.writestr('app.py', sys.argv[2])", zip, HANDLER]);
  assert.equal(made.status, 0, String(made.stderr));
  await aws(server.url, [
    "lambda", "create-function", "--function-name", "console-fn", "--runtime", "python3.12", "--handler", "app.handler",
    "--role", "arn:aws:iam::000000000000:role/console-fn", "--zip-file", `fileb://${zip}`, "--environment", "Variables={STAGE=test}",
  ]);
  await until("console-fn Active", async () => (await aws(server.url, ["lambda", "get-function", "--function-name", "console-fn"])).Configuration.State === "Active");

  const { page, errors } = await openPage("/lambda");
  const row = page.getByRole("row", { name: /console-fn/ });
  await row.waitFor();
  assert.match(await row.innerText(), /console-fn\s+python3\.12\s+app\.handler\s+128 MB\s+3 s/);
  await screenshot(page, "lambda-functions");

  await row.getByRole("link", { name: "console-fn" }).click();
  await page.getByRole("heading", { name: "console-fn", exact: true }).waitFor();
  await page.getByRole("cell", { name: "STAGE" }).waitFor();
  const payload = page.getByRole("textbox", { name: "Event payload" });
  await payload.fill("{not json");
  await page.getByText(/^Not valid JSON/).waitFor();
  assert.equal(await page.getByRole("button", { name: "Invoke" }).isDisabled(), true);
  await payload.fill('{"name": "stratus"}');
  await page.getByRole("button", { name: "Invoke" }).click();
  const response = page.getByLabel("Response payload");
  await response.waitFor({ timeout: 30000 });
  assert.deepEqual(JSON.parse(await response.innerText()), { greeting: "hi stratus" });
  await page.getByText("Succeeded", { exact: true }).waitFor();
  const tail = await page.getByLabel("Log tail").innerText();
  assert.match(tail, /hello from console-fn stratus/);
  assert.match(tail, /REPORT RequestId: \S+/);
  const requestId = /REPORT RequestId: (\S+)/.exec(tail)[1];
  const invocation = page.getByRole("row", { name: new RegExp(requestId) });
  await invocation.waitFor({ timeout: 15000 });
  assert.match(await invocation.innerText(), /\d+(\.\d+)? ms\s+\d+ ms\s+\d+ MB \/ 128 MB/);
  await screenshot(page, "lambda-function");
  await invocation.scrollIntoViewIfNeeded();
  await screenshot(page, "lambda-function-invocations");

  await payload.fill('{"fail": true}');
  await page.getByRole("button", { name: "Invoke" }).click();
  await page.getByText("Function error: Unhandled").waitFor({ timeout: 30000 });
  assert.match(await page.getByLabel("Response payload").innerText(), /asked to fail/);
  assert.match(await page.getByLabel("Log tail").innerText(), /ValueError/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("Logs: the function's log group, filtered by a word, and a live tail of a new invocation", { skip: why || false }, async () => {
  const { page, errors } = await openPage("/logs", "dark");
  await page.getByRole("link", { name: "/aws/lambda/console-fn" }).click();
  await page.getByRole("heading", { name: "/aws/lambda/console-fn" }).waitFor();
  await page.getByRole("heading", { name: "Streams" }).waitFor();
  const events = page.getByRole("log", { name: "Matching events" });
  await events.waitFor();
  assert.match(await events.innerText(), /START RequestId/);
  await page.getByRole("textbox", { name: "Filter pattern" }).fill("hello");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByText("1 event", { exact: true }).waitFor();
  const filtered = await events.innerText();
  assert.match(filtered, /hello from console-fn stratus/);
  assert.doesNotMatch(filtered, /START|REPORT/);
  await screenshot(page, "logs-group");

  await page.getByRole("tab", { name: "Live tail" }).click();
  const tail = page.getByRole("log", { name: "Live tail" });
  await tail.waitFor();
  writeFileSync(join(work, "event.json"), '{"name": "tail"}');
  await aws(server.url, ["lambda", "invoke", "--function-name", "console-fn", "--payload", `fileb://${join(work, "event.json")}`, join(work, "out.json")]);
  await until("the new invocation in the live tail", async () => /hello from console-fn tail/.test(await tail.innerText()), 15000);
  await page.getByRole("button", { name: "Pause" }).click();
  await page.getByRole("button", { name: "Resume" }).waitFor();
  await screenshot(page, "logs-live-tail");
  assert.deepEqual(errors, []);
  await page.close();
});

const TEMPLATE = JSON.stringify({
  Description: "The console's test stack: one queue",
  Parameters: { Stage: { Type: "String", Default: "test" } },
  Resources: { Jobs: { Type: "AWS::SQS::Queue", Properties: { QueueName: { "Fn::Sub": "cfn-jobs-${Stage}" } } } },
  Outputs: { JobsUrl: { Description: "the queue's URL", Value: { Ref: "Jobs" } } },
});

test("CloudFormation: a stack with its resources, outputs, events and template", { skip: why || false }, async () => {
  await aws(server.url, ["cloudformation", "create-stack", "--stack-name", "console-stack", "--template-body", TEMPLATE]);
  await until("CREATE_COMPLETE", async () => {
    const { Stacks } = await aws(server.url, ["cloudformation", "describe-stacks", "--stack-name", "console-stack"]);
    return Stacks[0].StackStatus === "CREATE_COMPLETE";
  });
  const { page, errors } = await openPage("/cloudformation", "dark");
  const row = page.getByRole("row", { name: /console-stack/ });
  await row.waitFor();
  assert.match(await row.innerText(), /console-stack\s+CREATE_COMPLETE/);
  await row.getByRole("link", { name: "console-stack" }).click();
  await page.getByRole("heading", { name: "console-stack" }).waitFor();
  await page.getByRole("row", { name: /JobsUrl/ }).waitFor();
  assert.match(await page.getByRole("row", { name: /JobsUrl/ }).innerText(), /cfn-jobs-test/);
  assert.match(await page.getByRole("row", { name: /^Stage/ }).innerText(), /Stage\s+test/);
  const resource = page.getByRole("row", { name: /Jobs\s+AWS::SQS::Queue/ });
  await resource.waitFor();
  assert.match(await resource.innerText(), /CREATE_COMPLETE/);
  await screenshot(page, "cloudformation-stack");

  await page.getByRole("tab", { name: /Events/ }).click();
  const events = page.getByRole("row", { name: /CREATE_COMPLETE/ });
  await events.first().waitFor();
  assert.match(await events.first().innerText(), /console-stack\s+AWS::CloudFormation::Stack\s+CREATE_COMPLETE/, "newest first: the stack's own completion");
  await screenshot(page, "cloudformation-events");
  await page.getByRole("tab", { name: "Template" }).click();
  assert.match(await page.getByLabel("Template").innerText(), /"Type": "AWS::SQS::Queue"/);

  await page.getByRole("tab", { name: /Resources/ }).click();
  await page.getByRole("link", { name: /cfn-jobs-test/ }).click();
  await page.getByRole("heading", { name: "cfn-jobs-test", exact: true }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test("RDS: the empty state, a MySQL DB instance with its endpoint and connect line, and an Aurora cluster", { skip: why || false }, async () => {
  const { page, errors } = await openPage("/rds");
  await page.getByText(/^No DB clusters\. Create one with: aws/).waitFor();
  await page.getByText(/^No DB instances\. Create one with: aws/).waitFor();
  await screenshot(page, "rds-empty");

  await aws(server.url, [
    "rds", "create-db-instance", "--db-instance-identifier", "console-db", "--engine", "mysql", "--db-instance-class", "db.t3.micro",
    "--master-username", "admin", "--master-user-password", "secret99",
  ]);
  const row = page.getByRole("row", { name: /console-db/ });
  await row.waitFor({ timeout: 15000 });
  await until("console-db available in the list", async () => /available/.test(await row.innerText()), 90000);
  const { DBInstances } = await aws(server.url, ["rds", "describe-db-instances", "--db-instance-identifier", "console-db"]);
  const port = DBInstances[0].Endpoint.Port;
  assert.match(await row.innerText(), new RegExp(`console-db\\s+mysql \\S+\\s+db\\.t3\\.micro\\s+available\\s+\\S+:${port}\\s+admin`));
  await screenshot(page, "rds-databases");

  await row.getByRole("link", { name: "console-db" }).click();
  await page.getByRole("heading", { name: "console-db" }).waitFor();
  assert.equal(await page.getByLabel("Connect command").innerText(), `mariadb -h 127.0.0.1 -P ${port} -u admin -p`);
  await page.getByRole("heading", { name: "Parameter groups" }).waitFor();
  await screenshot(page, "rds-instance");

  await aws(server.url, [
    "rds", "create-db-cluster", "--db-cluster-identifier", "console-cluster", "--engine", "aurora-mysql",
    "--master-username", "admin", "--master-user-password", "secret99",
  ]);
  await page.getByRole("link", { name: "RDS", exact: true }).first().click();
  const cluster = page.getByRole("row", { name: /console-cluster/ });
  await cluster.waitFor({ timeout: 15000 });
  assert.match(await cluster.innerText(), /console-cluster\s+aurora-mysql \S+\s+\S+\s+\S+:\d+\s+admin/);
  await cluster.getByRole("link", { name: "console-cluster" }).click();
  await page.getByRole("heading", { name: "console-cluster" }).waitFor();
  await page.getByRole("cell", { name: /^default\.aurora-mysql/ }).waitFor();
  assert.match(await page.getByLabel("Connect command").innerText(), /^mariadb -h 127\.0\.0\.1 -P \d+ -u admin -p$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a missing queue, function, log group, stack or DB instance shows AWS's error", { skip: why || false }, async () => {
  const cases = [
    ["/sqs/queue/no-such-queue", /QueueDoesNotExist|NonExistentQueue/],
    ["/lambda/function/no-such-function", /ResourceNotFoundException/],
    ["/logs/group/no-such-group", /ResourceNotFoundException/],
    ["/cloudformation/stack/no-such-stack", /ValidationError/],
    ["/rds/instance/no-such-db", /DBInstanceNotFound/],
  ];
  for (const [hash, error] of cases) {
    const { page, errors } = await openPage(hash);
    const alert = page.getByRole("alert").first();
    await alert.waitFor();
    assert.match(await alert.innerText(), error, hash);
    assert.deepEqual(errors, []);
    await page.close();
  }
});
