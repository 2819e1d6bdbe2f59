#include "formats/text/text_format_options.h"

#include <charconv>

#include "base/format.h"

namespace stratus::formats::text {
namespace {

const std::string* Find(const std::map<std::string, std::string>& map, const std::string& key) {
  const auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

// Hive's LazySerDeParameters.getByte: a number is a byte value, else the first character.
char DelimiterByte(const std::string* value, char fallback) {
  if (value == nullptr || value->empty()) {
    return fallback;
  }
  std::string_view text = *value;
  if (text.size() > 1 && text[0] == '+') {
    text.remove_prefix(1);
  }
  int number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error == std::errc() && end == text.data() + text.size() && number >= -128 && number <= 127) {
    return static_cast<char>(number);
  }
  return (*value)[0];
}

Result<char> CsvChar(const std::map<std::string, std::string>& parameters,
                     const std::string& key,
                     char fallback) {
  const std::string* value = Find(parameters, key);
  if (value == nullptr || value->empty()) {
    return fallback;
  }
  if (static_cast<unsigned char>((*value)[0]) > 127) {
    return Status::InvalidArgument(Format("{} must be 7-bit ASCII", key));
  }
  return (*value)[0];
}

Status ReadLazySimple(const std::map<std::string, std::string>& serde, TextFormatOptions* out) {
  const std::string* field = Find(serde, "field.delim");
  out->field_delimiter =
      DelimiterByte(field != nullptr ? field : Find(serde, "serialization.format"), '\x01');
  const std::string* collection = Find(serde, "collection.delim");
  out->collection_delimiter =
      DelimiterByte(collection != nullptr ? collection : Find(serde, "colelction.delim"), '\x02');
  out->map_key_delimiter = DelimiterByte(Find(serde, "mapkey.delim"), '\x03');
  if (const std::string* escape = Find(serde, "escape.delim"); escape != nullptr) {
    out->escape = DelimiterByte(escape, '\\');
  }
  if (const std::string* null_format = Find(serde, "serialization.null.format");
      null_format != nullptr) {
    out->null_format = *null_format;
  }
  if (const std::string* line = Find(serde, "line.delim");
      line != nullptr && *line != "\n" && *line != "10") {
    return Status::NotImplemented("LINES TERMINATED BY supports only '\\n'");
  }
  return Status::Ok();
}

Status ReadOpenCsv(const std::map<std::string, std::string>& serde, TextFormatOptions* out) {
  STRATUS_ASSIGN_OR_RETURN(out->separator, CsvChar(serde, "separatorChar", ','));
  STRATUS_ASSIGN_OR_RETURN(out->quote, CsvChar(serde, "quoteChar", '"'));
  STRATUS_ASSIGN_OR_RETURN(out->csv_escape, CsvChar(serde, "escapeChar", '\\'));
  if (out->separator == '\0') {
    return Status::InvalidArgument("separatorChar cannot be the null character");
  }
  if (out->separator == out->quote || out->separator == out->csv_escape) {
    return Status::InvalidArgument("separatorChar must differ from quoteChar and escapeChar");
  }
  if (out->quote == out->csv_escape && out->quote != '\0') {
    return Status::InvalidArgument("quoteChar and escapeChar cannot be the same");
  }
  return Status::Ok();
}

bool IsTrue(const std::string* value) {
  return value != nullptr && (*value == "true" || *value == "TRUE" || *value == "True");
}

bool IsFalse(const std::string* value) {
  return value != nullptr && (*value == "false" || *value == "FALSE" || *value == "False");
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

void ReadJson(const std::map<std::string, std::string>& serde, TextFormatOptions* out) {
  out->json_case_insensitive = !IsFalse(Find(serde, "case.insensitive"));
  out->json_ignore_malformed = IsTrue(Find(serde, "ignore.malformed.json"));
  constexpr std::string_view kMapping = "mapping.";
  for (const auto& [key, value] : serde) {
    if (key.size() > kMapping.size() && key.compare(0, kMapping.size(), kMapping) == 0) {
      out->json_key_of_column[Lower(std::string_view(key).substr(kMapping.size()))] =
          out->json_case_insensitive ? Lower(value) : value;
    }
  }
}

}  // namespace

Result<TextFormatOptions> TextFormatOptionsFromProperties(
    std::string_view serialization_library,
    const std::map<std::string, std::string>& serde_parameters,
    const std::map<std::string, std::string>& table_parameters) {
  TextFormatOptions options;
  if (serialization_library.empty() || serialization_library == kLazySimpleSerdeLibrary) {
    STRATUS_RETURN_IF_ERROR(ReadLazySimple(serde_parameters, &options));
  } else if (serialization_library == kOpenCsvSerdeLibrary) {
    options.serde = TextSerde::kOpenCsv;
    STRATUS_RETURN_IF_ERROR(ReadOpenCsv(serde_parameters, &options));
  } else if (serialization_library == kOpenxJsonSerdeLibrary ||
             serialization_library == kHcatalogJsonSerdeLibrary ||
             serialization_library == kHiveJsonSerdeLibrary) {
    options.serde = TextSerde::kJson;
    ReadJson(serde_parameters, &options);
  } else {
    return Status::NotImplemented(
        Format("text tables with SerDe '{}' are not supported", serialization_library));
  }
  for (const auto* parameters : {&serde_parameters, &table_parameters}) {
    if (const std::string* flag = Find(*parameters, "hive.lazysimple.extended_boolean_literal");
        flag != nullptr && (*flag == "true" || *flag == "TRUE")) {
      options.extended_boolean_literals = true;
    }
  }
  if (const std::string* skip = Find(table_parameters, "skip.header.line.count"); skip != nullptr) {
    int lines = 0;
    const auto [end, error] = std::from_chars(skip->data(), skip->data() + skip->size(), lines);
    if (error != std::errc() || end != skip->data() + skip->size() || lines < 0) {
      return Status::InvalidArgument(
          Format("skip.header.line.count must be a non-negative integer, not '{}'", *skip));
    }
    options.skip_header_lines = lines;
  }
  return options;
}

char NestingSeparator(const TextFormatOptions& options, int level) {
  static constexpr char kDeeper[] = {'\x04', '\x05', '\x06', '\x07', '\x08', '\x0b', '\x0e', '\x0f',
                                     '\x10', '\x11', '\x12', '\x13', '\x14', '\x15', '\x16', '\x17',
                                     '\x18', '\x19', '\x1a', '\x1c', '\x1d', '\x1e', '\x1f'};
  switch (level) {
    case 0:
      return options.field_delimiter;
    case 1:
      return options.collection_delimiter;
    case 2:
      return options.map_key_delimiter;
    default: {
      const size_t deeper = static_cast<size_t>(level - 3);
      return deeper < sizeof(kDeeper) ? kDeeper[deeper] : kDeeper[sizeof(kDeeper) - 1];
    }
  }
}

}  // namespace stratus::formats::text
