#include "sql/exec/join_probe_operator.h"

#include <algorithm>
#include <utility>

#include "sql/exec/expression_evaluator.h"
#include "sql/exec/join_hash_table.h"
#include "sql/exec/row_copy.h"
#include "sql/exec/vector_hash.h"

namespace stratus::sql::exec {

using plan::JoinKind;

JoinProbeOperator::JoinProbeOperator(std::vector<LogicalType> types,
                                     const plan::JoinNode& node,
                                     std::shared_ptr<JoinShared> shared,
                                     const functions::FunctionContext* context)
    : Operator(std::move(types)),
      node_(node),
      shared_(std::move(shared)),
      table_(*shared_->table),
      context_(context),
      left_columns_(node.inputs[0]->columns.size()) {
  for (const plan::Column& column : node.inputs[1]->columns) {
    right_types_.push_back(column.type);
  }
  const JoinKind kind = node.join_kind;
  emits_pairs_ = kind == JoinKind::kInner || kind == JoinKind::kLeft || kind == JoinKind::kRight ||
                 kind == JoinKind::kFull || kind == JoinKind::kCross;
  shared_->running_probes.fetch_add(1);
}

JoinProbeOperator::~JoinProbeOperator() = default;

Status JoinProbeOperator::Push(Batch input) {
  const size_t rows = input.num_rows();
  std::vector<Vector> keys;
  for (const plan::ExprPtr& key : node_.left_keys) {
    STRATUS_ASSIGN_OR_RETURN(Vector value, Evaluate(*key, input, *context_));
    keys.push_back(value.Flatten());
  }
  std::vector<uint64_t> hashes(rows, 0);
  std::vector<ColumnView> key_views;
  for (size_t c = 0; c < keys.size(); ++c) {
    HashColumn(keys[c], rows, c > 0, hashes.data());
    key_views.push_back(ViewOf(keys[c]));
  }
  matched_.assign(rows, 0);
  null_probe_.assign(rows, 0);
  for (const Vector& key : keys) {
    if (key.validity() == nullptr) {
      continue;
    }
    for (size_t row = 0; row < rows; ++row) {
      null_probe_[row] |= key.IsNull(row) ? 1 : 0;
    }
  }
  const bool first_match_only = !emits_pairs_ && node_.condition == nullptr;
  probe_rows_.clear();
  build_rows_.clear();
  // Buckets and then chain heads are fetched a batch ahead of the walk, so
  // that the cache misses of many rows overlap.
  for (size_t row = 0; row < rows; ++row) {
    table_.PrefetchBucket(hashes[row]);
  }
  std::vector<uint32_t> heads(rows);
  for (size_t row = 0; row < rows; ++row) {
    heads[row] = table_.First(hashes[row]);
    if (heads[row] != JoinHashTable::kEnd) {
      table_.PrefetchRow(heads[row]);
    }
  }
  for (size_t row = 0; row < rows; ++row) {
    if (null_probe_[row] != 0) {
      continue;
    }
    const uint64_t hash = hashes[row];
    for (uint32_t build = heads[row]; build != JoinHashTable::kEnd; build = table_.Next(build)) {
      if (table_.hash(build) != hash || !table_.KeysEqual(key_views, row, build)) {
        continue;
      }
      if (first_match_only) {
        matched_[row] = 1;
        break;
      }
      probe_rows_.push_back(static_cast<uint32_t>(row));
      build_rows_.push_back(build);
      if (probe_rows_.size() == kBatchRows) {
        STRATUS_RETURN_IF_ERROR(FlushPairs(input));
      }
    }
  }
  STRATUS_RETURN_IF_ERROR(FlushPairs(input));
  std::vector<uint32_t> selected;
  switch (node_.join_kind) {
    case JoinKind::kLeft:
    case JoinKind::kFull:
      for (size_t row = 0; row < rows; ++row) {
        if (matched_[row] == 0) {
          selected.push_back(static_cast<uint32_t>(row));
        }
      }
      EmitProbeRows(input, selected, true);
      break;
    case JoinKind::kSemi:
      for (size_t row = 0; row < rows; ++row) {
        if (matched_[row] != 0) {
          selected.push_back(static_cast<uint32_t>(row));
        }
      }
      EmitProbeRows(input, selected, false);
      break;
    case JoinKind::kAnti: {
      const bool build_empty = shared_->build_empty;
      for (size_t row = 0; row < rows; ++row) {
        bool keep = matched_[row] == 0;
        if (keep && node_.null_aware && !build_empty) {
          keep = null_probe_[row] == 0 && !shared_->build_has_null_key;
        }
        if (keep) {
          selected.push_back(static_cast<uint32_t>(row));
        }
      }
      EmitProbeRows(input, selected, false);
      break;
    }
    case JoinKind::kMark:
      EmitMarks(input);
      break;
    default:
      break;
  }
  return Status::Ok();
}

Status JoinProbeOperator::FlushPairs(const Batch& input) {
  if (probe_rows_.empty()) {
    return Status::Ok();
  }
  SelectionVector probe(std::move(probe_rows_));
  SelectionVector build(std::move(build_rows_));
  probe_rows_ = {};
  build_rows_ = {};
  std::vector<Vector> columns;
  columns.reserve(left_columns_ + right_types_.size());
  for (const Vector& column : input.columns()) {
    columns.push_back(Vector::Dictionary(column, probe));
  }
  for (const Vector& column : table_.columns()) {
    columns.push_back(Vector::Dictionary(column, build));
  }
  Batch pairs(std::move(columns), probe.size());
  if (node_.condition != nullptr) {
    STRATUS_ASSIGN_OR_RETURN(SelectionVector kept,
                             EvaluatePredicate(*node_.condition, pairs, *context_));
    if (kept.size() != probe.size()) {
      std::vector<uint32_t> kept_probe(kept.size());
      std::vector<uint32_t> kept_build(kept.size());
      for (size_t i = 0; i < kept.size(); ++i) {
        kept_probe[i] = probe[kept[i]];
        kept_build[i] = build[kept[i]];
      }
      probe = SelectionVector(std::move(kept_probe));
      build = SelectionVector(std::move(kept_build));
      pairs = SubsetBatch(pairs, kept);
    }
  }
  const bool track_build =
      node_.join_kind == JoinKind::kRight || node_.join_kind == JoinKind::kFull;
  for (size_t i = 0; i < probe.size(); ++i) {
    matched_[probe[i]] = 1;
    if (track_build) {
      table_.MarkMatched(build[i]);
    }
  }
  if (emits_pairs_ && pairs.num_rows() > 0) {
    pending_.push_back(std::move(pairs));
  }
  return Status::Ok();
}

void JoinProbeOperator::EmitProbeRows(const Batch& input,
                                      const std::vector<uint32_t>& rows,
                                      bool null_build) {
  if (rows.empty()) {
    return;
  }
  SelectionVector selected(rows);
  Batch out = rows.size() == input.num_rows() ? input : SubsetBatch(input, selected);
  if (null_build) {
    for (const LogicalType& type : right_types_) {
      out.columns().push_back(Vector::Constant(Value::Null(type), rows.size()));
    }
    out = Batch(std::move(out.columns()), rows.size());
  }
  pending_.push_back(std::move(out));
}

void JoinProbeOperator::EmitMarks(const Batch& input) {
  const size_t rows = input.num_rows();
  const bool build_empty = shared_->build_empty;
  Vector mark(LogicalType::Boolean(), rows);
  mark.set_size(rows);
  auto* values = mark.mutable_values<uint8_t>();
  for (size_t row = 0; row < rows; ++row) {
    values[row] = matched_[row];
    if (matched_[row] == 0 && node_.null_aware && !build_empty &&
        (null_probe_[row] != 0 || shared_->build_has_null_key)) {
      mark.SetNull(row, true);
    }
  }
  std::vector<Vector> columns = input.columns();
  columns.push_back(std::move(mark));
  pending_.emplace_back(std::move(columns), rows);
}

void JoinProbeOperator::EmitUnmatchedBuildRows() {
  std::vector<uint32_t> rows;
  const auto flush = [&]() {
    if (rows.empty()) {
      return;
    }
    SelectionVector selected(std::move(rows));
    rows = {};
    std::vector<Vector> columns;
    for (const LogicalType& type : output_types()) {
      if (columns.size() == left_columns_) {
        break;
      }
      columns.push_back(Vector::Constant(Value::Null(type), selected.size()));
    }
    for (const Vector& column : table_.columns()) {
      columns.push_back(Vector::Dictionary(column, selected));
    }
    pending_.emplace_back(std::move(columns), selected.size());
  };
  for (uint32_t row = 0; row < table_.num_rows(); ++row) {
    if (!table_.matched(row)) {
      rows.push_back(row);
      if (rows.size() == kBatchRows) {
        flush();
      }
    }
  }
  flush();
}

Status JoinProbeOperator::Finish() {
  finished_ = true;
  const bool last = shared_->running_probes.fetch_sub(1) == 1;
  if (last && (node_.join_kind == JoinKind::kRight || node_.join_kind == JoinKind::kFull)) {
    EmitUnmatchedBuildRows();
  }
  return Status::Ok();
}

Result<Flow> JoinProbeOperator::Next(Batch* out) {
  if (!pending_.empty()) {
    *out = std::move(pending_.front());
    pending_.pop_front();
    return Flow::kOutput;
  }
  return finished_ ? Flow::kDone : Flow::kNeedInput;
}

std::string JoinProbeOperator::Describe() const {
  return "JoinProbe";
}

}  // namespace stratus::sql::exec
