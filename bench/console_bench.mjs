// The web console's speed, in a real Chromium against a real stratus:
//   - first paint: navigation start → first contentful paint of the console;
//   - a 100-state graph: navigation start → the machine page's last state
//     drawn (a generated machine created with awscli);
// each the median of 5 runs in a fresh browser context (cold cache); and
// the bundle's size (the sum of web/dist's .gz files).
// Run from web/: npm run bench (needs npm run build and build/release/stratus).
import { readdirSync, statSync, writeFileSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { aws, launchBrowser, missing, startStratus } from "../web/e2e/harness.mjs";

const RUNS = 5;
const STATES = 100;
const DIST = new URL("../web/dist/", import.meta.url).pathname;

/** A chain of Tasks and Passes with a Choice every 10 states. */
function bigMachine(count) {
  const states = {};
  for (let i = 0; i < count; i++) {
    const next = i + 1 < count ? `Step ${i + 1}` : undefined;
    if (i % 10 === 5 && i + 3 < count) {
      states[`Step ${i}`] = { Type: "Choice", Choices: [{ Variable: "$.n", NumericGreaterThan: i, Next: `Step ${i + 2}` }], Default: next };
    } else {
      const tail = next ? { Next: next } : { End: true };
      states[`Step ${i}`] = i % 7 === 3 ? { Type: "Pass", ...tail } : { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", ...tail };
    }
  }
  return { StartAt: "Step 0", States: states };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function gzipBytes(dir) {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) total += gzipBytes(path);
    else if (name.endsWith(".gz")) total += statSync(path).size;
  }
  return total;
}

const why = missing();
if (why) {
  console.error(`console bench: ${why}`);
  process.exit(1);
}
const server = await startStratus();
const browser = await launchBrowser();
try {
  const file = join(mkdtempSync(join(tmpdir(), "console-bench-")), "machine.asl.json");
  writeFileSync(file, JSON.stringify(bigMachine(STATES)));
  const { stateMachineArn } = await aws(server.url, [
    "stepfunctions",
    "create-state-machine",
    "--name",
    "bench-100-states",
    "--definition",
    `file://${file}`,
    "--role-arn",
    "arn:aws:iam::000000000000:role/bench",
  ]);

  const paints = [];
  const graphs = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/_stratus/ui/`);
    const fcp = await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime);
    paints.push(await fcp.jsonValue());
    await context.close();
  }
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const last = `Step ${STATES - 1}`;
    // Notes the moment (since navigation start) the last state enters the DOM.
    await page.addInitScript((name) => {
      const seen = () => {
        if (document.querySelector(`[data-state="${name}"]`)) {
          window.__graphDrawn = performance.now();
          return true;
        }
        return false;
      };
      new MutationObserver((_records, observer) => seen() && observer.disconnect()).observe(document, { childList: true, subtree: true });
    }, last);
    await page.goto(`${server.url}/_stratus/ui/#/states/machine/${encodeURIComponent(stateMachineArn)}`);
    const drawn = await page.waitForFunction(() => window.__graphDrawn, undefined, { timeout: 60000 });
    graphs.push(await drawn.jsonValue());
    if ((await page.locator("[data-state]").count()) !== STATES) throw new Error("the graph does not show every state");
    await context.close();
  }
  const ms = (v) => `${v.toFixed(0)} ms`;
  console.log(`console first contentful paint: median ${ms(median(paints))} (runs: ${paints.map(ms).join(", ")})`);
  console.log(`${STATES}-state graph drawn: median ${ms(median(graphs))} (runs: ${graphs.map(ms).join(", ")})`);
  console.log(`console bundle: ${gzipBytes(DIST)} bytes gzipped (web/dist/**/*.gz)`);
} finally {
  await browser.close();
  await server.stop();
}
