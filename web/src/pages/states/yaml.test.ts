import { describe, expect, test } from "vitest";
import { toYaml } from "./yaml";

describe("toYaml", () => {
  test("a definition in block style", () => {
    const definition = {
      StartAt: "Decide",
      States: {
        Decide: {
          Type: "Choice",
          Choices: [{ Variable: "$.n", NumericGreaterThan: 1, Next: "Done" }],
          Default: "Done",
        },
        Done: { Type: "Succeed", Output: {}, Items: [] },
      },
    };
    expect(toYaml(definition)).toBe(
      [
        "StartAt: Decide",
        "States:",
        "  Decide:",
        "    Type: Choice",
        "    Choices:",
        "      - Variable: $.n",
        "        NumericGreaterThan: 1",
        "        Next: Done",
        "    Default: Done",
        "  Done:",
        "    Type: Succeed",
        "    Output: {}",
        "    Items: []",
        "",
      ].join("\n"),
    );
  });

  test("strings YAML would read differently are quoted", () => {
    expect(toYaml({ a: "true", b: "12", c: "x: y", d: "", e: " pad", f: "line\nbreak", g: "#tag", h: "*users", i: "null", j: "Hello World" })).toBe(
      ['a: "true"', 'b: "12"', 'c: "x: y"', 'd: ""', 'e: " pad"', 'f: "line\\nbreak"', 'g: "#tag"', 'h: "*users"', 'i: "null"', "j: Hello World", ""].join("\n"),
    );
  });

  test("scalars, nulls, nested lists", () => {
    expect(toYaml(null)).toBe("null\n");
    expect(toYaml([1, [2, 3], { "QueryExecutionId.$": "$.Id" }, false])).toBe(
      ["- 1", "- - 2", "  - 3", "- QueryExecutionId.$: $.Id", "- false", ""].join("\n"),
    );
  });
});
