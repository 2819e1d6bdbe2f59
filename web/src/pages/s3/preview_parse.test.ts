import { describe, expect, test } from "vitest";
import { guessDelimiter, hasHeader, kindOfKey, previewCsv, previewJson, sniffKind, splitRecords } from "./preview_parse";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("kinds", () => {
  test("by the key, looking through .gz", () => {
    expect(kindOfKey("a/b.csv")).toBe("csv");
    expect(kindOfKey("a/b.CSV.gz")).toBe("csv");
    expect(kindOfKey("events.jsonl")).toBe("json");
    expect(kindOfKey("part-0.parquet")).toBe("parquet");
    expect(kindOfKey("000000_0")).toBeUndefined();
  });
  test("by the bytes", () => {
    expect(sniffKind(utf8("PAR1xxxx"), "")).toBe("parquet");
    expect(sniffKind(new Uint8Array([1, 2, 0, 4]), "")).toBe("binary");
    expect(sniffKind(utf8('{"a":1}'), '{"a":1}')).toBe("json");
    expect(sniffKind(utf8("1\u0001x\n2\u0001y\n"), "1\u0001x\n2\u0001y\n")).toBe("csv");
    expect(sniffKind(utf8("hello world\n"), "hello world\n")).toBe("text");
  });
});

describe("csv", () => {
  test("quotes, doubled quotes, CRLF", () => {
    expect(splitRecords('a,"b,c","d""e"\r\n1,2,3', ",")).toEqual([["a", "b,c", 'd"e'], ["1", "2", "3"]]);
  });
  test("the delimiter is guessed among , ; tab | and \\u0001", () => {
    expect(guessDelimiter("a;b;c\n1;2,5;3\n4;5;6\n").delimiter).toBe(";");
    expect(guessDelimiter("a\tb\n1\t2\n").delimiter).toBe("\t");
    expect(guessDelimiter("a|b|c\n1|2|3\n").delimiter).toBe("|");
    expect(guessDelimiter("a,b\n1,2\n")).toEqual({ delimiter: ",", columns: 2 });
    expect(guessDelimiter("x\u0001y\n").delimiter).toBe("\u0001");
  });
  test("a header is told from data", () => {
    expect(hasHeader([["id", "name"], ["1", "ann"]])).toBe(true);
    expect(hasHeader([["1", "ann"], ["2", "bob"]])).toBe(false);
    expect(hasHeader([["ann", "paris"], ["bob", "rome"]])).toBe(true);
    expect(hasHeader([["ann", "paris"], ["bob", "paris"]])).toBe(false);
    expect(hasHeader([["2024-01-02", "x"], ["2024-01-03", "y"]])).toBe(false);
  });
  test("a headerless (Hive) file gets numbered columns", () => {
    const table = previewCsv("1|ann|3.5\n2|bob|4\n", false);
    expect(table.delimiter).toBe("|");
    expect(table.header).toBe(false);
    expect(table.columns).toEqual(["1", "2", "3"]);
    expect(table.rows).toEqual([["1", "ann", "3.5"], ["2", "bob", "4"]]);
  });
  test("a truncated read drops its partial last line", () => {
    const table = previewCsv("id,name\n1,ann\n2,bo", true);
    expect(table.columns).toEqual(["id", "name"]);
    expect(table.rows).toEqual([["1", "ann"]]);
  });
  test("the header can be forced", () => {
    expect(previewCsv("a,b\nc,d\n", false, false).rows).toHaveLength(2);
  });
});

describe("json", () => {
  test("a document is pretty-printed", () => {
    expect(previewJson('{"a":[1,2]}', false)).toEqual({ kind: "document", text: '{\n  "a": [\n    1,\n    2\n  ]\n}' });
  });
  test("JSON Lines become a table over the union of keys", () => {
    const preview = previewJson('{"id":1,"tags":["x"]}\n{"id":2,"name":"b"}\n', false);
    expect(preview).toEqual({ kind: "lines", table: { columns: ["id", "tags", "name"], rows: [["1", '["x"]', null], ["2", null, "b"]] } });
  });
  test("a truncated JSON Lines read drops its partial last line", () => {
    const preview = previewJson('{"id":1}\n{"id":2}\n{"id', true);
    expect(preview.kind === "lines" && preview.table.rows).toEqual([["1"], ["2"]]);
  });
  test("anything else is shown as it is", () => {
    expect(previewJson("{nope", false)).toEqual({ kind: "raw", text: "{nope" });
  });
});
