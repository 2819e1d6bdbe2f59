import { describe, expect, it } from "vitest";
import { formatSeconds, parseAttributeLines } from "./sqs";

describe("parseAttributeLines", () => {
  it("sends numbers as Number and the rest as String, skipping blank lines", () => {
    expect(parseAttributeLines("kind = order\n\nqty=3\nnote=a=b")).toEqual({
      kind: { DataType: "String", StringValue: "order" },
      qty: { DataType: "Number", StringValue: "3" },
      note: { DataType: "String", StringValue: "a=b" },
    });
  });
  it("rejects a line without a name", () => {
    expect(() => parseAttributeLines("=3")).toThrow(/NAME=VALUE/);
    expect(() => parseAttributeLines("justtext")).toThrow(/NAME=VALUE/);
  });
});

describe("formatSeconds", () => {
  it("adds the larger unit a queue setting reads best in", () => {
    expect(formatSeconds("30")).toBe("30 s");
    expect(formatSeconds("90")).toBe("90 s (1.5 min)");
    expect(formatSeconds("345600")).toBe("345600 s (4 days)");
    expect(formatSeconds("7200")).toBe("7200 s (2 hours)");
    expect(formatSeconds(undefined)).toBe("");
  });
});
