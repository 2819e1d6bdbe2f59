#include "sql/exec/hash_aggregator.h"

#include <algorithm>
#include <utility>

#include "sql/exec/expression_evaluator.h"
#include "sql/exec/group_table.h"
#include "sql/exec/row_copy.h"
#include "sql/exec/spill_file.h"
#include "sql/exec/vector_hash.h"
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

// The partition of a hash: bits the slot index (low bits) and the tag
// (high 32 bits) use least.
inline size_t PartitionOf(uint64_t hash) {
  return (hash >> 24) % HashAggregator::kPartitions;
}

}  // namespace

HashAggregator::HashAggregator(const plan::AggregateNode& node,
                               const functions::FunctionContext* context)
    : node_(node), context_(context), num_keys_(node.group_keys.size()) {
  with_grouping_id_ = node.grouping_sets.size() > 1;
  for (const plan::Column& column : node.inputs[0]->columns) {
    input_types_.push_back(column.type);
  }
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
  for (std::unique_ptr<GroupTable>& table : tables_) {
    table = std::make_unique<GroupTable>(key_types, offset);
  }
}

HashAggregator::~HashAggregator() {
  for (size_t p = 0; p < kPartitions; ++p) {
    ReleasePartition(p);
  }
}

void HashAggregator::ReleasePartition(size_t partition) {
  std::unique_ptr<GroupTable>& table = tables_[partition];
  if (table == nullptr) {
    return;
  }
  DestroyStates(*table, 0, table->num_groups());
  table.reset();
}

void HashAggregator::DestroyStates(GroupTable& table, size_t begin, size_t end) {
  for (size_t i = 0; i < node_.aggregates.size(); ++i) {
    const functions::AggregateKernel& kernel = *node_.aggregates[i].function->kernel;
    if (!kernel.needs_destroy()) {
      continue;
    }
    for (size_t group = begin; group < end; ++group) {
      kernel.Destroy(table.state(static_cast<uint32_t>(group)) + offsets_[i]);
    }
  }
}

bool HashAggregator::Mergeable(const plan::AggregateNode& node) {
  return std::none_of(node.aggregates.begin(), node.aggregates.end(),
                      [](const plan::AggregateCall& call) { return call.distinct; });
}

size_t HashAggregator::memory_bytes() const {
  size_t bytes = 0;
  for (const std::unique_ptr<GroupTable>& table : tables_) {
    bytes += table != nullptr ? table->memory_bytes() : 0;
  }
  for (const std::unique_ptr<Distinct>& distinct : distinct_) {
    if (distinct != nullptr) {
      bytes += distinct->table->memory_bytes();
    }
  }
  return bytes;
}

void HashAggregator::InitializeStates(GroupTable& table, const std::vector<uint32_t>& new_groups) {
  for (size_t i = 0; i < node_.aggregates.size(); ++i) {
    const functions::AggregateKernel& kernel = *node_.aggregates[i].function->kernel;
    for (uint32_t group : new_groups) {
      kernel.Initialize(table.state(group) + offsets_[i]);
    }
  }
}

void HashAggregator::FindGroups(const std::vector<Vector>& keys,
                                size_t rows,
                                std::vector<uint8_t*>* states,
                                std::vector<int64_t>* group_ids) {
  if (keys.empty()) {
    // No keys (a global aggregate): every row has the one group of partition 0.
    GroupTable& table = *tables_[0];
    if (table.num_groups() == 0) {
      uint32_t group = 0;
      std::vector<uint32_t> made;
      table.FindOrInsert({}, 1, &group, &made);
      InitializeStates(table, made);
    }
    states->assign(rows, table.state(0));
    group_ids->assign(rows, 0);
    return;
  }
  std::vector<Vector> flat;
  std::vector<ColumnView> views;
  flat.reserve(keys.size());
  for (const Vector& key : keys) {
    flat.push_back(key.Flatten());
  }
  std::vector<uint64_t> hashes(rows, 0);
  for (size_t c = 0; c < flat.size(); ++c) {
    HashColumn(flat[c], rows, c > 0, hashes.data());
    views.push_back(ViewOf(flat[c]));
  }
  // Rows by partition (a counting sort), then one probe pass per partition.
  std::array<uint32_t, kPartitions + 1> starts{};
  std::vector<uint8_t> partition_of(rows);
  for (size_t row = 0; row < rows; ++row) {
    partition_of[row] = static_cast<uint8_t>(PartitionOf(hashes[row]));
    ++starts[partition_of[row] + 1];
  }
  for (size_t p = 0; p < kPartitions; ++p) {
    starts[p + 1] += starts[p];
  }
  std::vector<uint32_t> ordered(rows);
  std::array<uint32_t, kPartitions> next = {};
  std::copy(starts.begin(), starts.end() - 1, next.begin());
  for (size_t row = 0; row < rows; ++row) {
    ordered[next[partition_of[row]]++] = static_cast<uint32_t>(row);
  }
  std::vector<uint32_t> groups(rows);
  std::vector<uint32_t> new_groups;
  states->resize(rows);
  group_ids->resize(rows);
  for (size_t p = 0; p < kPartitions; ++p) {
    const size_t count = starts[p + 1] - starts[p];
    if (count == 0) {
      continue;
    }
    GroupTable& table = *tables_[p];
    new_groups.clear();
    table.FindOrInsertRows(views, hashes.data(), ordered.data() + starts[p], count, groups.data(),
                           &new_groups);
    InitializeStates(table, new_groups);
    for (size_t i = starts[p]; i < starts[p + 1]; ++i) {
      const uint32_t row = ordered[i];
      (*states)[row] = table.state(groups[row]);
      (*group_ids)[row] = static_cast<int64_t>((p << 32) | groups[row]);
    }
  }
}

Status HashAggregator::Consume(const Batch& input, bool may_spill) {
  if (!any_spilled_ || !may_spill) {
    return Aggregate(input);
  }
  std::vector<uint32_t> kept;
  STRATUS_RETURN_IF_ERROR(SpillRows(input, &kept));
  if (kept.empty()) {
    return Status::Ok();
  }
  if (kept.size() == input.num_rows()) {
    return Aggregate(input);
  }
  return Aggregate(SubsetBatch(input, SelectionVector(std::move(kept))));
}

bool HashAggregator::can_spill() const {
  return node_.grouping_sets.size() <= 1 && Mergeable(node_) && CanSpill(input_types_);
}

Result<bool> HashAggregator::SpillPartition(const SpillFileFactory& make_file) {
  size_t largest = kPartitions;
  for (size_t p = 0; p < kPartitions; ++p) {
    if (spill_writers_[p] == nullptr && spill_paths_[p].empty() &&
        (largest == kPartitions || tables_[p]->memory_bytes() > tables_[largest]->memory_bytes())) {
      largest = p;
    }
  }
  if (largest == kPartitions) {
    return false;
  }
  STRATUS_ASSIGN_OR_RETURN(spill_writers_[largest], make_file("aggregate"));
  spill_paths_[largest] = spill_writers_[largest]->path();
  any_spilled_ = true;
  return true;
}

Status HashAggregator::CloseSpills() {
  for (std::unique_ptr<SpillWriter>& writer : spill_writers_) {
    if (writer != nullptr) {
      STRATUS_RETURN_IF_ERROR(writer->Close());
      writer.reset();
    }
  }
  return Status::Ok();
}

Status HashAggregator::SpillRows(const Batch& input, std::vector<uint32_t>* kept) {
  const size_t rows = input.num_rows();
  std::vector<uint64_t> hashes(rows, 0);
  for (size_t i = 0; i < num_keys_; ++i) {
    STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(*node_.group_keys[i], input, *context_));
    HashColumn(value.Flatten(), rows, i > 0, hashes.data());
  }
  std::array<std::vector<uint32_t>, kPartitions> spilled;
  for (size_t row = 0; row < rows; ++row) {
    const size_t p = PartitionOf(hashes[row]);
    (spill_writers_[p] != nullptr ? spilled[p] : *kept).push_back(static_cast<uint32_t>(row));
  }
  for (size_t p = 0; p < kPartitions; ++p) {
    if (!spilled[p].empty()) {
      STRATUS_RETURN_IF_ERROR(
          spill_writers_[p]->Append(SubsetBatch(input, SelectionVector(std::move(spilled[p])))));
    }
  }
  return Status::Ok();
}

Status HashAggregator::Aggregate(const Batch& input) {
  const size_t rows = input.num_rows();
  std::vector<Vector> key_values;
  key_values.reserve(num_keys_);
  for (const plan::ExprPtr& key : node_.group_keys) {
    STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(*key, input, *context_));
    key_values.push_back(std::move(value));
  }
  std::vector<uint8_t*> states;
  std::vector<int64_t> group_ids;
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
    FindGroups(keys, rows, &states, &group_ids);
    for (size_t i = 0; i < node_.aggregates.size(); ++i) {
      STRATUS_RETURN_IF_ERROR(UpdateOne(i, input, states, group_ids));
    }
  }
  return Status::Ok();
}

Status HashAggregator::UpdateOne(size_t index,
                                 const Batch& input,
                                 const std::vector<uint8_t*>& states,
                                 const std::vector<int64_t>& group_ids) {
  const plan::AggregateCall& call = node_.aggregates[index];
  const size_t num_rows = input.num_rows();
  SelectionVector rows;
  bool all_rows = true;
  if (call.filter != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(rows, EvaluatePredicate(*call.filter, input, *context_));
    if (rows.empty()) {
      return Status::Ok();
    }
    all_rows = rows.size() == num_rows;
  }
  const Batch subset = all_rows ? input : SubsetBatch(input, rows);
  std::vector<Vector> args;
  args.reserve(call.args.size());
  for (const plan::ExprPtr& arg : call.args) {
    STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(*arg, subset, *context_));
    args.push_back(std::move(value));
  }
  // The input row of each subset row.
  std::vector<uint32_t> source(subset.num_rows());
  for (size_t i = 0; i < source.size(); ++i) {
    source[i] = all_rows ? static_cast<uint32_t>(i) : rows[i];
  }
  if (distinct_[index] != nullptr) {
    GroupTable& seen = *distinct_[index]->table;
    Vector group_column(LogicalType::Bigint(), source.size());
    group_column.set_size(source.size());
    auto* group_values = group_column.mutable_values<int64_t>();
    for (size_t i = 0; i < source.size(); ++i) {
      group_values[i] = group_ids[source[i]];
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
  std::vector<uint8_t*> targets(source.size());
  const size_t offset = offsets_[index];
  for (size_t i = 0; i < source.size(); ++i) {
    targets[i] = states[source[i]] + offset;
  }
  return call.function->kernel->Update(args, source.size(), targets.data());
}

Status HashAggregator::MergePartition(HashAggregator& other, size_t partition) {
  if (other.tables_[partition] == nullptr) {
    return Status::Ok();  // Released: nothing left to merge.
  }
  // The other side's partition is drained in group order and freed block by
  // block as it goes, so the merged table grows while the source shrinks.
  std::unique_ptr<GroupTable> drained = std::move(other.tables_[partition]);
  GroupTable& source = *drained;
  GroupTable& target = *tables_[partition];
  const size_t total = source.num_groups();
  std::vector<uint32_t> groups(kBatchRows);
  std::vector<uint32_t> new_groups;
  for (size_t begin = 0; begin < total; begin += kBatchRows) {
    const size_t count = std::min(kBatchRows, total - begin);
    std::vector<Vector> keys;
    for (size_t c = 0; c < source.num_keys(); ++c) {
      keys.push_back(source.Keys(c, begin, count));
    }
    new_groups.clear();
    target.FindOrInsert(keys, count, groups.data(), &new_groups);
    InitializeStates(target, new_groups);
    if (begin == 0 && count < total) {
      // Sizes the target once for the rest, by the share of new groups in
      // the first batch, instead of doubling its slots step by step.
      const size_t rest = total - count;
      target.Reserve(target.num_groups() + rest * new_groups.size() / count + rest / 16);
    }
    Status status = Status::Ok();
    for (size_t i = 0; i < node_.aggregates.size() && status.ok(); ++i) {
      const functions::AggregateKernel& kernel = *node_.aggregates[i].function->kernel;
      for (size_t j = 0; j < count && status.ok(); ++j) {
        status = kernel.Combine(source.state(static_cast<uint32_t>(begin + j)) + offsets_[i],
                                target.state(groups[j]) + offsets_[i]);
      }
    }
    // The source's states from this batch on are not needed again.
    DestroyStates(source, begin, status.ok() ? begin + count : total);
    STRATUS_RETURN_IF_ERROR(status);
    source.ReleaseRowsBelow(begin + count);
  }
  return Status::Ok();
}

Status HashAggregator::PrepareFinalize() {
  if (prepared_) {
    return Status::Ok();
  }
  prepared_ = true;
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
    std::vector<uint8_t*> states;
    std::vector<int64_t> group_ids;
    FindGroups(keys, 1, &states, &group_ids);
  }
  return Status::Ok();
}

Result<std::vector<Batch>> HashAggregator::FinalizePartition(size_t partition) {
  GroupTable& table = *tables_[partition];
  std::vector<Batch> out;
  const size_t total = table.num_groups();
  for (size_t begin = 0; begin < total; begin += kBatchRows) {
    const size_t count = std::min(kBatchRows, total - begin);
    std::vector<Vector> columns;
    for (size_t c = 0; c < table.num_keys(); ++c) {
      columns.push_back(table.Keys(c, begin, count));
    }
    for (size_t i = 0; i < node_.aggregates.size(); ++i) {
      const functions::AggregateBinding& binding = *node_.aggregates[i].function;
      Vector result(binding.return_type, count);
      result.set_size(count);
      for (size_t j = 0; j < count; ++j) {
        STRATUS_RETURN_IF_ERROR(binding.kernel->Finalize(
            table.state(static_cast<uint32_t>(begin + j)) + offsets_[i], &result, j));
      }
      columns.push_back(std::move(result));
    }
    out.emplace_back(std::move(columns), count);
  }
  return out;
}

Result<std::vector<Batch>> HashAggregator::Finalize() {
  STRATUS_RETURN_IF_ERROR(PrepareFinalize());
  std::vector<Batch> out;
  for (size_t p = 0; p < kPartitions; ++p) {
    STRATUS_ASSIGN_OR_RETURN(std::vector<Batch> batches, FinalizePartition(p));
    for (Batch& batch : batches) {
      out.push_back(std::move(batch));
    }
  }
  return out;
}

}  // namespace stratus::sql::exec
