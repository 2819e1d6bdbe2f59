// The seed aggregate of the benchmark (LEFT JOIN + GROUP BY + SUM over the
// headerless CSV lake of ../shared/peers/gen_lake.py) run straight through
// the executor with a hand-built plan, to time the executor alone (not run
// by ctest):
//
//   stratus_sql_exec_bench /tmp/lake [threads] [registry]
//
// With "registry" the plan uses the function registry's sum and date(dt)
// (as the binder would plan the query); without, a local sum over dt.
//
// SELECT dt, user_id, sum(total_cost), registration_date
// FROM transactions LEFT JOIN users ON users.id = transactions.user_id
// GROUP BY dt, user_id, registration_date

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "io/posix_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "sql/exec/executor.h"
#include "sql/functions/function.h"
#include "sql/planner/logical_plan.h"
#include "sql/vector/batch.h"
#include "sql/vector/validity.h"

namespace stratus::sql::exec {
namespace {

// sum(double) with a flat fast path, as a real kernel would have.
class SumDouble final : public functions::AggregateKernel {
 public:
  struct State {
    double sum;
    int64_t count;
  };

  size_t state_size() const override { return sizeof(State); }

  void Initialize(uint8_t* state) const override { std::memset(state, 0, sizeof(State)); }

  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    const Vector flat = arguments[0].Flatten();
    const double* values = flat.values<double>();
    const uint64_t* validity = flat.validity();
    for (size_t i = 0; i < rows; ++i) {
      if (validity == nullptr || IsValidBit(validity, i)) {
        auto* state = reinterpret_cast<State*>(states[i]);
        state->sum += values[i];
        ++state->count;
      }
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* from = reinterpret_cast<const State*>(source);
    auto* to = reinterpret_cast<State*>(target);
    to->sum += from->sum;
    to->count += from->count;
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    const auto* sum = reinterpret_cast<const State*>(state);
    if (sum->count == 0) {
      out->SetNull(row, true);
    } else {
      out->mutable_values<double>()[row] = sum->sum;
    }
    return Status::Ok();
  }
};

std::shared_ptr<catalog::TableDescriptor> Table(const std::string& location,
                                                std::vector<catalog::ColumnDescriptor> columns) {
  auto table = std::make_shared<catalog::TableDescriptor>();
  table->location = location;
  table->columns = std::move(columns);
  table->serde_properties = {{"field.delim", ","}};
  return table;
}

plan::NodePtr Scan(std::shared_ptr<catalog::TableDescriptor> table, std::vector<size_t> columns) {
  auto scan = std::make_shared<plan::ScanNode>();
  for (size_t column : columns) {
    scan->columns.push_back(
        {.name = table->columns[column].name, .type = table->columns[column].type});
  }
  scan->table = std::move(table);
  scan->table_columns = std::move(columns);
  return scan;
}

int Main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s LAKE_DIR [threads]\n", argv[0]);
    return 2;
  }
  const std::string lake_dir = argv[1];
  const size_t threads = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 0;
  const bool registry = argc > 3 && std::string(argv[3]) == "registry";
  io::PosixFileSystem files;
  lake::FileStore store(files, {.sync = false});
  lake::Lake lake(store, store);
  auto transactions = Table("file://" + lake_dir + "/transactions/",
                            {{.name = "transaction_id", .type = LogicalType::Bigint()},
                             {.name = "user_id", .type = LogicalType::Bigint()},
                             {.name = "total_cost", .type = LogicalType::Double()},
                             {.name = "dt", .type = LogicalType::Varchar()}});
  auto users = Table("file://" + lake_dir + "/users/",
                     {{.name = "id", .type = LogicalType::Bigint()},
                      {.name = "registration_date", .type = LogicalType::Varchar()}});
  // transactions(user_id, total_cost, dt) LEFT JOIN users(id, registration_date)
  auto join = std::make_shared<plan::JoinNode>();
  join->inputs = {Scan(transactions, {1, 2, 3}), Scan(users, {0, 1})};
  join->columns = join->inputs[0]->columns;
  join->columns.insert(join->columns.end(), join->inputs[1]->columns.begin(),
                       join->inputs[1]->columns.end());
  join->join_kind = plan::JoinKind::kLeft;
  join->left_keys = {plan::MakeColumn(0, LogicalType::Bigint())};
  join->right_keys = {plan::MakeColumn(0, LogicalType::Bigint())};
  std::shared_ptr<const functions::AggregateBinding> sum;
  if (registry) {
    const std::vector<LogicalType> double_type = {LogicalType::Double()};
    sum = functions::FunctionRegistry::Default().ResolveAggregate("sum", double_type).value();
  } else {
    auto own = std::make_shared<functions::AggregateBinding>();
    own->name = "sum";
    own->argument_types = {LogicalType::Double()};
    own->return_type = LogicalType::Double();
    own->kernel = std::make_shared<SumDouble>();
    sum = own;
  }
  // date(dt) with the registry; dt itself without.
  plan::ExprPtr dt_key = plan::MakeColumn(2, LogicalType::Varchar());
  if (registry) {
    const std::vector<LogicalType> varchar_type = {LogicalType::Varchar()};
    dt_key = plan::MakeCall(
        functions::FunctionRegistry::Default().ResolveScalar("date", varchar_type).value(),
        {dt_key});
  }
  auto aggregate = std::make_shared<plan::AggregateNode>();
  aggregate->inputs = {join};
  aggregate->group_keys = {dt_key, plan::MakeColumn(0, LogicalType::Bigint()),
                           plan::MakeColumn(4, LogicalType::Varchar())};
  aggregate->columns = {{.name = "dt", .type = dt_key->type},
                        {.name = "user_id", .type = LogicalType::Bigint()},
                        {.name = "registration_date", .type = LogicalType::Varchar()},
                        {.name = "total", .type = LogicalType::Double()}};
  aggregate->aggregates = {{.function = sum, .args = {plan::MakeColumn(1, LogicalType::Double())}}};

  Result<std::unique_ptr<Executor>> executor = Executor::Open({.lake = &lake, .threads = threads});
  if (!executor.ok()) {
    std::fprintf(stderr, "%s\n", executor.status().ToString().c_str());
    return 1;
  }
  functions::FunctionContext functions;
  std::atomic<uint64_t> bytes{0};
  RunContext context{.functions = &functions, .bytes_scanned = &bytes};
  uint64_t rows = 0;
  double total = 0;
  const auto start = std::chrono::steady_clock::now();
  Status status = (*executor)->Run(*aggregate, context, [&](const Batch& batch) {
    rows += batch.num_rows();
    const Vector flat = batch.column(3).Flatten();
    for (size_t i = 0; i < batch.num_rows(); ++i) {
      total += flat.values<double>()[i];
    }
    return Status::Ok();
  });
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  (*executor)->Stop();
  if (!status.ok()) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return 1;
  }
  std::printf("groups=%llu sum=%.2f bytes=%llu seconds=%.3f\n",
              static_cast<unsigned long long>(rows), total,
              static_cast<unsigned long long>(bytes.load()), seconds);
  return 0;
}

}  // namespace
}  // namespace stratus::sql::exec

int main(int argc, char** argv) {
  return stratus::sql::exec::Main(argc, argv);
}
