import { describe, expect, test } from "vitest";
import { completionSchema, explainQuery, formatMillis, previewQuery, readResultPage, tableColumns, tableKind } from "./results";
import type { GetQueryResultsOutput } from "./athena_types";

function output(names: string[], rows: (string | undefined)[][], nextToken?: string): GetQueryResultsOutput {
  return {
    ResultSet: {
      ResultSetMetadata: { ColumnInfo: names.map((n) => ({ Name: n, Label: n, Type: "varchar" })) },
      Rows: rows.map((r) => ({ Data: r.map((v) => (v === undefined ? {} : { VarCharValue: v })) })),
    },
    NextToken: nextToken,
  };
}

describe("readResultPage", () => {
  test("drops the header row of a SELECT's first page", () => {
    const page = readResultPage(output(["dt", "n"], [["dt", "n"], ["2024-01-01", "3"]], "t1"), true, "DML");
    expect(page.columns).toEqual(["dt", "n"]);
    expect(page.rows).toEqual([["2024-01-01", "3"]]);
    expect(page.nextToken).toBe("t1");
  });
  test("keeps every row of a later page", () => {
    const page = readResultPage(output(["dt"], [["dt"], ["x"]]), false, "DML");
    expect(page.rows).toEqual([["dt"], ["x"]]);
  });
  test("keeps every row of a DDL or utility statement", () => {
    expect(readResultPage(output(["tab_name"], [["tab_name"], ["t"]]), true, "UTILITY").rows).toEqual([["tab_name"], ["t"]]);
    expect(readResultPage(output(["x"], [["a"]]), true, "DDL").rows).toEqual([["a"]]);
  });
  test("a missing value is null", () => {
    const page = readResultPage(output(["a", "b"], [["a", "b"], ["1", undefined]]), true, "DML");
    expect(page.rows).toEqual([["1", null]]);
  });
  test("a first row that is not the header stays", () => {
    expect(readResultPage(output(["a"], [["1"]]), true, "DML").rows).toEqual([["1"]]);
  });
});

describe("the catalog", () => {
  const iceberg = {
    Name: "user_transactions",
    TableType: "EXTERNAL_TABLE",
    Parameters: { table_type: "ICEBERG" },
    StorageDescriptor: { Columns: [{ Name: "user_id", Type: "bigint" }, { Name: "total_cost_usd", Type: "double" }] },
    PartitionKeys: [{ Name: "dt", Type: "string" }],
  };
  test("table kinds", () => {
    expect(tableKind(iceberg)).toBe("ICEBERG");
    expect(tableKind({ Name: "v", TableType: "VIRTUAL_VIEW" })).toBe("VIEW");
    expect(tableKind({ Name: "e", TableType: "EXTERNAL_TABLE" })).toBe("EXTERNAL");
    expect(tableKind({ Name: "m" })).toBe("MANAGED");
  });
  test("partition keys come after the columns, marked", () => {
    expect(tableColumns(iceberg).map((c) => [c.Name, c.partition])).toEqual([
      ["user_id", false],
      ["total_cost_usd", false],
      ["dt", true],
    ]);
  });
  test("the completion schema names databases, tables and columns", () => {
    const schema = completionSchema([{ name: "mydatabase", tables: [iceberg] }, { name: "empty", tables: null }]);
    expect(Object.keys(schema)).toEqual(["mydatabase", "empty"]);
    expect(schema.mydatabase.user_transactions.map((c) => c.label)).toEqual(["user_id", "total_cost_usd", "dt"]);
    expect(schema.mydatabase.user_transactions[0].detail).toBe("bigint");
  });
});

describe("statements", () => {
  test("preview quotes names that need it", () => {
    expect(previewQuery("mydatabase", "users")).toBe("SELECT * FROM mydatabase.users LIMIT 10");
    expect(previewQuery("my-db", 'odd"name')).toBe('SELECT * FROM "my-db"."odd""name" LIMIT 10');
  });
  test("explain drops a trailing semicolon", () => {
    expect(explainQuery("  SELECT 1;  \n")).toBe("EXPLAIN ANALYZE SELECT 1");
  });
  test("durations", () => {
    expect(formatMillis(850)).toBe("850 ms");
    expect(formatMillis(2400)).toBe("2.40 s");
    expect(formatMillis(185000)).toBe("3 min 5 s");
    expect(formatMillis(undefined)).toBe("");
  });
});
