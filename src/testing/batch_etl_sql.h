#pragma once

// The batch ETL's Athena statements as its users wrote them (spacing and
// semicolons included), for the parser's and the engine's tests; only the
// tables' locations are the caller's.

#include <string>
#include <string_view>

namespace stratus::testing {

inline std::string BatchEtlCreateUsers(std::string_view location) {
  return "CREATE EXTERNAL TABLE mydatabase.users ( id                bigint , registration_date "
         "string ) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' STORED AS INPUTFORMAT   "
         "'org.apache.hadoop.mapred.TextInputFormat' OUTPUTFORMAT   "
         "'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat' LOCATION  '" +
         std::string(location) + "' TBLPROPERTIES (  'skip.header.line.count'='0') ;";
}

inline std::string BatchEtlCreateTransactions(std::string_view location) {
  return R"sql(CREATE EXTERNAL TABLE mydatabase.transactions (
    transaction_id    bigint
  , user_id           bigint
  , total_cost        double
  , dt                string
) 
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ',' 
STORED AS INPUTFORMAT   'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT   'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat' 
LOCATION  ')sql" +
         std::string(location) +
         R"sql(' TBLPROPERTIES (  'skip.header.line.count'='0')
;)sql";
}

/// The aggregate the batch ETL merges into its Iceberg table.
inline constexpr const char* kBatchEtlAggregate = R"sql(SELECT 
      date(dt) dt
    , user_id
    , sum(total_cost) total_cost_usd
    , registration_date
  FROM mydatabase.transactions 
  LEFT JOIN mydatabase.users
  ON users.id = transactions.user_id
  GROUP BY
    dt
    , user_id
    , registration_date
;)sql";

}  // namespace stratus::testing
