// Starts a real stratus server (the built binary, on a free port, with a
// fresh data dir) and Debian's headless Chromium driven by playwright-core,
// for the console's browser tests. Screenshots go to STRATUS_E2E_OUT
// (default: web/e2e-output/).
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const ROOT = resolve(new URL("../..", import.meta.url).pathname);
export const STRATUS_BIN = process.env.STRATUS_BIN ?? join(ROOT, "build/release/stratus");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const OUT = process.env.STRATUS_E2E_OUT ?? join(ROOT, "web/e2e-output");

/** Returns why the browser tests cannot run here, or "" when they can. */
export function missing() {
  if (!existsSync(STRATUS_BIN)) return `no stratus binary at ${STRATUS_BIN} (./x build)`;
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM} (./x test installs Debian's chromium)`;
  return "";
}

/** Starts stratus; resolves with {url, dataDir, stop()} once it listens. */
export async function startStratus(extraArgs = []) {
  const dataDir = mkdtempSync(join(tmpdir(), "stratus-e2e-"));
  const child = spawn(STRATUS_BIN, ["serve", "--port", "0", "--data-dir", dataDir, ...extraArgs], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`stratus did not start:\n${output}`)), 30000);
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => reject(new Error(`stratus exited (${code}):\n${output}`)));
  });
  return {
    url,
    dataDir,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Launches headless Chromium the way this machine allows (no sandbox as root, no background network). */
export async function launchBrowser() {
  // playwright-core gives each launch a fresh, empty profile of its own.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** Saves a screenshot of `page` as OUT/<name>.png. */
export async function screenshot(page, name) {
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: false });
}

/** Runs `aws` (awscli) against the server. */
export async function aws(url, args, input) {
  const child = spawn("aws", ["--endpoint-url", url, "--region", "us-east-1", "--output", "json", ...args], {
    env: { ...process.env, AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_PAGER: "" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (c) => (out += c));
  child.stderr.on("data", (c) => (err += c));
  if (input !== undefined) child.stdin.end(input);
  else child.stdin.end();
  const code = await new Promise((r) => child.on("exit", r));
  if (code !== 0) throw new Error(`aws ${args.join(" ")} failed (${code}): ${err}`);
  return out.trim() ? JSON.parse(out) : {};
}
