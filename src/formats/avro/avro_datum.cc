#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <avro.h>

#include "base/format.h"
#include "formats/avro/avro_datum_internal.h"

namespace stratus::formats::avro {

struct AvroDatumCodec::State {
  avro_schema_t schema = nullptr;
  avro_value_iface_t* iface = nullptr;
  avro_value_t value = {};
  bool has_value = false;

  ~State() {
    if (has_value) {
      avro_value_decref(&value);
    }
    if (iface != nullptr) {
      avro_value_iface_decref(iface);
    }
    if (schema != nullptr) {
      avro_schema_decref(schema);
    }
  }
};

namespace {

// Nesting deeper than this is rejected (hostile schemas and data).
constexpr int kMaxDepth = 64;

std::string AvroError() {
  const char* message = avro_strerror();
  return message == nullptr ? std::string("unknown error") : std::string(message);
}

Status Check(int rc, std::string_view what) {
  if (rc != 0) {
    return Status::InvalidArgument(fmt::format("avro: {}: {}", what, AvroError()));
  }
  return Status::Ok();
}

Status ToTree(avro_value_t* value, int depth, AvroValue* out) {
  if (depth > kMaxDepth) {
    return Status::Corruption("avro: datum nested too deeply");
  }
  const avro_type_t type = avro_value_get_type(value);
  switch (type) {
    case AVRO_NULL:
      *out = AvroValue::Null();
      return Status::Ok();
    case AVRO_BOOLEAN: {
      int flag = 0;
      avro_value_get_boolean(value, &flag);
      *out = AvroValue::Boolean(flag != 0);
      return Status::Ok();
    }
    case AVRO_INT32: {
      int32_t number = 0;
      avro_value_get_int(value, &number);
      *out = AvroValue::Int(number);
      return Status::Ok();
    }
    case AVRO_INT64: {
      int64_t number = 0;
      avro_value_get_long(value, &number);
      *out = AvroValue::Long(number);
      return Status::Ok();
    }
    case AVRO_FLOAT: {
      float number = 0;
      avro_value_get_float(value, &number);
      *out = AvroValue::Float(number);
      return Status::Ok();
    }
    case AVRO_DOUBLE: {
      double number = 0;
      avro_value_get_double(value, &number);
      *out = AvroValue::Double(number);
      return Status::Ok();
    }
    case AVRO_STRING: {
      const char* text = nullptr;
      size_t size = 0;
      avro_value_get_string(value, &text, &size);
      // avro-c counts the terminating NUL in the size.
      *out = AvroValue::String(std::string(text == nullptr ? "" : text, size > 0 ? size - 1 : 0));
      return Status::Ok();
    }
    case AVRO_BYTES: {
      const void* bytes = nullptr;
      size_t size = 0;
      avro_value_get_bytes(value, &bytes, &size);
      *out = AvroValue::Bytes(std::string(static_cast<const char*>(bytes), size));
      return Status::Ok();
    }
    case AVRO_FIXED: {
      const void* bytes = nullptr;
      size_t size = 0;
      avro_value_get_fixed(value, &bytes, &size);
      *out = AvroValue::Fixed(std::string(static_cast<const char*>(bytes), size));
      return Status::Ok();
    }
    case AVRO_ENUM: {
      int index = 0;
      avro_value_get_enum(value, &index);
      const char* symbol = avro_schema_enum_get(avro_value_get_schema(value), index);
      *out = AvroValue::Enum(index, symbol == nullptr ? "" : symbol);
      return Status::Ok();
    }
    case AVRO_UNION: {
      avro_value_t branch;
      if (avro_value_get_current_branch(value, &branch) != 0) {
        return Status::Corruption("avro: union without a branch");
      }
      return ToTree(&branch, depth + 1, out);
    }
    case AVRO_RECORD:
    case AVRO_MAP:
    case AVRO_ARRAY: {
      size_t size = 0;
      avro_value_get_size(value, &size);
      *out = type == AVRO_RECORD ? AvroValue::Record()
             : type == AVRO_MAP  ? AvroValue::Map({}, {})
                                 : AvroValue::Array({});
      out->items.resize(size);
      if (type != AVRO_ARRAY) {
        out->names.resize(size);
      }
      for (size_t i = 0; i < size; ++i) {
        avro_value_t child;
        const char* name = nullptr;
        if (avro_value_get_by_index(value, i, &child, &name) != 0) {
          return Status::Corruption("avro: " + AvroError());
        }
        if (type != AVRO_ARRAY) {
          out->names[i] = name == nullptr ? "" : name;
        }
        STRATUS_RETURN_IF_ERROR(ToTree(&child, depth + 1, &out->items[i]));
      }
      return Status::Ok();
    }
    default:
      return Status::Corruption("avro: unsupported datum type");
  }
}

// Walks one datum's encoding under `schema` without allocating: every length
// and count is checked against the bytes left, so that avro-c, which
// allocates a string before it finds the bytes missing (and then leaks it),
// only ever decodes well-formed datums.
class DatumChecker {
 public:
  explicit DatumChecker(std::string_view bytes) : bytes_(bytes) {}

  size_t position() const { return pos_; }

  bool Check(avro_schema_t schema, int depth) {
    if (schema == nullptr || depth > kMaxDepth) {
      return false;
    }
    switch (avro_typeof(schema)) {
      case AVRO_NULL:
        return true;
      case AVRO_BOOLEAN:
        return Skip(1);
      case AVRO_INT32:
      case AVRO_INT64:
      case AVRO_ENUM: {
        int64_t ignored = 0;
        return Long(&ignored);
      }
      case AVRO_FLOAT:
        return Skip(4);
      case AVRO_DOUBLE:
        return Skip(8);
      case AVRO_STRING:
      case AVRO_BYTES: {
        int64_t size = 0;
        return Long(&size) && size >= 0 && Skip(static_cast<uint64_t>(size));
      }
      case AVRO_FIXED: {
        const int64_t size = avro_schema_fixed_size(schema);
        return size >= 0 && Skip(static_cast<uint64_t>(size));
      }
      case AVRO_RECORD: {
        const size_t fields = avro_schema_record_size(schema);
        for (size_t i = 0; i < fields; ++i) {
          if (!Check(avro_schema_record_field_get_by_index(schema, static_cast<int>(i)),
                     depth + 1)) {
            return false;
          }
        }
        return true;
      }
      case AVRO_UNION: {
        int64_t branch = 0;
        if (!Long(&branch) || branch < 0 ||
            static_cast<size_t>(branch) >= avro_schema_union_size(schema)) {
          return false;
        }
        return Check(avro_schema_union_branch(schema, static_cast<int>(branch)), depth + 1);
      }
      case AVRO_ARRAY:
      case AVRO_MAP:
        return CheckBlocks(schema, depth);
      case AVRO_LINK:
        return Check(avro_schema_link_target(schema), depth + 1);
      default:
        return false;
    }
  }

 private:
  bool CheckBlocks(avro_schema_t schema, int depth) {
    const bool is_map = avro_typeof(schema) == AVRO_MAP;
    avro_schema_t items = is_map ? avro_schema_map_values(schema) : avro_schema_array_items(schema);
    while (true) {
      int64_t count = 0;
      if (!Long(&count)) {
        return false;
      }
      if (count == 0) {
        return true;
      }
      if (count < 0) {
        int64_t block_bytes = 0;
        if (!Long(&block_bytes) || count == INT64_MIN) {
          return false;
        }
        count = -count;
      }
      // Every item takes at least... nothing (null items): bound the loop by the input.
      if (static_cast<uint64_t>(count) > bytes_.size() - pos_ + 1) {
        return false;
      }
      for (int64_t i = 0; i < count; ++i) {
        if (is_map) {
          int64_t key = 0;
          if (!Long(&key) || key < 0 || !Skip(static_cast<uint64_t>(key))) {
            return false;
          }
        }
        if (!Check(items, depth + 1)) {
          return false;
        }
      }
    }
  }

  bool Skip(uint64_t size) {
    if (size > bytes_.size() - pos_) {
      return false;
    }
    pos_ += static_cast<size_t>(size);
    return true;
  }

  bool Long(int64_t* out) {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= bytes_.size()) {
        return false;
      }
      const auto byte = static_cast<uint8_t>(bytes_[pos_++]);
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) {
        *out = static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1);
        return true;
      }
    }
    return false;
  }

  std::string_view bytes_;
  size_t pos_ = 0;
};

bool BranchFits(avro_type_t branch, AvroKind kind) {
  switch (kind) {
    case AvroKind::kNull:
      return branch == AVRO_NULL;
    case AvroKind::kBoolean:
      return branch == AVRO_BOOLEAN;
    case AvroKind::kInt:
    case AvroKind::kLong:
      return branch == AVRO_INT32 || branch == AVRO_INT64;
    case AvroKind::kFloat:
    case AvroKind::kDouble:
      return branch == AVRO_FLOAT || branch == AVRO_DOUBLE;
    case AvroKind::kBytes:
    case AvroKind::kString:
    case AvroKind::kFixed:
      return branch == AVRO_BYTES || branch == AVRO_STRING || branch == AVRO_FIXED;
    case AvroKind::kEnum:
      return branch == AVRO_ENUM;
    case AvroKind::kArray:
      return branch == AVRO_ARRAY;
    case AvroKind::kMap:
      return branch == AVRO_MAP;
    case AvroKind::kRecord:
      return branch == AVRO_RECORD;
  }
  return false;
}

Status FromTree(const AvroValue& in, std::string_view field, avro_value_t* value);

Status SetUnion(const AvroValue& in, std::string_view field, avro_value_t* value) {
  avro_schema_t schema = avro_value_get_schema(value);
  const size_t num_branches = avro_schema_union_size(schema);
  for (size_t i = 0; i < num_branches; ++i) {
    avro_schema_t branch_schema = avro_schema_union_branch(schema, static_cast<int>(i));
    if (branch_schema != nullptr && BranchFits(avro_typeof(branch_schema), in.kind)) {
      avro_value_t branch;
      STRATUS_RETURN_IF_ERROR(Check(avro_value_set_branch(value, static_cast<int>(i), &branch),
                                    fmt::format("field {}", field)));
      return FromTree(in, field, &branch);
    }
  }
  return Status::InvalidArgument(
      fmt::format("avro: field {}: no union branch for this value", field));
}

Status SetContainer(const AvroValue& in,
                    std::string_view field,
                    avro_type_t type,
                    avro_value_t* value) {
  if (type == AVRO_RECORD) {
    if (in.kind != AvroKind::kRecord) {
      return Status::InvalidArgument(fmt::format("avro: field {}: expected a record", field));
    }
    size_t size = 0;
    avro_value_get_size(value, &size);
    for (size_t i = 0; i < size; ++i) {
      avro_value_t child;
      const char* name = nullptr;
      STRATUS_RETURN_IF_ERROR(Check(avro_value_get_by_index(value, i, &child, &name), field));
      const AvroValue* item = in.Find(name == nullptr ? "" : name);
      static const AvroValue null_value;
      STRATUS_RETURN_IF_ERROR(FromTree(item == nullptr ? null_value : *item, name, &child));
    }
    return Status::Ok();
  }
  if (type == AVRO_ARRAY) {
    if (in.kind != AvroKind::kArray) {
      return Status::InvalidArgument(fmt::format("avro: field {}: expected an array", field));
    }
    for (const AvroValue& item : in.items) {
      avro_value_t child;
      STRATUS_RETURN_IF_ERROR(Check(avro_value_append(value, &child, nullptr), field));
      STRATUS_RETURN_IF_ERROR(FromTree(item, field, &child));
    }
    return Status::Ok();
  }
  if (in.kind != AvroKind::kMap) {
    return Status::InvalidArgument(fmt::format("avro: field {}: expected a map", field));
  }
  for (size_t i = 0; i < in.items.size(); ++i) {
    avro_value_t child;
    STRATUS_RETURN_IF_ERROR(
        Check(avro_value_add(value, in.names[i].c_str(), &child, nullptr, nullptr), field));
    STRATUS_RETURN_IF_ERROR(FromTree(in.items[i], field, &child));
  }
  return Status::Ok();
}

Status FromTree(const AvroValue& in, std::string_view field, avro_value_t* value) {
  const avro_type_t type = avro_value_get_type(value);
  auto mismatch = [&] {
    return Status::InvalidArgument(
        fmt::format("avro: field {}: value does not fit the schema", field));
  };
  switch (type) {
    case AVRO_NULL:
      return in.kind == AvroKind::kNull ? Check(avro_value_set_null(value), field) : mismatch();
    case AVRO_BOOLEAN:
      return in.kind == AvroKind::kBoolean ? Check(avro_value_set_boolean(value, in.boolean), field)
                                           : mismatch();
    case AVRO_INT32:
      return in.kind == AvroKind::kInt || in.kind == AvroKind::kLong
                 ? Check(avro_value_set_int(value, static_cast<int32_t>(in.number)), field)
                 : mismatch();
    case AVRO_INT64:
      return in.kind == AvroKind::kInt || in.kind == AvroKind::kLong
                 ? Check(avro_value_set_long(value, in.number), field)
                 : mismatch();
    case AVRO_FLOAT:
      return in.kind == AvroKind::kFloat || in.kind == AvroKind::kDouble
                 ? Check(avro_value_set_float(value, static_cast<float>(in.real)), field)
                 : mismatch();
    case AVRO_DOUBLE:
      return in.kind == AvroKind::kFloat || in.kind == AvroKind::kDouble
                 ? Check(avro_value_set_double(value, in.real), field)
                 : mismatch();
    case AVRO_STRING:
      return in.kind == AvroKind::kString || in.kind == AvroKind::kBytes
                 ? Check(avro_value_set_string_len(value, in.bytes.c_str(), in.bytes.size() + 1),
                         field)
                 : mismatch();
    case AVRO_BYTES:
      return in.kind == AvroKind::kBytes || in.kind == AvroKind::kString ||
                     in.kind == AvroKind::kFixed
                 ? Check(avro_value_set_bytes(value, const_cast<char*>(in.bytes.data()),
                                              in.bytes.size()),
                         field)
                 : mismatch();
    case AVRO_FIXED:
      return in.kind == AvroKind::kFixed || in.kind == AvroKind::kBytes
                 ? Check(avro_value_set_fixed(value, const_cast<char*>(in.bytes.data()),
                                              in.bytes.size()),
                         field)
                 : mismatch();
    case AVRO_ENUM: {
      if (in.kind != AvroKind::kEnum) {
        return mismatch();
      }
      int index = static_cast<int>(in.number);
      if (!in.bytes.empty()) {
        index = avro_schema_enum_get_by_name(avro_value_get_schema(value), in.bytes.c_str());
      }
      return Check(avro_value_set_enum(value, index), field);
    }
    case AVRO_UNION:
      return SetUnion(in, field, value);
    case AVRO_RECORD:
    case AVRO_ARRAY:
    case AVRO_MAP:
      return SetContainer(in, field, type, value);
    default:
      return mismatch();
  }
}

}  // namespace

AvroDatumCodec::AvroDatumCodec(std::unique_ptr<State> state) : state_(std::move(state)) {}

AvroDatumCodec::~AvroDatumCodec() = default;

Result<std::unique_ptr<AvroDatumCodec>> AvroDatumCodec::Make(std::string_view schema_json) {
  auto state = std::make_unique<State>();
  if (avro_schema_from_json_length(schema_json.data(), schema_json.size(), &state->schema) != 0) {
    state->schema = nullptr;
    return Status::InvalidArgument("avro: bad schema: " + AvroError());
  }
  state->iface = avro_generic_class_from_schema(state->schema);
  if (state->iface == nullptr) {
    return Status::InvalidArgument("avro: unsupported schema: " + AvroError());
  }
  if (avro_generic_value_new(state->iface, &state->value) != 0) {
    return Status::Internal("avro: " + AvroError());
  }
  state->has_value = true;
  return std::unique_ptr<AvroDatumCodec>(
      new AvroDatumCodec(std::move(state)));  // STRATUS_LINT_ALLOW(private constructor)
}

Status AvroDatumCodec::Encode(const AvroValue& value, std::string* out) {
  avro_value_reset(&state_->value);
  STRATUS_RETURN_IF_ERROR(FromTree(value, "<root>", &state_->value));
  size_t size = 0;
  STRATUS_RETURN_IF_ERROR(Check(avro_value_sizeof(&state_->value, &size), "sizeof"));
  const size_t start = out->size();
  out->resize(start + size);
  avro_writer_t writer = avro_writer_memory(out->data() + start, static_cast<int64_t>(size));
  const int rc = avro_value_write(writer, &state_->value);
  avro_writer_free(writer);
  return Check(rc, "write");
}

Status AvroDatumCodec::DecodeBlock(std::string_view bytes,
                                   int64_t count,
                                   std::vector<AvroValue>* out) {
  DatumChecker checker(bytes);
  for (int64_t i = 0; i < count; ++i) {
    if (!checker.Check(state_->schema, 0)) {
      return Status::Corruption("avro: malformed datum");
    }
  }
  if (checker.position() != bytes.size()) {
    return Status::Corruption("avro: block has bytes after its datums");
  }
  avro_reader_t reader = avro_reader_memory(bytes.data(), static_cast<int64_t>(bytes.size()));
  Status status;
  for (int64_t i = 0; i < count && status.ok(); ++i) {
    avro_value_reset(&state_->value);
    if (avro_value_read(reader, &state_->value) != 0) {
      status = Status::Corruption("avro: bad datum: " + AvroError());
      break;
    }
    AvroValue tree;
    status = ToTree(&state_->value, 0, &tree);
    if (status.ok()) {
      out->push_back(std::move(tree));
    }
  }
  avro_reader_free(reader);
  return status;
}

}  // namespace stratus::formats::avro
