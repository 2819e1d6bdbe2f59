import { describe, expect, it } from "vitest";
import { decodeBase64, parseReport } from "./lambda";

describe("parseReport", () => {
  it("reads the request id, durations and memory of a REPORT line", () => {
    const line = "REPORT RequestId: 8f5c-11\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 18 MB\t\n";
    expect(parseReport(line, 5)).toEqual({
      requestId: "8f5c-11",
      timestamp: 5,
      duration: "12.34 ms",
      billed: "13 ms",
      memory: "128 MB",
      maxMemory: "18 MB",
    });
  });
  it("skips lines that are not REPORT lines", () => {
    expect(parseReport("START RequestId: x Version: $LATEST", 1)).toBeUndefined();
    expect(parseReport("a REPORT of the day", 1)).toBeUndefined();
  });
});

describe("decodeBase64", () => {
  it("decodes UTF-8 log tails and keeps text that is not base64", () => {
    expect(decodeBase64(btoa(String.fromCharCode(...new TextEncoder().encode("héllo\n"))))).toBe("héllo\n");
    expect(decodeBase64("not base64!")).toBe("not base64!");
  });
});
