#include <algorithm>
#include <limits>
#include <string>
#include <utility>

#include "formats/parquet/column_chunk_reader_internal.h"
#include "formats/parquet/nested_column_reader_internal.h"
#include "sql/vector/buffer.h"
#include "sql/vector/selection_vector.h"
#include "sql/vector/vector.h"

namespace stratus::formats::parquet {
namespace {

using Kind = NestedNode::Kind;

// Level entries decoded per call; the leaf's values grow as they come, so a
// chunk that claims more entries than it holds fails before it allocates them.
constexpr size_t kPieceEntries = 65536;
// The most level entries one nested chunk may hold (they are decoded whole).
constexpr int64_t kMaxChunkEntries = int64_t{1} << 27;

Status Corrupt(const std::string& column, const std::string& what) {
  return Status::Corruption("parquet: nested column " + column + ": " + what);
}

// A vector of `slots` NULL rows of `type` (rows get NULL fields, arrays and
// maps no elements).
sql::Vector NullVector(const sql::LogicalType& type, size_t slots) {
  sql::Vector vector(type, slots);
  if (type.kind() == sql::TypeKind::kArray || type.kind() == sql::TypeKind::kMap) {
    std::fill_n(vector.mutable_values<sql::ListEntry>(), slots, sql::ListEntry{});
  } else if (type.kind() == sql::TypeKind::kRow) {
    for (size_t i = 0; i < type.num_children(); ++i) {
      vector.child(i) = NullVector(type.child(i), slots);
    }
  }
  for (size_t row = 0; row < slots; ++row) {
    vector.SetNull(row, true);
  }
  vector.set_size(slots);
  return vector;
}

void CollectLeafTypes(const NestedNode& node, std::vector<sql::LogicalType>* out) {
  if (node.kind == Kind::kLeaf) {
    out->push_back(node.type);
  }
  for (const NestedNode& child : node.children) {
    CollectLeafTypes(child, out);
  }
}

}  // namespace

sql::Vector NullNestedVector(const sql::LogicalType& type, size_t rows) {
  return NullVector(type, rows);
}

struct NestedColumnReader::LeafData {
  sql::LogicalType type;
  std::vector<uint16_t> reps;
  std::vector<uint16_t> defs;
  sql::Vector values;                // One row per level entry; NULL where it has no value.
  std::vector<uint32_t> row_starts;  // The entry starting each row, then the entry count.
};

NestedColumnReader::NestedColumnReader(NestedNode root, std::vector<LeafColumn> leaves)
    : root_(std::move(root)), leaves_(std::move(leaves)) {
  std::vector<sql::LogicalType> types;
  CollectLeafTypes(root_, &types);
  data_.resize(leaves_.size());
  for (size_t i = 0; i < data_.size() && i < types.size(); ++i) {
    data_[i].type = types[i];
  }
}

NestedColumnReader::~NestedColumnReader() = default;

Status NestedColumnReader::StartRowGroup(const RowGroup& group, const FetchChunk& fetch) {
  next_row_ = 0;
  num_rows_ = static_cast<size_t>(std::max<int64_t>(group.num_rows, 0));
  for (size_t i = 0; i < leaves_.size(); ++i) {
    const LeafColumn& leaf = leaves_[i];
    LeafData& data = data_[i];
    data.reps.clear();
    data.defs.clear();
    data.row_starts.clear();
    if (leaf.chunk_index >= group.columns.size() || !group.columns[leaf.chunk_index].meta_data) {
      return Status::Corruption("parquet: row group lacks column " + leaf.name);
    }
    const ColumnMetaData& meta = *group.columns[leaf.chunk_index].meta_data;
    if (meta.num_values < 0 || meta.num_values > kMaxChunkEntries) {
      return Corrupt(leaf.name, "chunk of " + std::to_string(meta.num_values) +
                                    " values (at most 2^27 are read)");
    }
    const auto total = static_cast<size_t>(meta.num_values);
    STRATUS_ASSIGN_OR_RETURN(std::shared_ptr<sql::Buffer> chunk, fetch(meta));
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<ColumnChunkReader> reader,
                             ColumnChunkReader::Make(leaf, meta, data.type, std::move(chunk)));
    data.values = sql::Vector(data.type, std::min(total, kPieceEntries));
    for (size_t done = 0; done < total;) {
      const size_t piece = std::min(kPieceEntries, total - done);
      if (data.values.capacity() < done + piece) {
        data.values.Reserve(std::max(data.values.capacity() * 2, done + piece));
      }
      STRATUS_RETURN_IF_ERROR(
          reader->ReadLeveled(done, piece, &data.values, &data.reps, &data.defs));
      done += piece;
    }
    data.values.set_size(total);
    if (total > 0 && data.reps[0] != 0) {
      return Corrupt(leaf.name, "the first value continues a row");
    }
    for (size_t entry = 0; entry < total; ++entry) {
      if (data.reps[entry] == 0) {
        data.row_starts.push_back(static_cast<uint32_t>(entry));
      }
    }
    data.row_starts.push_back(static_cast<uint32_t>(total));
    if (data.row_starts.size() - 1 != num_rows_) {
      return Corrupt(leaf.name, "chunk holds " + std::to_string(data.row_starts.size() - 1) +
                                    " rows, its row group " + std::to_string(num_rows_));
    }
  }
  return Status::Ok();
}

Status NestedColumnReader::Read(size_t num_rows, sql::Vector* out) {
  if (num_rows > num_rows_ - next_row_) {
    return Status::Internal("parquet: read past the row group");
  }
  Ranges ranges;
  ranges.begins.resize(leaves_.size());
  ranges.ends.resize(leaves_.size());
  for (size_t i = 0; i < leaves_.size(); ++i) {
    const std::vector<uint32_t>& starts = data_[i].row_starts;
    ranges.begins[i].assign(starts.begin() + static_cast<ptrdiff_t>(next_row_),
                            starts.begin() + static_cast<ptrdiff_t>(next_row_ + num_rows));
    ranges.ends[i].assign(starts.begin() + static_cast<ptrdiff_t>(next_row_ + 1),
                          starts.begin() + static_cast<ptrdiff_t>(next_row_ + num_rows + 1));
  }
  STRATUS_ASSIGN_OR_RETURN(*out, Assemble(root_, num_rows, ranges));
  next_row_ += num_rows;
  return Status::Ok();
}

Result<sql::Vector> NestedColumnReader::Assemble(const NestedNode& node,
                                                 size_t slots,
                                                 const Ranges& ranges) const {
  switch (node.kind) {
    case Kind::kNull:
      return NullVector(node.type, slots);
    case Kind::kLeaf: {
      const size_t leaf = node.first_leaf;
      const std::vector<uint32_t>& begins = ranges.begins[leaf];
      const std::vector<uint32_t>& ends = ranges.ends[leaf];
      for (size_t k = 0; k < slots; ++k) {
        if (ends[k] - begins[k] != 1) {
          return Corrupt(leaves_[leaf].name, "a value repeats where nothing repeats");
        }
      }
      return data_[leaf].values.Select(sql::SelectionVector(begins));
    }
    case Kind::kStruct: {
      const size_t leaf = node.first_leaf;
      const std::vector<uint16_t>& defs = data_[leaf].defs;
      sql::Vector vector(node.type, slots);
      for (size_t k = 0; k < slots; ++k) {
        if (defs[ranges.begins[leaf][k]] < node.def) {
          vector.SetNull(k, true);
        }
      }
      for (size_t i = 0; i < node.children.size(); ++i) {
        STRATUS_ASSIGN_OR_RETURN(vector.child(i), Assemble(node.children[i], slots, ranges));
      }
      vector.set_size(slots);
      return vector;
    }
    case Kind::kList:
    case Kind::kMap:
      break;
  }
  const size_t first = node.first_leaf;
  const size_t last = first + node.leaf_count;
  const std::vector<uint16_t>& defs = data_[first].defs;
  Ranges children;
  children.begins.resize(ranges.begins.size());
  children.ends.resize(ranges.ends.size());
  sql::Vector vector(node.type, slots);
  auto* entries = vector.mutable_values<sql::ListEntry>();
  uint64_t total = 0;
  for (size_t k = 0; k < slots; ++k) {
    const uint16_t def = defs[ranges.begins[first][k]];
    entries[k] = sql::ListEntry{.offset = static_cast<uint32_t>(total), .length = 0};
    if (def < node.def) {
      vector.SetNull(k, true);
      continue;
    }
    if (def < node.elements_def) {
      continue;
    }
    size_t count = 0;
    for (size_t leaf = first; leaf < last; ++leaf) {
      const std::vector<uint16_t>& reps = data_[leaf].reps;
      const uint32_t begin = ranges.begins[leaf][k];
      const uint32_t end = ranges.ends[leaf][k];
      if (data_[leaf].defs[begin] < node.elements_def) {
        return Corrupt(leaves_[leaf].name, "leaves disagree on whether a list is empty");
      }
      size_t elements = 0;
      for (uint32_t entry = begin; entry < end; ++entry) {
        if (entry == begin || reps[entry] <= node.rep) {
          if (elements > 0) {
            children.ends[leaf].push_back(entry);
          }
          children.begins[leaf].push_back(entry);
          ++elements;
        }
      }
      children.ends[leaf].push_back(end);
      if (leaf == first) {
        count = elements;
      } else if (elements != count) {
        return Corrupt(leaves_[leaf].name, "leaves disagree on a list's length");
      }
    }
    entries[k].length = static_cast<uint32_t>(count);
    total += count;
    if (total > std::numeric_limits<uint32_t>::max()) {
      return Corrupt(leaves_[first].name, "too many elements in one batch");
    }
  }
  for (size_t i = 0; i < node.children.size(); ++i) {
    STRATUS_ASSIGN_OR_RETURN(vector.child(i),
                             Assemble(node.children[i], static_cast<size_t>(total), children));
  }
  vector.set_size(slots);
  return vector;
}

}  // namespace stratus::formats::parquet
