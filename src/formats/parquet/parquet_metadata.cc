#include "formats/parquet/parquet_metadata.h"

#include <algorithm>
#include <utility>

#include "formats/parquet/thrift_compact_internal.h"

namespace stratus::formats::parquet {
namespace {

using Reader = ThriftCompactReader;
using Type = ThriftType;

Status WrongType() {
  return Status::Corruption("parquet: corrupt thrift: field of the wrong type");
}

// Reads a struct, calling on_field(field) for each field; on_field skips
// the fields it does not know.
template <typename OnField>
Status ReadStruct(Reader& reader, OnField&& on_field) {
  STRATUS_RETURN_IF_ERROR(reader.BeginStruct());
  ThriftField field;
  for (;;) {
    STRATUS_ASSIGN_OR_RETURN(bool more, reader.NextField(&field));
    if (!more) {
      return Status::Ok();
    }
    STRATUS_RETURN_IF_ERROR(on_field(field));
  }
}

template <typename OnField>
Status ReadStructField(Reader& reader, const ThriftField& field, OnField&& on_field) {
  if (field.type != Type::kStruct) {
    return WrongType();
  }
  return ReadStruct(reader, std::forward<OnField>(on_field));
}

// Reads a list field, calling on_element(element_type) per element.
template <typename OnElement>
Status ReadListField(Reader& reader, const ThriftField& field, OnElement&& on_element) {
  if (field.type != Type::kList && field.type != Type::kSet) {
    return WrongType();
  }
  STRATUS_ASSIGN_OR_RETURN(ThriftList list, reader.ReadListHeader());
  for (uint32_t i = 0; i < list.size; ++i) {
    STRATUS_RETURN_IF_ERROR(on_element(list.element_type));
  }
  return Status::Ok();
}

template <typename T>
Status ReadEnum(Reader& reader, Type type, T* out) {
  STRATUS_ASSIGN_OR_RETURN(int32_t value, reader.ReadInt32(type));
  *out = static_cast<T>(value);
  return Status::Ok();
}

Status ReadString(Reader& reader, const ThriftField& field, std::string* out) {
  if (field.type != Type::kBinary) {
    return WrongType();
  }
  STRATUS_ASSIGN_OR_RETURN(std::string_view value, reader.ReadBinary());
  *out = std::string(value);
  return Status::Ok();
}

Status ReadI64(Reader& reader, const ThriftField& field, int64_t* out) {
  STRATUS_ASSIGN_OR_RETURN(*out, reader.ReadInt(field.type));
  return Status::Ok();
}

Status ReadI32(Reader& reader, const ThriftField& field, int32_t* out) {
  STRATUS_ASSIGN_OR_RETURN(*out, reader.ReadInt32(field.type));
  return Status::Ok();
}

Status ReadTimeUnit(Reader& reader, LogicalAnnotation* logical) {
  return ReadStruct(reader, [&](const ThriftField& field) -> Status {
    if (field.id >= 1 && field.id <= 3) {
      logical->unit = static_cast<LogicalAnnotation::TimeUnit>(field.id);
    }
    return reader.Skip(field.type);
  });
}

Status ReadLogical(Reader& reader, LogicalAnnotation* logical) {
  using Kind = LogicalAnnotation::Kind;
  return ReadStruct(reader, [&](const ThriftField& field) -> Status {
    if (field.type != Type::kStruct || field.id < 1 || field.id > 14) {
      return reader.Skip(field.type);
    }
    logical->kind = static_cast<Kind>(field.id);
    return ReadStruct(reader, [&](const ThriftField& inner) -> Status {
      switch (logical->kind) {
        case Kind::kDecimal:
          if (inner.id == 1) {
            return ReadI32(reader, inner, &logical->scale);
          }
          if (inner.id == 2) {
            return ReadI32(reader, inner, &logical->precision);
          }
          break;
        case Kind::kTime:
        case Kind::kTimestamp:
          if (inner.id == 1) {
            STRATUS_ASSIGN_OR_RETURN(logical->is_adjusted_to_utc, reader.ReadBool(inner.type));
            return Status::Ok();
          }
          if (inner.id == 2 && inner.type == Type::kStruct) {
            return ReadTimeUnit(reader, logical);
          }
          break;
        case Kind::kInteger:
          if (inner.id == 1) {
            return ReadI32(reader, inner, &logical->bit_width);
          }
          if (inner.id == 2) {
            STRATUS_ASSIGN_OR_RETURN(logical->is_signed, reader.ReadBool(inner.type));
            return Status::Ok();
          }
          break;
        default:
          break;
      }
      return reader.Skip(inner.type);
    });
  });
}

Status ReadSchemaElement(Reader& reader, SchemaElement* element) {
  return ReadStruct(reader, [&](const ThriftField& field) -> Status {
    switch (field.id) {
      case 1: {
        PhysicalKind type = PhysicalKind::kBoolean;
        STRATUS_RETURN_IF_ERROR(ReadEnum(reader, field.type, &type));
        element->type = type;
        return Status::Ok();
      }
      case 2:
        return ReadI32(reader, field, &element->type_length);
      case 3:
        return ReadEnum(reader, field.type, &element->repetition);
      case 4:
        return ReadString(reader, field, &element->name);
      case 5:
        return ReadI32(reader, field, &element->num_children);
      case 6: {
        ConvertedType converted = ConvertedType::kUtf8;
        STRATUS_RETURN_IF_ERROR(ReadEnum(reader, field.type, &converted));
        element->converted_type = converted;
        return Status::Ok();
      }
      case 7:
        return ReadI32(reader, field, &element->scale);
      case 8:
        return ReadI32(reader, field, &element->precision);
      case 9: {
        int32_t id = 0;
        STRATUS_RETURN_IF_ERROR(ReadI32(reader, field, &id));
        element->field_id = id;
        return Status::Ok();
      }
      case 10:
        if (field.type != Type::kStruct) {
          return WrongType();
        }
        return ReadLogical(reader, &element->logical);
      default:
        return reader.Skip(field.type);
    }
  });
}

Status ReadStatistics(Reader& reader, Statistics* statistics) {
  // Fields 1 and 2 are the deprecated signed-order max and min; 5 and 6 win.
  std::optional<std::string> old_min;
  std::optional<std::string> old_max;
  STRATUS_RETURN_IF_ERROR(ReadStruct(reader, [&](const ThriftField& field) -> Status {
    std::string value;
    switch (field.id) {
      case 1:
        STRATUS_RETURN_IF_ERROR(ReadString(reader, field, &value));
        old_max = std::move(value);
        return Status::Ok();
      case 2:
        STRATUS_RETURN_IF_ERROR(ReadString(reader, field, &value));
        old_min = std::move(value);
        return Status::Ok();
      case 3: {
        int64_t count = 0;
        STRATUS_RETURN_IF_ERROR(ReadI64(reader, field, &count));
        statistics->null_count = count;
        return Status::Ok();
      }
      case 5:
        STRATUS_RETURN_IF_ERROR(ReadString(reader, field, &value));
        statistics->max_value = std::move(value);
        return Status::Ok();
      case 6:
        STRATUS_RETURN_IF_ERROR(ReadString(reader, field, &value));
        statistics->min_value = std::move(value);
        return Status::Ok();
      default:
        return reader.Skip(field.type);
    }
  }));
  if (!statistics->min_value && !statistics->max_value) {
    statistics->min_value = std::move(old_min);
    statistics->max_value = std::move(old_max);
  }
  return Status::Ok();
}

Status ReadColumnMetaData(Reader& reader, ColumnMetaData* meta) {
  return ReadStruct(reader, [&](const ThriftField& field) -> Status {
    switch (field.id) {
      case 1:
        return ReadEnum(reader, field.type, &meta->type);
      case 2:
        return ReadListField(reader, field, [&](Type type) -> Status {
          Encoding encoding = Encoding::kPlain;
          STRATUS_RETURN_IF_ERROR(ReadEnum(reader, type, &encoding));
          meta->encodings.push_back(encoding);
          return Status::Ok();
        });
      case 3:
        return ReadListField(reader, field, [&](Type type) -> Status {
          if (type != Type::kBinary) {
            return WrongType();
          }
          STRATUS_ASSIGN_OR_RETURN(std::string_view part, reader.ReadBinary());
          meta->path_in_schema.emplace_back(part);
          return Status::Ok();
        });
      case 4:
        return ReadEnum(reader, field.type, &meta->codec);
      case 5:
        return ReadI64(reader, field, &meta->num_values);
      case 6:
        return ReadI64(reader, field, &meta->total_uncompressed_size);
      case 7:
        return ReadI64(reader, field, &meta->total_compressed_size);
      case 9:
        return ReadI64(reader, field, &meta->data_page_offset);
      case 11: {
        int64_t offset = 0;
        STRATUS_RETURN_IF_ERROR(ReadI64(reader, field, &offset));
        meta->dictionary_page_offset = offset;
        return Status::Ok();
      }
      case 12:
        if (field.type != Type::kStruct) {
          return WrongType();
        }
        return ReadStatistics(reader, &meta->statistics);
      default:
        return reader.Skip(field.type);
    }
  });
}

Status ReadColumnChunk(Reader& reader, ColumnChunk* chunk) {
  return ReadStruct(reader, [&](const ThriftField& field) -> Status {
    switch (field.id) {
      case 2:
        return ReadI64(reader, field, &chunk->file_offset);
      case 3:
        if (field.type != Type::kStruct) {
          return WrongType();
        }
        chunk->meta_data.emplace();
        return ReadColumnMetaData(reader, &*chunk->meta_data);
      default:
        return reader.Skip(field.type);
    }
  });
}

Status ReadRowGroup(Reader& reader, RowGroup* group) {
  return ReadStruct(reader, [&](const ThriftField& field) -> Status {
    switch (field.id) {
      case 1:
        return ReadListField(reader, field, [&](Type type) -> Status {
          if (type != Type::kStruct) {
            return WrongType();
          }
          group->columns.emplace_back();
          return ReadColumnChunk(reader, &group->columns.back());
        });
      case 2:
        return ReadI64(reader, field, &group->total_byte_size);
      case 3:
        return ReadI64(reader, field, &group->num_rows);
      default:
        return reader.Skip(field.type);
    }
  });
}

Status ReadKeyValue(Reader& reader, KeyValue* key_value) {
  return ReadStruct(reader, [&](const ThriftField& field) -> Status {
    if (field.id == 1) {
      return ReadString(reader, field, &key_value->key);
    }
    if (field.id == 2) {
      return ReadString(reader, field, &key_value->value);
    }
    return reader.Skip(field.type);
  });
}

Status ReadFileMetaData(Reader& reader, FileMetaData* metadata) {
  return ReadStruct(reader, [&](const ThriftField& field) -> Status {
    switch (field.id) {
      case 1:
        return ReadI32(reader, field, &metadata->version);
      case 2:
        return ReadListField(reader, field, [&](Type type) -> Status {
          if (type != Type::kStruct) {
            return WrongType();
          }
          metadata->schema.emplace_back();
          return ReadSchemaElement(reader, &metadata->schema.back());
        });
      case 3:
        return ReadI64(reader, field, &metadata->num_rows);
      case 4:
        return ReadListField(reader, field, [&](Type type) -> Status {
          if (type != Type::kStruct) {
            return WrongType();
          }
          metadata->row_groups.emplace_back();
          return ReadRowGroup(reader, &metadata->row_groups.back());
        });
      case 5:
        return ReadListField(reader, field, [&](Type type) -> Status {
          if (type != Type::kStruct) {
            return WrongType();
          }
          metadata->key_value_metadata.emplace_back();
          return ReadKeyValue(reader, &metadata->key_value_metadata.back());
        });
      case 6:
        return ReadString(reader, field, &metadata->created_by);
      default:
        return reader.Skip(field.type);
    }
  });
}

Status ReadPageHeader(Reader& reader, PageHeader* header) {
  return ReadStruct(reader, [&](const ThriftField& field) -> Status {
    switch (field.id) {
      case 1:
        return ReadEnum(reader, field.type, &header->type);
      case 2:
        return ReadI32(reader, field, &header->uncompressed_page_size);
      case 3:
        return ReadI32(reader, field, &header->compressed_page_size);
      case 5: {
        DataPageHeader& page = header->data_page.emplace();
        return ReadStructField(reader, field, [&](const ThriftField& inner) -> Status {
          switch (inner.id) {
            case 1:
              return ReadI32(reader, inner, &page.num_values);
            case 2:
              return ReadEnum(reader, inner.type, &page.encoding);
            case 3:
              return ReadEnum(reader, inner.type, &page.definition_level_encoding);
            case 4:
              return ReadEnum(reader, inner.type, &page.repetition_level_encoding);
            default:
              return reader.Skip(inner.type);
          }
        });
      }
      case 7: {
        DictionaryPageHeader& page = header->dictionary_page.emplace();
        return ReadStructField(reader, field, [&](const ThriftField& inner) -> Status {
          if (inner.id == 1) {
            return ReadI32(reader, inner, &page.num_values);
          }
          if (inner.id == 2) {
            return ReadEnum(reader, inner.type, &page.encoding);
          }
          return reader.Skip(inner.type);
        });
      }
      case 8: {
        DataPageHeaderV2& page = header->data_page_v2.emplace();
        return ReadStructField(reader, field, [&](const ThriftField& inner) -> Status {
          switch (inner.id) {
            case 1:
              return ReadI32(reader, inner, &page.num_values);
            case 2:
              return ReadI32(reader, inner, &page.num_nulls);
            case 3:
              return ReadI32(reader, inner, &page.num_rows);
            case 4:
              return ReadEnum(reader, inner.type, &page.encoding);
            case 5:
              return ReadI32(reader, inner, &page.definition_levels_byte_length);
            case 6:
              return ReadI32(reader, inner, &page.repetition_levels_byte_length);
            case 7: {
              STRATUS_ASSIGN_OR_RETURN(page.is_compressed, reader.ReadBool(inner.type));
              return Status::Ok();
            }
            default:
              return reader.Skip(inner.type);
          }
        });
      }
      default:
        return reader.Skip(field.type);
    }
  });
}

void WriteLogical(ThriftCompactWriter& writer, const LogicalAnnotation& logical) {
  using Kind = LogicalAnnotation::Kind;
  writer.FieldStruct(10);
  writer.FieldStruct(static_cast<int16_t>(logical.kind));
  switch (logical.kind) {
    case Kind::kDecimal:
      writer.FieldI32(1, logical.scale);
      writer.FieldI32(2, logical.precision);
      break;
    case Kind::kTime:
    case Kind::kTimestamp:
      writer.FieldBool(1, logical.is_adjusted_to_utc);
      writer.FieldStruct(2);
      writer.FieldStruct(static_cast<int16_t>(logical.unit));
      writer.EndStruct();
      writer.EndStruct();
      break;
    case Kind::kInteger:
      writer.FieldHeader(1, ThriftType::kByte);
      writer.Byte(static_cast<int8_t>(logical.bit_width));
      writer.FieldBool(2, logical.is_signed);
      break;
    default:
      break;
  }
  writer.EndStruct();
  writer.EndStruct();
}

void WriteSchemaElement(ThriftCompactWriter& writer, const SchemaElement& element, bool root) {
  writer.BeginStruct();
  if (element.type) {
    writer.FieldI32(1, static_cast<int32_t>(*element.type));
  }
  if (element.type == PhysicalKind::kFixedLenByteArray) {
    writer.FieldI32(2, element.type_length);
  }
  if (!root) {  // The root leaves repetition out.
    writer.FieldI32(3, static_cast<int32_t>(element.repetition));
  }
  writer.FieldBinary(4, element.name);
  if (!element.type) {
    writer.FieldI32(5, element.num_children);
  }
  if (element.converted_type) {
    writer.FieldI32(6, static_cast<int32_t>(*element.converted_type));
  }
  if (element.logical.kind == LogicalAnnotation::Kind::kDecimal) {
    writer.FieldI32(7, element.scale);
    writer.FieldI32(8, element.precision);
  }
  if (element.field_id) {
    writer.FieldI32(9, *element.field_id);
  }
  if (element.logical.kind != LogicalAnnotation::Kind::kNone) {
    WriteLogical(writer, element.logical);
  }
  writer.EndStruct();
}

void WriteStatistics(ThriftCompactWriter& writer, const Statistics& statistics) {
  writer.FieldStruct(12);
  if (statistics.null_count) {
    writer.FieldI64(3, *statistics.null_count);
  }
  if (statistics.max_value) {
    writer.FieldBinary(5, *statistics.max_value);
  }
  if (statistics.min_value) {
    writer.FieldBinary(6, *statistics.min_value);
  }
  writer.EndStruct();
}

void WriteColumnChunk(ThriftCompactWriter& writer, const ColumnChunk& chunk) {
  writer.BeginStruct();
  writer.FieldI64(2, chunk.file_offset);
  if (chunk.meta_data) {
    const ColumnMetaData& meta = *chunk.meta_data;
    writer.FieldStruct(3);
    writer.FieldI32(1, static_cast<int32_t>(meta.type));
    writer.FieldList(2, ThriftType::kI32, static_cast<uint32_t>(meta.encodings.size()));
    for (Encoding encoding : meta.encodings) {
      writer.Int(static_cast<int32_t>(encoding));
    }
    writer.FieldList(3, ThriftType::kBinary, static_cast<uint32_t>(meta.path_in_schema.size()));
    for (const std::string& part : meta.path_in_schema) {
      writer.Binary(part);
    }
    writer.FieldI32(4, static_cast<int32_t>(meta.codec));
    writer.FieldI64(5, meta.num_values);
    writer.FieldI64(6, meta.total_uncompressed_size);
    writer.FieldI64(7, meta.total_compressed_size);
    writer.FieldI64(9, meta.data_page_offset);
    if (meta.dictionary_page_offset) {
      writer.FieldI64(11, *meta.dictionary_page_offset);
    }
    WriteStatistics(writer, meta.statistics);
    writer.EndStruct();
  }
  writer.EndStruct();
}

}  // namespace

Result<FileMetaData> DecodeFileMetaData(std::string_view bytes) {
  Reader reader(bytes);
  FileMetaData metadata;
  STRATUS_RETURN_IF_ERROR(ReadFileMetaData(reader, &metadata));
  return metadata;
}

Result<PageHeader> DecodePageHeader(std::string_view bytes, size_t* header_size) {
  Reader reader(bytes);
  PageHeader header;
  STRATUS_RETURN_IF_ERROR(ReadPageHeader(reader, &header));
  *header_size = reader.position();
  return header;
}

void EncodeFileMetaData(const FileMetaData& metadata, std::string* out) {
  ThriftCompactWriter writer(out);
  writer.BeginStruct();
  writer.FieldI32(1, metadata.version);
  writer.FieldList(2, ThriftType::kStruct, static_cast<uint32_t>(metadata.schema.size()));
  for (size_t i = 0; i < metadata.schema.size(); ++i) {
    WriteSchemaElement(writer, metadata.schema[i], i == 0);
  }
  writer.FieldI64(3, metadata.num_rows);
  writer.FieldList(4, ThriftType::kStruct, static_cast<uint32_t>(metadata.row_groups.size()));
  for (const RowGroup& group : metadata.row_groups) {
    writer.BeginStruct();
    writer.FieldList(1, ThriftType::kStruct, static_cast<uint32_t>(group.columns.size()));
    for (const ColumnChunk& chunk : group.columns) {
      WriteColumnChunk(writer, chunk);
    }
    writer.FieldI64(2, group.total_byte_size);
    writer.FieldI64(3, group.num_rows);
    writer.EndStruct();
  }
  if (!metadata.key_value_metadata.empty()) {
    writer.FieldList(5, ThriftType::kStruct,
                     static_cast<uint32_t>(metadata.key_value_metadata.size()));
    for (const KeyValue& key_value : metadata.key_value_metadata) {
      writer.BeginStruct();
      writer.FieldBinary(1, key_value.key);
      writer.FieldBinary(2, key_value.value);
      writer.EndStruct();
    }
  }
  if (!metadata.created_by.empty()) {
    writer.FieldBinary(6, metadata.created_by);
  }
  // column_orders: TYPE_ORDER for every leaf, without which readers ignore
  // Statistics' min_value and max_value.
  const auto leaves = static_cast<uint32_t>(
      std::count_if(metadata.schema.begin(), metadata.schema.end(),
                    [](const SchemaElement& e) { return e.type.has_value(); }));
  writer.FieldList(7, ThriftType::kStruct, leaves);
  for (uint32_t i = 0; i < leaves; ++i) {
    writer.BeginStruct();
    writer.FieldStruct(1);
    writer.EndStruct();
    writer.EndStruct();
  }
  writer.EndStruct();
}

void EncodePageHeader(const PageHeader& header, std::string* out) {
  ThriftCompactWriter writer(out);
  writer.BeginStruct();
  writer.FieldI32(1, static_cast<int32_t>(header.type));
  writer.FieldI32(2, header.uncompressed_page_size);
  writer.FieldI32(3, header.compressed_page_size);
  if (header.data_page) {
    writer.FieldStruct(5);
    writer.FieldI32(1, header.data_page->num_values);
    writer.FieldI32(2, static_cast<int32_t>(header.data_page->encoding));
    writer.FieldI32(3, static_cast<int32_t>(header.data_page->definition_level_encoding));
    writer.FieldI32(4, static_cast<int32_t>(header.data_page->repetition_level_encoding));
    writer.EndStruct();
  }
  if (header.data_page_v2) {
    const DataPageHeaderV2& page = *header.data_page_v2;
    writer.FieldStruct(8);
    writer.FieldI32(1, page.num_values);
    writer.FieldI32(2, page.num_nulls);
    writer.FieldI32(3, page.num_rows);
    writer.FieldI32(4, static_cast<int32_t>(page.encoding));
    writer.FieldI32(5, page.definition_levels_byte_length);
    writer.FieldI32(6, page.repetition_levels_byte_length);
    writer.FieldBool(7, page.is_compressed);
    writer.EndStruct();
  }
  if (header.dictionary_page) {
    writer.FieldStruct(7);
    writer.FieldI32(1, header.dictionary_page->num_values);
    writer.FieldI32(2, static_cast<int32_t>(header.dictionary_page->encoding));
    writer.EndStruct();
  }
  writer.EndStruct();
}

}  // namespace stratus::formats::parquet
