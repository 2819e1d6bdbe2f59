#include "sql/exec/test_functions.h"

#include <cstring>
#include <utility>
#include <vector>

#include "sql/types/sql_error.h"
#include "sql/types/value.h"
#include "sql/vector/vector.h"

namespace stratus::sql::exec::testing {
namespace {

using Binary = Status (*)(int64_t, int64_t, Value*);

std::shared_ptr<const functions::ScalarBinding> MakeBinary(std::string name,
                                                           LogicalType result_type,
                                                           Binary op) {
  auto binding = std::make_shared<functions::ScalarBinding>();
  binding->name = std::move(name);
  binding->argument_types = {LogicalType::Bigint(), LogicalType::Bigint()};
  binding->return_type = result_type;
  binding->kernel = [op, result_type](std::span<const Vector> args, size_t rows,
                                      const functions::FunctionContext&, Vector* result) {
    *result = Vector(result_type, rows);
    result->set_size(rows);
    for (size_t i = 0; i < rows; ++i) {
      const Value a = args[0].GetValue(i);
      const Value b = args[1].GetValue(i);
      if (a.is_null() || b.is_null()) {
        result->SetNull(i, true);
        continue;
      }
      Value out;
      STRATUS_RETURN_IF_ERROR(op(a.int64_value(), b.int64_value(), &out));
      result->SetValue(i, out);
    }
    return Status::Ok();
  };
  return binding;
}

class CountKernel final : public functions::AggregateKernel {
 public:
  explicit CountKernel(bool star) : star_(star) {}

  size_t state_size() const override { return 8; }

  void Initialize(uint8_t* state) const override { std::memset(state, 0, 8); }

  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    for (size_t i = 0; i < rows; ++i) {
      if (star_ || !arguments[0].IsNull(i)) {
        ++*reinterpret_cast<int64_t*>(states[i]);
      }
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    *reinterpret_cast<int64_t*>(target) += *reinterpret_cast<const int64_t*>(source);
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    out->SetValue(row, Value::Bigint(*reinterpret_cast<const int64_t*>(state)));
    return Status::Ok();
  }

 private:
  bool star_;
};

struct SumState {
  int64_t sum;
  int64_t count;
};

class SumKernel final : public functions::AggregateKernel {
 public:
  size_t state_size() const override { return sizeof(SumState); }

  void Initialize(uint8_t* state) const override { std::memset(state, 0, sizeof(SumState)); }

  Status Update(std::span<const Vector> arguments,
                size_t rows,
                uint8_t* const* states) const override {
    for (size_t i = 0; i < rows; ++i) {
      const Value value = arguments[0].GetValue(i);
      if (!value.is_null()) {
        auto* state = reinterpret_cast<SumState*>(states[i]);
        state->sum += value.int64_value();
        ++state->count;
      }
    }
    return Status::Ok();
  }

  Status Combine(const uint8_t* source, uint8_t* target) const override {
    const auto* from = reinterpret_cast<const SumState*>(source);
    auto* to = reinterpret_cast<SumState*>(target);
    to->sum += from->sum;
    to->count += from->count;
    return Status::Ok();
  }

  Status Finalize(const uint8_t* state, Vector* out, size_t row) const override {
    const auto* sum = reinterpret_cast<const SumState*>(state);
    if (sum->count == 0) {
      out->SetNull(row, true);
    } else {
      out->SetValue(row, Value::Bigint(sum->sum));
    }
    return Status::Ok();
  }
};

}  // namespace

std::shared_ptr<const functions::ScalarBinding> AddBigint() {
  static const auto binding =
      MakeBinary("$add", LogicalType::Bigint(), [](int64_t a, int64_t b, Value* out) {
        *out = Value::Bigint(a + b);
        return Status::Ok();
      });
  return binding;
}

std::shared_ptr<const functions::ScalarBinding> DivideBigint() {
  static const auto binding =
      MakeBinary("$divide", LogicalType::Bigint(), [](int64_t a, int64_t b, Value* out) {
        if (b == 0) {
          return SqlError(kDivisionByZero, "Division by zero");
        }
        *out = Value::Bigint(a / b);
        return Status::Ok();
      });
  return binding;
}

std::shared_ptr<const functions::ScalarBinding> GreaterBigint() {
  static const auto binding =
      MakeBinary("$greater_than", LogicalType::Boolean(), [](int64_t a, int64_t b, Value* out) {
        *out = Value::Boolean(a > b);
        return Status::Ok();
      });
  return binding;
}

std::shared_ptr<const functions::ScalarBinding> EqualBigint() {
  static const auto binding =
      MakeBinary("$equal", LogicalType::Boolean(), [](int64_t a, int64_t b, Value* out) {
        *out = Value::Boolean(a == b);
        return Status::Ok();
      });
  return binding;
}

std::shared_ptr<const functions::AggregateBinding> Count(bool star) {
  auto binding = std::make_shared<functions::AggregateBinding>();
  binding->name = "count";
  if (!star) {
    binding->argument_types = {LogicalType::Bigint()};
  }
  binding->return_type = LogicalType::Bigint();
  binding->kernel = std::make_shared<CountKernel>(star);
  return binding;
}

std::shared_ptr<const functions::AggregateBinding> SumBigint() {
  auto binding = std::make_shared<functions::AggregateBinding>();
  binding->name = "sum";
  binding->argument_types = {LogicalType::Bigint()};
  binding->return_type = LogicalType::Bigint();
  binding->kernel = std::make_shared<SumKernel>();
  return binding;
}

plan::ExprPtr Col(size_t column, LogicalType type) {
  return plan::MakeColumn(column, std::move(type));
}

plan::ExprPtr Int(int64_t value) {
  return plan::MakeConstant(Value::Bigint(value));
}

plan::ExprPtr Str(std::string value) {
  return plan::MakeConstant(Value::Varchar(std::move(value)));
}

plan::ExprPtr Add(plan::ExprPtr a, plan::ExprPtr b) {
  return plan::MakeCall(AddBigint(), {std::move(a), std::move(b)});
}

plan::ExprPtr Divide(plan::ExprPtr a, plan::ExprPtr b) {
  return plan::MakeCall(DivideBigint(), {std::move(a), std::move(b)});
}

plan::ExprPtr Greater(plan::ExprPtr a, plan::ExprPtr b) {
  return plan::MakeCall(GreaterBigint(), {std::move(a), std::move(b)});
}

plan::ExprPtr Equal(plan::ExprPtr a, plan::ExprPtr b) {
  return plan::MakeCall(EqualBigint(), {std::move(a), std::move(b)});
}

plan::NodePtr ValuesNode(const std::vector<LogicalType>& types,
                         const std::vector<std::vector<Value>>& rows) {
  auto node = std::make_shared<plan::ValuesNode>();
  for (size_t c = 0; c < types.size(); ++c) {
    node->columns.push_back({.name = "c" + std::to_string(c), .type = types[c]});
  }
  for (const std::vector<Value>& row : rows) {
    std::vector<plan::ExprPtr> exprs;
    for (size_t c = 0; c < row.size(); ++c) {
      exprs.push_back(plan::MakeConstant(row[c].is_null() ? Value::Null(types[c]) : row[c]));
    }
    node->rows.push_back(std::move(exprs));
  }
  return node;
}

plan::NodePtr Sequence(int64_t count, int64_t modulus) {
  std::vector<std::vector<Value>> rows;
  for (int64_t i = 0; i < count; ++i) {
    rows.push_back({Value::Bigint(i), Value::Bigint(i % modulus)});
  }
  return ValuesNode({LogicalType::Bigint(), LogicalType::Bigint()}, rows);
}

plan::NodePtr FilterNode(plan::NodePtr input, plan::ExprPtr predicate) {
  auto node = std::make_shared<plan::FilterNode>();
  node->columns = input->columns;
  node->inputs.push_back(std::move(input));
  node->predicate = std::move(predicate);
  return node;
}

plan::NodePtr ProjectNode(plan::NodePtr input,
                          std::vector<plan::ExprPtr> expressions,
                          std::vector<std::string> names) {
  auto node = std::make_shared<plan::ProjectNode>();
  for (size_t i = 0; i < expressions.size(); ++i) {
    node->columns.push_back({.name = i < names.size() ? names[i] : "p" + std::to_string(i),
                             .type = expressions[i]->type});
  }
  node->inputs.push_back(std::move(input));
  node->expressions = std::move(expressions);
  return node;
}

Vector Bigints(const std::vector<std::optional<int64_t>>& values) {
  Vector vector(LogicalType::Bigint(), values.size());
  vector.set_size(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    vector.SetValue(i, values[i] ? Value::Bigint(*values[i]) : Value::Null(LogicalType::Bigint()));
  }
  return vector;
}

Vector Varchars(const std::vector<std::optional<std::string>>& values) {
  Vector vector(LogicalType::Varchar(), values.size());
  vector.set_size(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    vector.SetValue(i,
                    values[i] ? Value::Varchar(*values[i]) : Value::Null(LogicalType::Varchar()));
  }
  return vector;
}

Batch MakeBatch(std::vector<Vector> columns) {
  const size_t rows = columns.empty() ? 0 : columns[0].size();
  return Batch(std::move(columns), rows);
}

std::string Rows(const std::vector<Batch>& batches) {
  std::string out;
  for (const Batch& batch : batches) {
    out += batch.ToString();
  }
  return out;
}

}  // namespace stratus::sql::exec::testing
