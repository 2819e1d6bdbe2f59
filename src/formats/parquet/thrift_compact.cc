#include <limits>

#include "formats/parquet/thrift_compact_internal.h"

namespace stratus::formats::parquet {
namespace {

Status Corrupt(std::string_view what) {
  return Status::Corruption("parquet: corrupt thrift: " + std::string(what));
}

int64_t ZigzagDecode(uint64_t value) {
  return static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1);
}

uint64_t ZigzagEncode(int64_t value) {
  return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}

bool ValidType(uint8_t type) {
  return type <= static_cast<uint8_t>(ThriftType::kStruct);
}

}  // namespace

Result<uint8_t> ThriftCompactReader::ReadByte() {
  if (position_ >= bytes_.size()) {
    return Corrupt("truncated");
  }
  return static_cast<uint8_t>(bytes_[position_++]);
}

Result<uint64_t> ThriftCompactReader::ReadVarint() {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    STRATUS_ASSIGN_OR_RETURN(uint8_t byte, ReadByte());
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      return value;
    }
  }
  return Corrupt("varint too long");
}

Status ThriftCompactReader::BeginStruct() {
  if (last_ids_.size() >= kMaxDepth) {
    return Corrupt("nested too deep");
  }
  last_ids_.push_back(0);
  return Status::Ok();
}

Result<bool> ThriftCompactReader::NextField(ThriftField* field) {
  if (last_ids_.empty()) {
    return Corrupt("field outside a struct");
  }
  STRATUS_ASSIGN_OR_RETURN(uint8_t header, ReadByte());
  const uint8_t type = header & 0x0f;
  if (type == 0) {
    last_ids_.pop_back();
    return false;
  }
  if (!ValidType(type)) {
    return Corrupt("bad field type");
  }
  const int delta = header >> 4;
  int64_t id = 0;
  if (delta != 0) {
    id = last_ids_.back() + delta;
  } else {
    STRATUS_ASSIGN_OR_RETURN(uint64_t raw, ReadVarint());
    id = ZigzagDecode(raw);
  }
  if (id < std::numeric_limits<int16_t>::min() || id > std::numeric_limits<int16_t>::max()) {
    return Corrupt("bad field id");
  }
  last_ids_.back() = static_cast<int16_t>(id);
  field->id = static_cast<int16_t>(id);
  field->type = static_cast<ThriftType>(type);
  return true;
}

Result<int64_t> ThriftCompactReader::ReadInt(ThriftType type) {
  switch (type) {
    case ThriftType::kByte: {
      STRATUS_ASSIGN_OR_RETURN(uint8_t byte, ReadByte());
      return static_cast<int8_t>(byte);
    }
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64: {
      STRATUS_ASSIGN_OR_RETURN(uint64_t raw, ReadVarint());
      return ZigzagDecode(raw);
    }
    default:
      return Corrupt("expected an integer");
  }
}

Result<int32_t> ThriftCompactReader::ReadInt32(ThriftType type) {
  STRATUS_ASSIGN_OR_RETURN(int64_t value, ReadInt(type));
  if (value < std::numeric_limits<int32_t>::min() || value > std::numeric_limits<int32_t>::max()) {
    return Corrupt("i32 out of range");
  }
  return static_cast<int32_t>(value);
}

Result<bool> ThriftCompactReader::ReadBool(ThriftType type) {
  if (type == ThriftType::kBoolTrue) {
    return true;
  }
  if (type == ThriftType::kBoolFalse) {
    return false;
  }
  return Corrupt("expected a bool");
}

Result<std::string_view> ThriftCompactReader::ReadBinary() {
  STRATUS_ASSIGN_OR_RETURN(uint64_t size, ReadVarint());
  if (size > bytes_.size() - position_) {
    return Corrupt("binary past the end");
  }
  std::string_view value = bytes_.substr(position_, size);
  position_ += size;
  return value;
}

Result<ThriftList> ThriftCompactReader::ReadListHeader() {
  STRATUS_ASSIGN_OR_RETURN(uint8_t header, ReadByte());
  ThriftList list;
  const uint8_t type = header & 0x0f;
  if (!ValidType(type) || type == 0) {
    return Corrupt("bad list element type");
  }
  list.element_type = static_cast<ThriftType>(type);
  uint64_t size = header >> 4;
  if (size == 15) {
    STRATUS_ASSIGN_OR_RETURN(size, ReadVarint());
  }
  // Every element takes at least one byte: a larger size is a lie.
  if (size > bytes_.size() - position_) {
    return Corrupt("list longer than its bytes");
  }
  list.size = static_cast<uint32_t>(size);
  return list;
}

Status ThriftCompactReader::Skip(ThriftType type) {
  switch (type) {
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse:
      return Status::Ok();
    case ThriftType::kByte:
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64:
      return ReadInt(type).status();
    case ThriftType::kDouble:
      if (bytes_.size() - position_ < 8) {
        return Corrupt("truncated double");
      }
      position_ += 8;
      return Status::Ok();
    case ThriftType::kBinary:
      return ReadBinary().status();
    case ThriftType::kList:
    case ThriftType::kSet: {
      STRATUS_ASSIGN_OR_RETURN(ThriftList list, ReadListHeader());
      if (last_ids_.size() >= kMaxDepth) {
        return Corrupt("nested too deep");
      }
      for (uint32_t i = 0; i < list.size; ++i) {
        if (list.element_type == ThriftType::kBoolTrue ||
            list.element_type == ThriftType::kBoolFalse) {
          STRATUS_RETURN_IF_ERROR(ReadByte().status());
          continue;
        }
        STRATUS_RETURN_IF_ERROR(Skip(list.element_type));
      }
      return Status::Ok();
    }
    case ThriftType::kMap: {
      STRATUS_ASSIGN_OR_RETURN(uint64_t size, ReadVarint());
      if (size == 0) {
        return Status::Ok();
      }
      if (size > bytes_.size() - position_) {
        return Corrupt("map longer than its bytes");
      }
      STRATUS_ASSIGN_OR_RETURN(uint8_t types, ReadByte());
      const uint8_t key = types >> 4;
      const uint8_t value = types & 0x0f;
      if (!ValidType(key) || !ValidType(value) || key == 0 || value == 0 ||
          last_ids_.size() >= kMaxDepth) {
        return Corrupt("bad map");
      }
      for (uint64_t i = 0; i < size; ++i) {
        STRATUS_RETURN_IF_ERROR(Skip(static_cast<ThriftType>(key)));
        STRATUS_RETURN_IF_ERROR(Skip(static_cast<ThriftType>(value)));
      }
      return Status::Ok();
    }
    case ThriftType::kStruct: {
      STRATUS_RETURN_IF_ERROR(BeginStruct());
      ThriftField field;
      for (;;) {
        STRATUS_ASSIGN_OR_RETURN(bool more, NextField(&field));
        if (!more) {
          return Status::Ok();
        }
        STRATUS_RETURN_IF_ERROR(Skip(field.type));
      }
    }
    case ThriftType::kStop:
      break;
  }
  return Corrupt("bad type");
}

void ThriftCompactWriter::EndStruct() {
  out_->push_back('\0');
  last_ids_.pop_back();
}

void ThriftCompactWriter::Varint(uint64_t value) {
  while (value >= 0x80) {
    out_->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out_->push_back(static_cast<char>(value));
}

void ThriftCompactWriter::FieldHeader(int16_t id, ThriftType type) {
  const int delta = id - last_ids_.back();
  if (delta > 0 && delta <= 15) {
    out_->push_back(static_cast<char>((delta << 4) | static_cast<int>(type)));
  } else {
    out_->push_back(static_cast<char>(type));
    Varint(ZigzagEncode(id));
  }
  last_ids_.back() = id;
}

void ThriftCompactWriter::FieldI32(int16_t id, int32_t value) {
  FieldHeader(id, ThriftType::kI32);
  Int(value);
}

void ThriftCompactWriter::FieldI64(int16_t id, int64_t value) {
  FieldHeader(id, ThriftType::kI64);
  Int(value);
}

void ThriftCompactWriter::FieldBool(int16_t id, bool value) {
  FieldHeader(id, value ? ThriftType::kBoolTrue : ThriftType::kBoolFalse);
}

void ThriftCompactWriter::FieldBinary(int16_t id, std::string_view value) {
  FieldHeader(id, ThriftType::kBinary);
  Binary(value);
}

void ThriftCompactWriter::FieldStruct(int16_t id) {
  FieldHeader(id, ThriftType::kStruct);
  BeginStruct();
}

void ThriftCompactWriter::FieldList(int16_t id, ThriftType element_type, uint32_t size) {
  FieldHeader(id, ThriftType::kList);
  if (size < 15) {
    out_->push_back(static_cast<char>((size << 4) | static_cast<uint32_t>(element_type)));
  } else {
    out_->push_back(static_cast<char>(0xf0 | static_cast<int>(element_type)));
    Varint(size);
  }
}

void ThriftCompactWriter::Int(int64_t value) {
  Varint(ZigzagEncode(value));
}

void ThriftCompactWriter::Binary(std::string_view value) {
  Varint(value.size());
  out_->append(value);
}

}  // namespace stratus::formats::parquet
