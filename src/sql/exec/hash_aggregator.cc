#include "sql/exec/hash_aggregator.h"

#include <algorithm>
#include <utility>

#include "sql/exec/expression_evaluator.h"
#include "sql/exec/group_table.h"
#include "sql/exec/row_copy.h"
#include "sql/functions/function.h"
#include "sql/planner/logical_plan.h"
#include "sql/types/value.h"

namespace stratus::sql::exec {

struct HashAggregator::Distinct {
  std::unique_ptr<GroupTable> table;
};

namespace {

std::vector<std::vector<size_t>> SetsOf(const plan::AggregateNode& node) {
  if (!node.grouping_sets.empty()) {
    return node.grouping_sets;
  }
  std::vector<size_t> all(node.group_keys.size());
  for (size_t i = 0; i < all.size(); ++i) {
    all[i] = i;
  }
  return {all};
}

// Trino's grouping(): bit (n-1-i) set when key i is not in the set.
int64_t GroupingId(const std::vector<size_t>& set, size_t num_keys) {
  int64_t id = 0;
  for (size_t i = 0; i < num_keys; ++i) {
    if (std::find(set.begin(), set.end(), i) == set.end()) {
      id |= int64_t{1} << (num_keys - 1 - i);
    }
  }
  return id;
}

}  // namespace

HashAggregator::HashAggregator(const plan::AggregateNode& node,
                               const functions::FunctionContext* context)
    : node_(node), context_(context), num_keys_(node.group_keys.size()) {
  with_grouping_id_ = node.grouping_sets.size() > 1;
  std::vector<LogicalType> key_types;
  for (const plan::ExprPtr& key : node.group_keys) {
    key_types.push_back(key->type);
  }
  if (with_grouping_id_) {
    key_types.push_back(LogicalType::Bigint());
  }
  size_t offset = 0;
  for (const plan::AggregateCall& call : node.aggregates) {
    offsets_.push_back(offset);
    offset += (call.function->kernel->state_size() + 15) / 16 * 16;
    if (call.distinct) {
      std::vector<LogicalType> distinct_types = {LogicalType::Bigint()};
      for (const plan::ExprPtr& arg : call.args) {
        distinct_types.push_back(arg->type);
      }
      auto distinct = std::make_unique<Distinct>();
      distinct->table = std::make_unique<GroupTable>(std::move(distinct_types), 0);
      distinct_.push_back(std::move(distinct));
    } else {
      distinct_.push_back(nullptr);
    }
  }
  table_ = std::make_unique<GroupTable>(std::move(key_types), offset);
}

HashAggregator::~HashAggregator() {
  for (size_t i = 0; i < node_.aggregates.size(); ++i) {
    const functions::AggregateKernel& kernel = *node_.aggregates[i].function->kernel;
    if (!kernel.needs_destroy()) {
      continue;
    }
    for (uint32_t group = 0; group < table_->num_groups(); ++group) {
      kernel.Destroy(table_->state(group) + offsets_[i]);
    }
  }
}

bool HashAggregator::Mergeable(const plan::AggregateNode& node) {
  return std::none_of(node.aggregates.begin(), node.aggregates.end(),
                      [](const plan::AggregateCall& call) { return call.distinct; });
}

size_t HashAggregator::memory_bytes() const {
  size_t bytes = table_->memory_bytes();
  for (const std::unique_ptr<Distinct>& distinct : distinct_) {
    if (distinct != nullptr) {
      bytes += distinct->table->memory_bytes();
    }
  }
  return bytes;
}

void HashAggregator::InitializeStates(const std::vector<uint32_t>& new_groups) {
  for (size_t i = 0; i < node_.aggregates.size(); ++i) {
    const functions::AggregateKernel& kernel = *node_.aggregates[i].function->kernel;
    for (uint32_t group : new_groups) {
      kernel.Initialize(table_->state(group) + offsets_[i]);
    }
  }
}

Status HashAggregator::Consume(const Batch& input) {
  const size_t rows = input.num_rows();
  std::vector<Vector> key_values;
  key_values.reserve(num_keys_);
  for (const plan::ExprPtr& key : node_.group_keys) {
    STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(*key, input, *context_));
    key_values.push_back(std::move(value));
  }
  std::vector<uint32_t> groups(rows);
  for (const std::vector<size_t>& set : SetsOf(node_)) {
    std::vector<Vector> keys;
    keys.reserve(num_keys_ + 1);
    for (size_t i = 0; i < num_keys_; ++i) {
      if (std::find(set.begin(), set.end(), i) != set.end()) {
        keys.push_back(key_values[i]);
      } else {
        keys.push_back(Vector::Constant(Value::Null(node_.group_keys[i]->type), rows));
      }
    }
    if (with_grouping_id_) {
      keys.push_back(Vector::Constant(Value::Bigint(GroupingId(set, num_keys_)), rows));
    }
    new_groups_.clear();
    table_->FindOrInsert(keys, rows, groups.data(), &new_groups_);
    InitializeStates(new_groups_);
    STRATUS_RETURN_IF_ERROR(UpdateAggregates(input, groups));
  }
  return Status::Ok();
}

Status HashAggregator::UpdateAggregates(const Batch& input, const std::vector<uint32_t>& groups) {
  SelectionVector rows;
  for (size_t i = 0; i < node_.aggregates.size(); ++i) {
    STRATUS_RETURN_IF_ERROR(UpdateOne(i, input, groups, &rows));
  }
  return Status::Ok();
}

Status HashAggregator::UpdateOne(size_t index,
                                 const Batch& input,
                                 const std::vector<uint32_t>& groups,
                                 SelectionVector* rows) {
  const plan::AggregateCall& call = node_.aggregates[index];
  const size_t num_rows = input.num_rows();
  bool all_rows = true;
  if (call.filter != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(*rows, EvaluatePredicate(*call.filter, input, *context_));
    if (rows->empty()) {
      return Status::Ok();
    }
    all_rows = rows->size() == num_rows;
  }
  const Batch subset = all_rows ? input : SubsetBatch(input, *rows);
  std::vector<Vector> args;
  args.reserve(call.args.size());
  for (const plan::ExprPtr& arg : call.args) {
    STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(*arg, subset, *context_));
    args.push_back(std::move(value));
  }
  // The input row of each subset row.
  std::vector<uint32_t> source(subset.num_rows());
  for (size_t i = 0; i < source.size(); ++i) {
    source[i] = all_rows ? static_cast<uint32_t>(i) : (*rows)[i];
  }
  if (distinct_[index] != nullptr) {
    GroupTable& seen = *distinct_[index]->table;
    Vector group_column(LogicalType::Bigint(), source.size());
    group_column.set_size(source.size());
    auto* group_values = group_column.mutable_values<int64_t>();
    for (size_t i = 0; i < source.size(); ++i) {
      group_values[i] = groups[source[i]];
    }
    std::vector<Vector> keys = {group_column};
    keys.insert(keys.end(), args.begin(), args.end());
    std::vector<uint32_t> distinct_groups(source.size());
    const size_t before = seen.num_groups();
    seen.FindOrInsert(keys, source.size(), distinct_groups.data(), nullptr);
    std::vector<uint8_t> taken(seen.num_groups() - before, 0);
    std::vector<uint32_t> fresh;
    for (size_t i = 0; i < source.size(); ++i) {
      if (distinct_groups[i] >= before && taken[distinct_groups[i] - before] == 0) {
        taken[distinct_groups[i] - before] = 1;
        fresh.push_back(static_cast<uint32_t>(i));
      }
    }
    if (fresh.empty()) {
      return Status::Ok();
    }
    SelectionVector fresh_rows(fresh);
    for (Vector& arg : args) {
      arg = Vector::Dictionary(arg, fresh_rows);
    }
    std::vector<uint32_t> fresh_source(fresh.size());
    for (size_t i = 0; i < fresh.size(); ++i) {
      fresh_source[i] = source[fresh[i]];
    }
    source = std::move(fresh_source);
  }
  std::vector<uint8_t*> states(source.size());
  const size_t offset = offsets_[index];
  for (size_t i = 0; i < source.size(); ++i) {
    states[i] = table_->state(groups[source[i]]) + offset;
  }
  return call.function->kernel->Update(args, source.size(), states.data());
}

Status HashAggregator::Merge(HashAggregator& other) {
  const size_t total = other.table_->num_groups();
  std::vector<uint32_t> groups(kBatchRows);
  for (size_t begin = 0; begin < total; begin += kBatchRows) {
    const size_t count = std::min(kBatchRows, total - begin);
    std::vector<Vector> keys;
    for (const Vector& key : other.table_->keys()) {
      keys.push_back(key.Slice(begin, count));
    }
    new_groups_.clear();
    table_->FindOrInsert(keys, count, groups.data(), &new_groups_);
    InitializeStates(new_groups_);
    for (size_t i = 0; i < node_.aggregates.size(); ++i) {
      const functions::AggregateKernel& kernel = *node_.aggregates[i].function->kernel;
      for (size_t j = 0; j < count; ++j) {
        STRATUS_RETURN_IF_ERROR(
            kernel.Combine(other.table_->state(static_cast<uint32_t>(begin + j)) + offsets_[i],
                           table_->state(groups[j]) + offsets_[i]));
      }
    }
  }
  return Status::Ok();
}

Status HashAggregator::EnsureEmptySetGroups() {
  for (const std::vector<size_t>& set : SetsOf(node_)) {
    if (!set.empty()) {
      continue;
    }
    std::vector<Vector> keys;
    for (const plan::ExprPtr& key : node_.group_keys) {
      keys.push_back(Vector::Constant(Value::Null(key->type), 1));
    }
    if (with_grouping_id_) {
      keys.push_back(Vector::Constant(Value::Bigint(GroupingId(set, num_keys_)), 1));
    }
    uint32_t group = 0;
    new_groups_.clear();
    table_->FindOrInsert(keys, 1, &group, &new_groups_);
    InitializeStates(new_groups_);
  }
  return Status::Ok();
}

Result<std::vector<Batch>> HashAggregator::Finalize() {
  STRATUS_RETURN_IF_ERROR(EnsureEmptySetGroups());
  std::vector<Batch> out;
  const size_t total = table_->num_groups();
  for (size_t begin = 0; begin < total; begin += kBatchRows) {
    const size_t count = std::min(kBatchRows, total - begin);
    std::vector<Vector> columns;
    for (const Vector& key : table_->keys()) {
      columns.push_back(key.Slice(begin, count));
    }
    for (size_t i = 0; i < node_.aggregates.size(); ++i) {
      const functions::AggregateBinding& binding = *node_.aggregates[i].function;
      Vector result(binding.return_type, count);
      result.set_size(count);
      for (size_t j = 0; j < count; ++j) {
        STRATUS_RETURN_IF_ERROR(binding.kernel->Finalize(
            table_->state(static_cast<uint32_t>(begin + j)) + offsets_[i], &result, j));
      }
      columns.push_back(std::move(result));
    }
    out.emplace_back(std::move(columns), count);
  }
  return out;
}

}  // namespace stratus::sql::exec
