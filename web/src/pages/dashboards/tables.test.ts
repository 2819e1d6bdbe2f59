import { describe, expect, it } from "vitest";
import { tablesOf } from "./tables";

describe("tablesOf", () => {
  it("finds qualified and unqualified tables after FROM and JOIN", () => {
    const sql = `SELECT u.id, sum(t.cost) FROM mydatabase.users u LEFT JOIN transactions t ON u.id = t.user_id
      JOIN "Other"."Mixed Case" m ON true GROUP BY 1`;
    expect(tablesOf(sql, "Default_DB")).toEqual([
      { database: "mydatabase", table: "users" },
      { database: "default_db", table: "transactions" },
      { database: "Other", table: "Mixed Case" },
    ]);
  });

  it("names each table once and ignores subqueries, strings and comments", () => {
    const sql = `-- FROM commented.out
      SELECT 'FROM quoted.string' AS s FROM (SELECT * FROM db.t) x JOIN db.t ON true /* JOIN c.d */`;
    expect(tablesOf(sql, "")).toEqual([{ database: "db", table: "t" }]);
  });

  it("needs a database for an unqualified table", () => {
    expect(tablesOf("SELECT 1 FROM t", "")).toEqual([]);
  });
});
