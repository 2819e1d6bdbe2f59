// Writes ARRAY, MAP and ROW columns (docs/formats/parquet.md, "Nested
// columns"): the standard 3-level LIST (an OPTIONAL group annotated LIST, a
// REPEATED group "list", an OPTIONAL "element"), MAP (an OPTIONAL group
// annotated MAP, a REPEATED group "key_value", a REQUIRED "key" and an
// OPTIONAL "value"), and ROW as an OPTIONAL group of OPTIONAL fields. Each
// batch is shredded into its leaves' repetition and definition levels.

#include <string>
#include <utility>
#include <vector>

#include "formats/parquet/column_chunk_writer_internal.h"
#include "formats/parquet/parquet_split_reader.h"
#include "formats/parquet/parquet_writer.h"
#include "sql/vector/vector.h"

namespace stratus::formats::parquet {
namespace {

using sql::TypeKind;

enum class NodeKind : uint8_t { kLeaf, kStruct, kList, kMap };

struct WriteNode {
  NodeKind kind = NodeKind::kLeaf;
  // The definition level of an entry where this node has a value (not NULL).
  int def = 0;
  // kList and kMap: the level of an entry that holds an element, and the
  // repetition level of the elements after the first.
  int repeated_def = 0;
  int rep = 0;
  size_t leaf = 0;  // kLeaf: into the writer's leaves.
  std::vector<WriteNode> children;
};

// One value position to shred: a row of the node's vector, or none when an
// ancestor is NULL or empty; `def` is the level reached above the node.
struct Slot {
  int64_t row = -1;
  uint8_t def = 0;
  uint8_t rep = 0;
};

class NestedColumnWriter final : public ColumnChunkWriter {
 public:
  NestedColumnWriter() = default;

  Status Init(const ParquetColumn& column, const ParquetWriterOptions& options) {
    next_field_id_ = 0;
    field_ids_ = &column.nested_field_ids;
    return Build(column.type, {column.name}, Repetition::kOptional, column.field_id, 0, 0, 0,
                 options, &root_);
  }

  std::vector<SchemaElement> Schema() const override { return schema_; }

  void Append(const sql::Vector& vector, size_t rows) override {
    const sql::Vector flat = vector.Flatten();
    std::vector<Slot> slots(rows);
    for (size_t i = 0; i < rows; ++i) {
      slots[i].row = static_cast<int64_t>(i);
    }
    Shred(root_, flat, slots);
  }

  size_t buffered_bytes() const override {
    size_t bytes = 0;
    for (const auto& leaf : leaves_) {
      bytes += leaf->buffered_bytes();
    }
    return bytes;
  }

  Status Flush(int64_t offset, std::string* out, std::vector<ColumnChunk>* chunks) override {
    const size_t start = out->size();
    flushed_bytes_ = 0;
    for (const auto& leaf : leaves_) {
      STRATUS_ASSIGN_OR_RETURN(
          ColumnChunk chunk, leaf->Flush(offset + static_cast<int64_t>(out->size() - start), out));
      flushed_bytes_ += leaf->flushed_uncompressed_bytes();
      chunks->push_back(std::move(chunk));
    }
    return Status::Ok();
  }

  size_t flushed_uncompressed_bytes() const override { return flushed_bytes_; }

 private:
  std::optional<int32_t> NextFieldId() {
    if (next_field_id_ < field_ids_->size()) {
      return (*field_ids_)[next_field_id_++];
    }
    return std::nullopt;
  }

  // Appends the schema elements of a value of `type` named path.back() and
  // builds its node. `def` and `rep` are the levels above it.
  Status Build(const sql::LogicalType& type,
               std::vector<std::string> path,
               Repetition repetition,
               std::optional<int32_t> field_id,
               int def,
               int rep,
               int depth,
               const ParquetWriterOptions& options,
               WriteNode* node) {
    if (depth > 32) {
      return Status::NotImplemented("parquet: writing columns nested that deep");
    }
    node->def = repetition == Repetition::kOptional ? def + 1 : def;
    SchemaElement group{.repetition = repetition, .name = path.back(), .field_id = field_id};
    switch (type.kind()) {
      case TypeKind::kArray:
      case TypeKind::kMap: {
        const bool map = type.kind() == TypeKind::kMap;
        node->kind = map ? NodeKind::kMap : NodeKind::kList;
        node->repeated_def = node->def + 1;
        node->rep = rep + 1;
        group.num_children = 1;
        group.converted_type = map ? ConvertedType::kMap : ConvertedType::kList;
        group.logical.kind = map ? LogicalAnnotation::Kind::kMap : LogicalAnnotation::Kind::kList;
        schema_.push_back(group);
        path.push_back(map ? "key_value" : "list");
        schema_.push_back(SchemaElement{
            .repetition = Repetition::kRepeated, .name = path.back(), .num_children = map ? 2 : 1});
        if (map) {
          node->children.resize(2);
          std::vector<std::string> key_path = path;
          key_path.push_back("key");
          const std::optional<int32_t> key_id = NextFieldId();
          STRATUS_RETURN_IF_ERROR(Build(type.child(0), std::move(key_path), Repetition::kRequired,
                                        key_id, node->repeated_def, node->rep, depth + 1, options,
                                        &node->children[0]));
          path.push_back("value");
          const std::optional<int32_t> value_id = NextFieldId();
          return Build(type.child(1), std::move(path), Repetition::kOptional, value_id,
                       node->repeated_def, node->rep, depth + 1, options, &node->children[1]);
        }
        node->children.resize(1);
        path.push_back("element");
        const std::optional<int32_t> element_id = NextFieldId();
        return Build(type.child(0), std::move(path), Repetition::kOptional, element_id,
                     node->repeated_def, node->rep, depth + 1, options, &node->children[0]);
      }
      case TypeKind::kRow: {
        node->kind = NodeKind::kStruct;
        if (type.num_children() == 0) {
          return Status::NotImplemented("parquet: writing a row without fields");
        }
        group.num_children = static_cast<int32_t>(type.num_children());
        schema_.push_back(group);
        node->children.resize(type.num_children());
        for (size_t i = 0; i < type.num_children(); ++i) {
          std::vector<std::string> field_path = path;
          const std::string& name = type.children()[i].name;
          field_path.push_back(name.empty() ? "field" + std::to_string(i) : name);
          const std::optional<int32_t> id = NextFieldId();
          STRATUS_RETURN_IF_ERROR(Build(type.child(i), std::move(field_path), Repetition::kOptional,
                                        id, node->def, rep, depth + 1, options,
                                        &node->children[i]));
        }
        return Status::Ok();
      }
      default: {
        node->kind = NodeKind::kLeaf;
        node->leaf = leaves_.size();
        STRATUS_ASSIGN_OR_RETURN(
            std::unique_ptr<LeafChunkWriter> leaf,
            LeafChunkWriter::Make(LeafPlacement{.path = std::move(path),
                                                .repetition = repetition,
                                                .max_definition_level = node->def,
                                                .max_repetition_level = rep,
                                                .field_id = field_id},
                                  type, options));
        schema_.push_back(leaf->Schema());
        leaves_.push_back(std::move(leaf));
        return Status::Ok();
      }
    }
  }

  void Shred(const WriteNode& node, const sql::Vector& vector, const std::vector<Slot>& slots) {
    switch (node.kind) {
      case NodeKind::kLeaf: {
        std::vector<int64_t> rows(slots.size());
        std::vector<uint8_t> defs(slots.size());
        std::vector<uint8_t> reps(slots.size());
        for (size_t i = 0; i < slots.size(); ++i) {
          const Slot& slot = slots[i];
          reps[i] = slot.rep;
          rows[i] = slot.row;
          // A REQUIRED leaf (a map key) has no NULL to record: its value is written.
          const bool present = slot.row >= 0 && (!vector.IsNull(static_cast<size_t>(slot.row)) ||
                                                 node.def == slot.def);
          defs[i] = present ? static_cast<uint8_t>(node.def) : slot.def;
        }
        leaves_[node.leaf]->AppendLeveled(vector, rows, defs, reps);
        return;
      }
      case NodeKind::kStruct: {
        std::vector<Slot> children(slots.size());
        for (size_t i = 0; i < slots.size(); ++i) {
          const Slot& slot = slots[i];
          const bool present = slot.row >= 0 && !vector.IsNull(static_cast<size_t>(slot.row));
          children[i] = present ? Slot{slot.row, static_cast<uint8_t>(node.def), slot.rep}
                                : Slot{-1, slot.def, slot.rep};
        }
        for (size_t i = 0; i < node.children.size(); ++i) {
          Shred(node.children[i], vector.child(i).Flatten(), children);
        }
        return;
      }
      case NodeKind::kList:
      case NodeKind::kMap:
        break;
    }
    std::vector<Slot> elements;
    elements.reserve(slots.size());
    const auto* entries = vector.values<sql::ListEntry>();
    for (const Slot& slot : slots) {
      if (slot.row < 0 || vector.IsNull(static_cast<size_t>(slot.row))) {
        elements.push_back(Slot{-1, slot.def, slot.rep});
        continue;
      }
      const sql::ListEntry entry = entries[slot.row];
      if (entry.length == 0) {
        elements.push_back(Slot{-1, static_cast<uint8_t>(node.def), slot.rep});
        continue;
      }
      for (uint32_t k = 0; k < entry.length; ++k) {
        elements.push_back(Slot{static_cast<int64_t>(entry.offset) + k,
                                static_cast<uint8_t>(node.repeated_def),
                                k == 0 ? slot.rep : static_cast<uint8_t>(node.rep)});
      }
    }
    for (size_t i = 0; i < node.children.size(); ++i) {
      Shred(node.children[i], vector.child(i).Flatten(), elements);
    }
  }

  WriteNode root_;
  std::vector<SchemaElement> schema_;
  std::vector<std::unique_ptr<LeafChunkWriter>> leaves_;
  const std::vector<int32_t>* field_ids_ = nullptr;
  size_t next_field_id_ = 0;
  size_t flushed_bytes_ = 0;
};

}  // namespace

Result<std::unique_ptr<ColumnChunkWriter>> MakeNestedColumnWriter(
    const ParquetColumn& column, const ParquetWriterOptions& options) {
  auto writer = std::make_unique<NestedColumnWriter>();
  STRATUS_RETURN_IF_ERROR(writer->Init(column, options));
  return std::unique_ptr<ColumnChunkWriter>(std::move(writer));
}

}  // namespace stratus::formats::parquet
