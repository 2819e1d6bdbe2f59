// Measures how long parsing (and printing) takes for a 1 KB query and for the
// batch ETL's MERGE. Not run by ctest:
//   build/release/src/sql/parser/stratus_sql_parser_bench
#include <string>

#include <benchmark/benchmark.h>

#include "sql/parser/lexer.h"
#include "sql/parser/parser.h"
#include "sql/parser/to_sql.h"

namespace stratus::sql::parser {
namespace {

// About 1 KB: a CTE, joins, a window, CASE, IN, LIKE, GROUP BY, ORDER BY.
constexpr const char* kQuery =
    "WITH daily AS (SELECT date(dt) AS day, user_id, sum(total_cost) AS total, count(*) AS n "
    "FROM mydatabase.transactions t LEFT JOIN mydatabase.users u ON u.id = t.user_id "
    "WHERE t.dt BETWEEN '2024-01-01' AND '2024-12-31' AND u.registration_date IS NOT NULL "
    "GROUP BY date(dt), user_id) "
    "SELECT d.day, d.user_id, d.total, "
    "sum(d.total) OVER (PARTITION BY d.user_id ORDER BY d.day ROWS BETWEEN 6 PRECEDING AND "
    "CURRENT ROW) AS weekly, "
    "rank() OVER (PARTITION BY d.day ORDER BY d.total DESC) AS position_in_day, "
    "CASE WHEN d.total > 100 THEN 'high' WHEN d.total > 10 THEN 'medium' ELSE 'low' END AS band, "
    "coalesce(nullif(trim(u.name), ''), 'unknown') AS name, "
    "CAST(d.total AS decimal(12, 2)) / nullif(d.n, 0) AS average "
    "FROM daily d JOIN mydatabase.users u ON u.id = d.user_id "
    "WHERE d.user_id IN (SELECT id FROM mydatabase.users WHERE name LIKE 'a%') "
    "AND d.day >= current_date - INTERVAL '30' DAY AND NOT (d.total < 0 OR d.n = 0) "
    "AND element_at(map(ARRAY['a', 'b'], ARRAY[1, 2]), 'a') = 1 "
    "AND transform(ARRAY[1, 2, 3], x -> x * 2)[1] = 2 "
    "ORDER BY d.day DESC NULLS LAST, d.total DESC LIMIT 100";

void BM_Tokenize1KB(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(Tokenize(kQuery));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(std::string(kQuery).size()));
}

BENCHMARK(BM_Tokenize1KB);

void BM_Parse1KB(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(ParseStatement(kQuery));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(std::string(kQuery).size()));
}

BENCHMARK(BM_Parse1KB);

void BM_Print1KB(benchmark::State& state) {
  const StatementPtr statement = ParseStatement(kQuery).value();
  for (auto _ : state) {
    benchmark::DoNotOptimize(ToSql(*statement));
  }
}

BENCHMARK(BM_Print1KB);

}  // namespace
}  // namespace stratus::sql::parser

BENCHMARK_MAIN();
