import { describe, expect, test } from "vitest";
import { baseName, crumbs, folderHref, objectHref, parseS3Hash } from "./s3_route";

describe("s3 routes", () => {
  test("buckets, folders and objects", () => {
    expect(parseS3Hash("#/s3")).toEqual({ view: "buckets" });
    expect(parseS3Hash("#/s3/b")).toEqual({ view: "folder", bucket: "b", prefix: "" });
    expect(parseS3Hash("#/s3/b/")).toEqual({ view: "folder", bucket: "b", prefix: "" });
    expect(parseS3Hash("#/s3/b/data/2024/")).toEqual({ view: "folder", bucket: "b", prefix: "data/2024/" });
    expect(parseS3Hash("#/s3/b/data/x.csv?tab=1")).toEqual({ view: "object", bucket: "b", key: "data/x.csv" });
  });
  test("links round-trip keys with odd characters and empty segments", () => {
    for (const key of ["a b/c?d#e.csv", "a//b", "x/%/y+z", "ü/ñ.json"]) {
      expect(parseS3Hash(objectHref("bk", key))).toEqual({ view: "object", bucket: "bk", key });
      expect(parseS3Hash(folderHref("bk", key + "/"))).toEqual({ view: "folder", bucket: "bk", prefix: key + "/" });
    }
  });
  test("breadcrumbs name each parent folder", () => {
    expect(crumbs("b", "data/2024/x.csv").map(([label]) => label)).toEqual(["S3", "b", "data", "2024"]);
    expect(crumbs("b", "data/2024/").map(([label]) => label)).toEqual(["S3", "b", "data"]);
    expect(crumbs("b", "data/2024/")[2][1]).toBe("#/s3/b/data/");
  });
  test("base names", () => {
    expect(baseName("a/b/")).toBe("b/");
    expect(baseName("a/c.csv")).toBe("c.csv");
    expect(baseName("top")).toBe("top");
  });
});
