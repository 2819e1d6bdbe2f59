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
      static const AvroValue kNull;
      STRATUS_RETURN_IF_ERROR(FromTree(item == nullptr ? kNull : *item, name, &child));
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
  avro_reader_t reader = avro_reader_memory(bytes.data(), static_cast<int64_t>(bytes.size()));
  Status status;
  size_t consumed = 0;
  for (int64_t i = 0; i < count && status.ok(); ++i) {
    avro_value_reset(&state_->value);
    if (avro_value_read(reader, &state_->value) != 0) {
      status = Status::Corruption("avro: bad datum: " + AvroError());
      break;
    }
    size_t size = 0;
    avro_value_sizeof(&state_->value, &size);
    consumed += size;
    AvroValue tree;
    status = ToTree(&state_->value, 0, &tree);
    if (status.ok()) {
      out->push_back(std::move(tree));
    }
  }
  // avro-c's memory reader cannot say where it stopped: the datums'
  // encoded sizes must add up to the block.
  if (status.ok() && consumed != bytes.size()) {
    status = Status::Corruption("avro: block has bytes after its datums");
  }
  avro_reader_free(reader);
  return status;
}

}  // namespace stratus::formats::avro
