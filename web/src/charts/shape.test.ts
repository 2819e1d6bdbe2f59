import { describe, expect, test } from "vitest";
import { guessSpec, shapeChart, sortDistinct, toCsv } from "./shape";

// The batch ETL's dashboard: total_cost_usd by dt, split by user_id.
const COLUMNS = ["dt", "user_id", "total_cost_usd", "registration_date"];
const ROWS = [
  ["2023-01-02", "2", "30.5", "2022-12-01"],
  ["2023-01-01", "1", "10.25", "2022-11-01"],
  ["2023-01-01", "2", "5", "2022-12-01"],
  ["2023-01-02", "1", "7.75", "2022-11-01"],
  ["2023-01-03", "1", "1", "2022-11-01"],
];

describe("shapeChart", () => {
  test("dimension sorted, one series per split value, gaps are null", () => {
    const shaped = shapeChart(COLUMNS, ROWS, { kind: "bar", dimension: "dt", metric: "total_cost_usd", split: "user_id" });
    expect(shaped.categories).toEqual(["2023-01-01", "2023-01-02", "2023-01-03"]);
    expect(shaped.series).toEqual([
      { name: "1", values: [10.25, 7.75, 1] },
      { name: "2", values: [5, 30.5, null] },
    ]);
  });
  test("without a split the metric is summed per category", () => {
    const shaped = shapeChart(COLUMNS, ROWS, { kind: "line", dimension: "dt", metric: "total_cost_usd" });
    expect(shaped.series).toEqual([{ name: "total_cost_usd", values: [15.25, 38.25, 1] }]);
  });
  test("aggregates other than sum", () => {
    const spec = { kind: "bar", dimension: "user_id", metric: "total_cost_usd" } as const;
    expect(shapeChart(COLUMNS, ROWS, { ...spec, aggregate: "count" }).series[0].values).toEqual([3, 2]);
    expect(shapeChart(COLUMNS, ROWS, { ...spec, aggregate: "max" }).series[0].values).toEqual([10.25, 30.5]);
    expect(shapeChart(COLUMNS, ROWS, { ...spec, aggregate: "min" }).series[0].values).toEqual([1, 5]);
    expect(shapeChart(COLUMNS, ROWS, { ...spec, aggregate: "avg" }).series[0].values).toEqual([19 / 3, 17.75]);
  });
  test("numeric categories sort as numbers; NULL is a category of its own", () => {
    expect(sortDistinct(["10", "9", "100"])).toEqual(["9", "10", "100"]);
    const shaped = shapeChart(["k", "v"], [["a", "1"], [null, "2"], ["a", null]], { kind: "bar", dimension: "k", metric: "v" });
    expect(shaped.categories).toEqual(["NULL", "a"]);
    expect(shaped.series[0].values).toEqual([2, 1]);
  });
  test("a missing or non-numeric metric is a clear error", () => {
    expect(() => shapeChart(COLUMNS, ROWS, { kind: "bar", dimension: "dt", metric: "nope" })).toThrow(/metric column "nope" is not in the result/);
    expect(() => shapeChart(COLUMNS, ROWS, { kind: "bar", dimension: "user_id", metric: "dt" })).toThrow(/not numeric/);
  });
});

test("guessSpec picks a text dimension and a numeric metric", () => {
  expect(guessSpec(COLUMNS, ROWS)).toEqual({ kind: "bar", dimension: "dt", metric: "user_id" });
  expect(guessSpec(["a"], [["x"]])).toBeNull();
});

test("toCsv quotes what needs quoting", () => {
  expect(toCsv(["a", "b"], [["1,2", 'say "hi"'], [null, "x"]])).toBe('a,b\r\n"1,2","say ""hi"""\r\n,x\r\n');
});
