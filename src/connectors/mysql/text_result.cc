#include "connectors/mysql/text_result.h"

#include "connectors/mysql/packet.h"

namespace stratus::connectors::mysql {
namespace {

// Types whose values MySQL's INTO OUTFILE does not treat as strings.
bool IsNumericType(uint8_t type) {
  switch (type) {
    case 0x00:  // DECIMAL
    case 0x01:  // TINY
    case 0x02:  // SHORT
    case 0x03:  // LONG
    case 0x04:  // FLOAT
    case 0x05:  // DOUBLE
    case 0x08:  // LONGLONG
    case 0x09:  // INT24
    case 0x0d:  // YEAR
    case 0x10:  // BIT
    case 0xf6:  // NEWDECIMAL
      return true;
    default:
      return false;
  }
}

}  // namespace

std::optional<ColumnDefinition> ParseColumnDefinition(std::string_view payload) {
  PayloadReader reader(payload);
  std::optional<std::string_view> name;
  for (int i = 0; i < 6; ++i) {  // catalog, schema, table, org_table, name, org_name
    std::optional<std::string_view> value = reader.LengthEncodedString();
    if (!value.has_value()) {
      return std::nullopt;
    }
    if (i == 4) {
      name = value;
    }
  }
  // MariaDB's extended metadata (MARIADB_CLIENT_EXTENDED_METADATA) sits
  // before the fixed-length fields, whose length byte is always 0x0c.
  if (!reader.empty() && static_cast<unsigned char>(reader.Rest()[0]) != 0x0c) {
    if (!reader.LengthEncodedString().has_value()) {
      return std::nullopt;
    }
  }
  std::optional<uint64_t> fixed_length = reader.LengthEncodedInt();
  std::optional<uint64_t> charset = reader.FixedInt(2);
  std::optional<uint64_t> length = reader.FixedInt(4);
  std::optional<uint64_t> type = reader.FixedInt(1);
  if (!fixed_length || !charset || !length || !type) {
    return std::nullopt;
  }
  return ColumnDefinition{.name = std::string(*name),
                          .type = static_cast<uint8_t>(*type),
                          .numeric = IsNumericType(static_cast<uint8_t>(*type))};
}

bool IsEndOfRows(std::string_view payload) {
  return !payload.empty() && static_cast<unsigned char>(payload[0]) == kEofHeader &&
         payload.size() < kMaxPacketPayload;
}

bool ParseTextRow(std::string_view payload,
                  const std::vector<ColumnDefinition>& columns,
                  std::vector<FieldValue>* fields) {
  fields->resize(columns.size());
  const char* at = payload.data();
  const char* const end = at + payload.size();
  for (size_t i = 0; i < columns.size(); ++i) {
    FieldValue& field = (*fields)[i];
    field.numeric = columns[i].numeric;
    if (at == end) {
      return false;
    }
    const auto first = static_cast<unsigned char>(*at);
    if (first < 0xfb && static_cast<size_t>(end - at - 1) >= first) {
      // The common case: a length below 251 in one byte.
      field.bytes = std::string_view(at + 1, first);
      field.is_null = false;
      at += 1 + first;
      continue;
    }
    PayloadReader reader(std::string_view(at, static_cast<size_t>(end - at)));
    std::optional<std::string_view> value = reader.LengthEncodedString(&field.is_null);
    if (!value.has_value()) {
      return false;
    }
    field.bytes = *value;
    at = end - reader.Rest().size();
  }
  return at == end;
}

}  // namespace stratus::connectors::mysql
