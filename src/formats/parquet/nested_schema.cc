#include <algorithm>
#include <string>
#include <utility>

#include "formats/parquet/nested_schema_internal.h"

namespace stratus::formats::parquet {
namespace {

using Kind = NestedNode::Kind;
using sql::TypeKind;

constexpr int kMaxDepth = 64;

// The file's schema as a tree, with the levels at each element.
struct TreeNode {
  const SchemaElement* element = nullptr;
  int def = 0;  // Counting this element.
  int rep = 0;
  size_t chunk_index = 0;  // Leaves.
  std::vector<TreeNode> children;
};

struct TreeBuilder {
  const FileMetaData& metadata;
  size_t next = 1;
  size_t chunks = 0;

  Status Build(int def, int rep, int depth, TreeNode* out) {
    if (next >= metadata.schema.size()) {
      return Status::Corruption("parquet: schema has fewer elements than its groups declare");
    }
    if (depth > kMaxDepth) {
      return Status::Corruption("parquet: schema nested too deep");
    }
    const SchemaElement& element = metadata.schema[next++];
    out->element = &element;
    if (element.repetition == Repetition::kOptional) {
      ++def;
    } else if (element.repetition == Repetition::kRepeated) {
      ++def;
      ++rep;
    }
    out->def = def;
    out->rep = rep;
    if (!element.type || element.num_children > 0) {
      if (element.num_children < 0) {
        return Status::Corruption("parquet: negative child count");
      }
      if (static_cast<size_t>(element.num_children) > metadata.schema.size() - next) {
        return Status::Corruption("parquet: schema has fewer elements than its groups declare");
      }
      out->children.resize(static_cast<size_t>(element.num_children));
      for (TreeNode& child : out->children) {
        STRATUS_RETURN_IF_ERROR(Build(def, rep, depth + 1, &child));
      }
      return Status::Ok();
    }
    out->chunk_index = chunks++;
    return Status::Ok();
  }
};

Result<std::vector<TreeNode>> BuildTree(const FileMetaData& metadata) {
  if (metadata.schema.empty()) {
    return Status::Corruption("parquet: empty schema");
  }
  const int32_t count = metadata.schema[0].num_children;
  if (count < 0 || static_cast<size_t>(count) >= metadata.schema.size()) {
    return Status::Corruption("parquet: bad top-level field count");
  }
  TreeBuilder builder{.metadata = metadata};
  std::vector<TreeNode> top(static_cast<size_t>(count));
  for (TreeNode& node : top) {
    STRATUS_RETURN_IF_ERROR(builder.Build(0, 0, 0, &node));
  }
  return top;
}

bool IsGroup(const TreeNode& node) {
  return !node.element->type || !node.children.empty();
}

bool IsList(const TreeNode& node) {
  return IsGroup(node) && (node.element->logical.kind == LogicalAnnotation::Kind::kList ||
                           node.element->converted_type == ConvertedType::kList);
}

bool IsMap(const TreeNode& node) {
  return IsGroup(node) && (node.element->logical.kind == LogicalAnnotation::Kind::kMap ||
                           node.element->converted_type == ConvertedType::kMap ||
                           node.element->converted_type == ConvertedType::kMapKeyValue);
}

bool SameName(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The element of a LIST-annotated group's repeated child (LogicalTypes.md,
// backward-compatibility rules): the repeated field itself when it is a
// primitive, a group of several fields, or named "array" or
// "<list>_tuple"; else its only child.
bool RepeatedIsElement(const TreeNode& list, const TreeNode& repeated) {
  return !IsGroup(repeated) || repeated.children.size() != 1 || repeated.element->name == "array" ||
         repeated.element->name == list.element->name + "_tuple";
}

struct Resolver {
  const std::string& column;
  std::vector<LeafColumn>* leaves;

  Status Mismatch(const TreeNode& node, const sql::LogicalType& type) const {
    return Status::InvalidArgument("parquet: column " + column + ": cannot read " +
                                   (IsList(node)    ? std::string("LIST")
                                    : IsMap(node)   ? std::string("MAP")
                                    : IsGroup(node) ? std::string("group")
                                    : node.element->repetition == Repetition::kRepeated
                                        ? std::string("repeated field")
                                        : std::string("primitive")) +
                                   " " + node.element->name + " as " + type.ToString());
  }

  // Finishes a node: counts its leaves, or makes it all-NULL when none of
  // them is in the file.
  static NestedNode Seal(NestedNode node, size_t first_leaf, size_t leaves_now) {
    node.first_leaf = first_leaf;
    node.leaf_count = leaves_now - first_leaf;
    if (node.leaf_count == 0) {
      NestedNode null;
      null.kind = Kind::kNull;
      null.type = node.type;
      null.first_leaf = first_leaf;
      return null;
    }
    return node;
  }

  // Resolves `node` as a value of `type`. `as_element`: the node is a
  // repeated field standing for one element of its list.
  Result<NestedNode> Resolve(const TreeNode& node,
                             const sql::LogicalType& type,
                             bool as_element,
                             int depth) {
    if (depth > kMaxDepth) {
      return Status::Corruption("parquet: schema nested too deep");
    }
    const size_t first_leaf = leaves->size();
    NestedNode out;
    out.type = type;
    out.def = node.def;
    if (node.element->repetition == Repetition::kRepeated && !as_element) {
      // An unannotated repeated field: a list that is never NULL.
      if (type.kind() != TypeKind::kArray) {
        return Mismatch(node, type);
      }
      out.kind = Kind::kList;
      out.def = node.def - 1;
      out.elements_def = node.def;
      out.rep = node.rep;
      STRATUS_ASSIGN_OR_RETURN(NestedNode element, Resolve(node, type.child(0), true, depth + 1));
      out.children.push_back(std::move(element));
      return Seal(std::move(out), first_leaf, leaves->size());
    }
    switch (type.kind()) {
      case TypeKind::kArray: {
        if (!IsList(node) || node.children.size() != 1 ||
            node.children[0].element->repetition != Repetition::kRepeated) {
          return Mismatch(node, type);
        }
        const TreeNode& repeated = node.children[0];
        out.kind = Kind::kList;
        out.elements_def = repeated.def;
        out.rep = repeated.rep;
        NestedNode element;
        if (RepeatedIsElement(node, repeated)) {
          STRATUS_ASSIGN_OR_RETURN(element, Resolve(repeated, type.child(0), true, depth + 1));
        } else {
          STRATUS_ASSIGN_OR_RETURN(element,
                                   Resolve(repeated.children[0], type.child(0), false, depth + 1));
        }
        out.children.push_back(std::move(element));
        return Seal(std::move(out), first_leaf, leaves->size());
      }
      case TypeKind::kMap: {
        if (!IsMap(node) || node.children.size() != 1 ||
            node.children[0].element->repetition != Repetition::kRepeated ||
            !IsGroup(node.children[0]) || node.children[0].children.empty() ||
            node.children[0].children.size() > 2) {
          return Mismatch(node, type);
        }
        const TreeNode& key_value = node.children[0];
        out.kind = Kind::kMap;
        out.elements_def = key_value.def;
        out.rep = key_value.rep;
        STRATUS_ASSIGN_OR_RETURN(NestedNode key,
                                 Resolve(key_value.children[0], type.child(0), false, depth + 1));
        if (key.kind == Kind::kNull) {
          return Mismatch(node, type);
        }
        out.children.push_back(std::move(key));
        if (key_value.children.size() == 2) {
          STRATUS_ASSIGN_OR_RETURN(NestedNode value,
                                   Resolve(key_value.children[1], type.child(1), false, depth + 1));
          out.children.push_back(std::move(value));
        } else {
          NestedNode value;
          value.type = type.child(1);
          out.children.push_back(std::move(value));
        }
        return Seal(std::move(out), first_leaf, leaves->size());
      }
      case TypeKind::kRow: {
        if (!IsGroup(node) || IsList(node) || IsMap(node)) {
          return Mismatch(node, type);
        }
        out.kind = Kind::kStruct;
        for (const sql::RowField& field : type.children()) {
          const TreeNode* match = nullptr;
          for (const TreeNode& child : node.children) {
            if (SameName(child.element->name, field.name)) {
              match = &child;
              break;
            }
          }
          if (match == nullptr) {
            NestedNode absent;
            absent.type = field.type;
            absent.first_leaf = leaves->size();
            out.children.push_back(std::move(absent));
            continue;
          }
          STRATUS_ASSIGN_OR_RETURN(NestedNode child, Resolve(*match, field.type, false, depth + 1));
          out.children.push_back(std::move(child));
        }
        return Seal(std::move(out), first_leaf, leaves->size());
      }
      default: {
        if (IsGroup(node)) {
          return Mismatch(node, type);
        }
        out.kind = Kind::kLeaf;
        out.leaf = LeafColumn{.name = column,
                              .chunk_index = node.chunk_index,
                              .element = node.element,
                              .max_definition_level = node.def,
                              .max_repetition_level = node.rep,
                              .nested = false};
        STRATUS_RETURN_IF_ERROR(CheckReadable(out.leaf, type));
        leaves->push_back(out.leaf);
        return Seal(std::move(out), first_leaf, leaves->size());
      }
    }
  }
};

std::optional<sql::LogicalType> Natural(const TreeNode& node, bool as_element, int depth) {
  using sql::LogicalType;
  if (depth > kMaxDepth) {
    return std::nullopt;
  }
  if (node.element->repetition == Repetition::kRepeated && !as_element) {
    auto element = Natural(node, true, depth + 1);
    return element ? std::optional(LogicalType::Array(*element)) : std::nullopt;
  }
  if (IsList(node)) {
    if (node.children.size() != 1 ||
        node.children[0].element->repetition != Repetition::kRepeated) {
      return std::nullopt;
    }
    const TreeNode& repeated = node.children[0];
    auto element = RepeatedIsElement(node, repeated)
                       ? Natural(repeated, true, depth + 1)
                       : Natural(repeated.children[0], false, depth + 1);
    return element ? std::optional(LogicalType::Array(*element)) : std::nullopt;
  }
  if (IsMap(node)) {
    if (node.children.size() != 1 || node.children[0].children.size() != 2) {
      return std::nullopt;
    }
    auto key = Natural(node.children[0].children[0], false, depth + 1);
    auto value = Natural(node.children[0].children[1], false, depth + 1);
    return key && value ? std::optional(LogicalType::Map(*key, *value)) : std::nullopt;
  }
  if (IsGroup(node)) {
    std::vector<sql::RowField> fields;
    for (const TreeNode& child : node.children) {
      auto type = Natural(child, false, depth + 1);
      if (!type) {
        return std::nullopt;
      }
      fields.push_back(sql::RowField{.name = child.element->name, .type = *type});
    }
    return LogicalType::Row(std::move(fields));
  }
  return NaturalType(*node.element);
}

}  // namespace

Result<NestedNode> ResolveNestedColumn(const FileMetaData& metadata,
                                       size_t top,
                                       const sql::LogicalType& type,
                                       std::vector<LeafColumn>* leaves) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<TreeNode> tree, BuildTree(metadata));
  if (top >= tree.size()) {
    return Status::InvalidArgument("parquet: no top-level field " + std::to_string(top));
  }
  Resolver resolver{.column = tree[top].element->name, .leaves = leaves};
  return resolver.Resolve(tree[top], type, false, 0);
}

Result<std::optional<size_t>> FindTopLevelField(const FileMetaData& metadata,
                                                const std::string& name,
                                                std::optional<int32_t> field_id) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<TreeNode> tree, BuildTree(metadata));
  for (size_t i = 0; i < tree.size(); ++i) {
    const SchemaElement& element = *tree[i].element;
    if (field_id ? element.field_id == field_id : SameName(element.name, name)) {
      return std::optional<size_t>(i);
    }
  }
  return std::optional<size_t>();
}

Result<std::vector<const SchemaElement*>> TopLevelFields(const FileMetaData& metadata) {
  STRATUS_ASSIGN_OR_RETURN(std::vector<TreeNode> tree, BuildTree(metadata));
  std::vector<const SchemaElement*> fields;
  for (const TreeNode& node : tree) {
    fields.push_back(node.element);
  }
  return fields;
}

std::optional<sql::LogicalType> NaturalNestedType(const FileMetaData& metadata, size_t top) {
  Result<std::vector<TreeNode>> tree = BuildTree(metadata);
  if (!tree.ok() || top >= tree->size()) {
    return std::nullopt;
  }
  return Natural((*tree)[top], false, 0);
}

}  // namespace stratus::formats::parquet
