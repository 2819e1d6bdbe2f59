// DefinitionParser: Parallel and Map states.

#include "base/format.h"
#include "states/asl/definition_parser_internal.h"

namespace stratus::states::asl {

void DefinitionParser::ParseParallel(const Json& value,
                                     const std::string& location,
                                     QueryLanguage language,
                                     ParallelState* state) {
  CheckRequired(value, {"Branches"}, location);
  auto it = value.find("Branches");
  if (it == value.end()) {
    return;
  }
  const std::string branches_location = Child(location, "Branches");
  if (!it->is_array() || it->empty()) {
    SchemaError("The value for the field 'Branches' must be a non-empty ARRAY", branches_location);
    return;
  }
  for (size_t i = 0; i < it->size(); ++i) {
    state->branches.push_back(
        ParseGraph((*it)[i], Child(branches_location, std::to_string(i)), language, {}));
  }
}

namespace {

// AWS (aws/amazon-states-language-service, map_state.json; Step Functions
// "ItemReader (Map)" and "ResultWriter (Map)"): the S3 actions a Distributed
// Map reads its items with and writes its results with.
constexpr std::string_view kGetObject = "arn:aws:states:::s3:getObject";
constexpr std::string_view kListObjectsV2 = "arn:aws:states:::s3:listObjectsV2";
constexpr std::string_view kPutObject = "arn:aws:states:::s3:putObject";

// AWS: "Value should be one of the following: [A, B]" (the schema's enum).
std::string OneOfMessage(std::string_view values) {
  return Format("Value should be one of the following: [{}]", values);
}

std::optional<ItemInputType> InputTypeOf(std::string_view text) {
  if (text == "CSV") {
    return ItemInputType::kCsv;
  }
  if (text == "JSON") {
    return ItemInputType::kJson;
  }
  if (text == "JSONL") {
    return ItemInputType::kJsonl;
  }
  if (text == "MANIFEST") {
    return ItemInputType::kManifest;
  }
  if (text == "PARQUET") {
    return ItemInputType::kParquet;
  }
  return std::nullopt;
}

std::optional<char> DelimiterOf(std::string_view text) {
  if (text == "COMMA") {
    return ',';
  }
  if (text == "PIPE") {
    return '|';
  }
  if (text == "SEMICOLON") {
    return ';';
  }
  if (text == "SPACE") {
    return ' ';
  }
  if (text == "TAB") {
    return '\t';
  }
  return std::nullopt;
}

}  // namespace

std::optional<MapResource> DefinitionParser::ParseMapResource(
    const Json& value,
    std::string_view field,
    const std::string& location,
    QueryLanguage language,
    std::initializer_list<std::string_view> extra) {
  auto it = value.find(field);
  if (it == value.end()) {
    return std::nullopt;
  }
  const std::string resource_location = Child(location, field);
  if (!it->is_object()) {
    SchemaError(Format("The value for the field '{}' must be an OBJECT", field), resource_location);
    return std::nullopt;
  }
  std::vector<std::string_view> allowed = {"Resource"};
  allowed.emplace_back(language == QueryLanguage::kJsonata ? "Arguments" : "Parameters");
  allowed.insert(allowed.end(), extra.begin(), extra.end());
  CheckUnknownFields(*it, allowed, resource_location);
  MapResource resource;
  resource.source = *it;
  resource.resource = GetString(*it, "Resource", resource_location).value_or("");
  if (language == QueryLanguage::kJsonata) {
    resource.arguments = GetJsonataTemplate(*it, "Arguments", resource_location);
  } else {
    resource.parameters = GetPayloadTemplate(*it, "Parameters", resource_location);
  }
  for (std::string_view config : extra) {
    if (it->contains(config)) {
      resource.config = (*it)[config];
    }
  }
  return resource;
}

void DefinitionParser::ParseItemReader(const std::string& location,
                                       QueryLanguage language,
                                       MapResource& reader) {
  const std::string reader_location = Child(location, "ItemReader");
  CheckRequired(reader.source, {"Resource"}, reader_location);
  const bool get_object = reader.resource == kGetObject;
  if (!reader.resource.empty() && !get_object && reader.resource != kListObjectsV2) {
    SchemaError(OneOfMessage(Format("{}, {}", kGetObject, kListObjectsV2)),
                Child(reader_location, "Resource"));
  }
  const Json& config = reader.config;
  const std::string config_location = Child(reader_location, "ReaderConfig");
  if (!config.is_object()) {
    SchemaError("The value for the field 'ReaderConfig' must be an OBJECT", config_location);
    return;
  }
  CheckUnknownFields(config,
                     {"InputType", "CSVHeaderLocation", "CSVHeaders", "CSVDelimiter", "MaxItems",
                      "MaxItemsPath", "ItemsPointer", "ManifestType", "Transformation"},
                     config_location);
  ReaderConfig& parsed = reader.reader;
  if (auto type = GetString(config, "InputType", config_location)) {
    if (std::optional<ItemInputType> input_type = InputTypeOf(*type)) {
      parsed.input_type = *input_type;
    } else {
      SchemaError(OneOfMessage("CSV, JSON, JSONL, MANIFEST, PARQUET"),
                  Child(config_location, "InputType"));
    }
  } else if (get_object && !config.contains("InputType")) {
    // AWS: s3:getObject reads a file, so it needs the file's format.
    if (reader.source.contains("ReaderConfig")) {
      SchemaError("These fields are required: [InputType]", config_location);
    } else {
      SchemaError("These fields are required: [ReaderConfig]", reader_location);
    }
  }
  if (auto header_location = GetString(config, "CSVHeaderLocation", config_location)) {
    if (*header_location == "GIVEN") {
      parsed.csv_header_location = CsvHeaderLocation::kGiven;
    } else if (*header_location != "FIRST_ROW") {
      SchemaError(OneOfMessage("FIRST_ROW, GIVEN"), Child(config_location, "CSVHeaderLocation"));
    }
  }
  if (auto headers = config.find("CSVHeaders"); headers != config.end()) {
    const std::string headers_location = Child(config_location, "CSVHeaders");
    if (!headers->is_array() || headers->empty()) {
      SchemaError("The value for the field 'CSVHeaders' must be a non-empty ARRAY",
                  headers_location);
    } else {
      for (const Json& header : *headers) {
        if (!header.is_string()) {
          SchemaError("The value for the field 'CSVHeaders' must be an ARRAY of STRINGs",
                      headers_location);
          break;
        }
        parsed.csv_headers.push_back(header.get<std::string>());
      }
    }
  }
  if (parsed.csv_header_location == CsvHeaderLocation::kGiven && !config.contains("CSVHeaders")) {
    SchemaError("These fields are required: [CSVHeaders]", config_location);
  }
  if (auto delimiter = GetString(config, "CSVDelimiter", config_location)) {
    if (std::optional<char> character = DelimiterOf(*delimiter)) {
      parsed.csv_delimiter = *character;
    } else {
      SchemaError(OneOfMessage("COMMA, PIPE, SEMICOLON, TAB, SPACE"),
                  Child(config_location, "CSVDelimiter"));
    }
  }
  // AWS (LocalStack's recorded tests): the linter takes MaxItems from 0 to
  // 100,000,000; a larger MaxItemsPath value reads at most that many.
  parsed.max_items = GetDynamicNumber(config, "MaxItems", language, config_location,
                                      /*integer=*/true, 0, 100'000'000);
  parsed.items_pointer = GetString(config, "ItemsPointer", config_location);
  parsed.manifest_type = GetString(config, "ManifestType", config_location).value_or("");
  parsed.transformation = GetString(config, "Transformation", config_location).value_or("");
}

void DefinitionParser::ParseResultWriter(const std::string& location, MapResource& writer) {
  const std::string writer_location = Child(location, "ResultWriter");
  const bool has_config = writer.source.contains("WriterConfig");
  // AWS: "The ResultWriter field cannot be empty. You must specify one of
  // these sets of sub-fields": WriterConfig, Resource and Parameters, or all
  // three.
  if (!has_config && writer.resource.empty()) {
    SchemaError("These fields are required: [Resource]", writer_location);
  }
  if (!writer.resource.empty() && writer.resource != kPutObject) {
    SchemaError(OneOfMessage(kPutObject), Child(writer_location, "Resource"));
  }
  if (!has_config) {
    return;
  }
  const Json& config = writer.config;
  const std::string config_location = Child(writer_location, "WriterConfig");
  if (!config.is_object()) {
    SchemaError("The value for the field 'WriterConfig' must be an OBJECT", config_location);
    return;
  }
  CheckUnknownFields(config, {"OutputType", "Transformation"}, config_location);
  WriterConfig parsed;
  if (auto output_type = GetString(config, "OutputType", config_location)) {
    if (*output_type == "JSONL") {
      parsed.output_type = ResultOutputType::kJsonl;
    } else if (*output_type != "JSON") {
      SchemaError(OneOfMessage("JSON, JSONL"), Child(config_location, "OutputType"));
    }
  }
  if (auto transformation = GetString(config, "Transformation", config_location)) {
    if (*transformation == "COMPACT") {
      parsed.transformation = ResultTransformation::kCompact;
    } else if (*transformation == "FLATTEN") {
      parsed.transformation = ResultTransformation::kFlatten;
    } else if (*transformation != "NONE") {
      SchemaError(OneOfMessage("NONE, FLATTEN, COMPACT"), Child(config_location, "Transformation"));
    }
  }
  writer.writer = parsed;
}

void DefinitionParser::ParseMap(const Json& value,
                                const std::string& location,
                                QueryLanguage language,
                                MapState* state) {
  const bool jsonata = language == QueryLanguage::kJsonata;
  const bool has_processor = value.contains("ItemProcessor");
  const bool has_iterator = value.contains("Iterator");
  if (has_processor && has_iterator) {
    SchemaError("Only one of these fields may be specified: [ItemProcessor, Iterator]", location);
  } else if (!has_processor && !has_iterator) {
    SchemaError("These fields are required: [ItemProcessor]", location);
  }
  if (has_processor || has_iterator) {
    state->legacy_iterator = !has_processor;
    const std::string field = has_processor ? "ItemProcessor" : "Iterator";
    const std::string processor_location = Child(location, field);
    const Json& processor = value[field];
    state->processor = ParseGraph(processor, processor_location, language, {"ProcessorConfig"});
    if (processor.is_object() && processor.contains("ProcessorConfig")) {
      const Json& config = processor["ProcessorConfig"];
      const std::string config_location = Child(processor_location, "ProcessorConfig");
      if (!config.is_object()) {
        SchemaError("The value for the field 'ProcessorConfig' must be an OBJECT", config_location);
      } else {
        CheckUnknownFields(config, {"Mode", "ExecutionType"}, config_location);
        if (auto mode = GetString(config, "Mode", config_location)) {
          if (*mode == "DISTRIBUTED") {
            state->mode = ProcessorMode::kDistributed;
          } else if (*mode != "INLINE") {
            SchemaError("The value for the field 'Mode' must be INLINE or DISTRIBUTED",
                        Child(config_location, "Mode"));
          }
        }
        if (auto type = GetString(config, "ExecutionType", config_location)) {
          if (*type == "STANDARD") {
            state->execution_type = MapExecutionType::kStandard;
          } else if (*type == "EXPRESS") {
            state->execution_type = MapExecutionType::kExpress;
          } else {
            SchemaError("The value for the field 'ExecutionType' must be STANDARD or EXPRESS",
                        Child(config_location, "ExecutionType"));
          }
        }
      }
    }
  }
  if (jsonata) {
    state->items = GetJsonataTemplate(value, "Items", location);
    state->item_selector_jsonata = GetJsonataTemplate(value, "ItemSelector", location);
  } else {
    if (auto items_path = GetPath(value, "ItemsPath", location, /*reference=*/false)) {
      state->items_path = std::move(*items_path);
    } else {
      SchemaError("The value for the field 'ItemsPath' must be a valid JSONPath",
                  Child(location, "ItemsPath"));
    }
    if (value.contains("ItemSelector") && value.contains("Parameters")) {
      SchemaError("Only one of these fields may be specified: [ItemSelector, Parameters]",
                  location);
    }
    state->item_selector = GetPayloadTemplate(
        value, value.contains("ItemSelector") ? "ItemSelector" : "Parameters", location);
  }
  state->max_concurrency = GetDynamicNumber(value, "MaxConcurrency", language, location,
                                            /*integer=*/true, 0, 2147483647);
  state->tolerated_failure_count = GetDynamicNumber(value, "ToleratedFailureCount", language,
                                                    location, /*integer=*/true, 0, 2147483647);
  state->tolerated_failure_percentage = GetDynamicNumber(
      value, "ToleratedFailurePercentage", language, location, /*integer=*/false, 0, 100);
  if (auto batcher = value.find("ItemBatcher"); batcher != value.end()) {
    const std::string batcher_location = Child(location, "ItemBatcher");
    if (!batcher->is_object()) {
      SchemaError("The value for the field 'ItemBatcher' must be an OBJECT", batcher_location);
    } else {
      CheckUnknownFields(*batcher,
                         {"MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                          "MaxInputBytesPerBatchPath", "BatchInput"},
                         batcher_location);
      ItemBatcher item_batcher;
      item_batcher.max_items_per_batch = GetDynamicNumber(*batcher, "MaxItemsPerBatch", language,
                                                          batcher_location, true, 1, 2147483647);
      item_batcher.max_input_bytes_per_batch = GetDynamicNumber(
          *batcher, "MaxInputBytesPerBatch", language, batcher_location, true, 1, 262144);
      if (jsonata) {
        item_batcher.batch_input_jsonata =
            GetJsonataTemplate(*batcher, "BatchInput", batcher_location);
      } else {
        item_batcher.batch_input = GetPayloadTemplate(*batcher, "BatchInput", batcher_location);
      }
      state->item_batcher = std::move(item_batcher);
    }
  }
  state->item_reader = ParseMapResource(value, "ItemReader", location, language, {"ReaderConfig"});
  if (state->item_reader.has_value()) {
    ParseItemReader(location, language, *state->item_reader);
  }
  state->result_writer =
      ParseMapResource(value, "ResultWriter", location, language, {"WriterConfig"});
  if (state->result_writer.has_value()) {
    ParseResultWriter(location, *state->result_writer);
  }
  // AWS: ItemReader and ResultWriter belong to the Distributed Map state; an
  // INLINE map reads its items from its input and returns its results.
  for (const char* field : {"ItemReader", "ResultWriter"}) {
    if (value.contains(field) && state->mode != ProcessorMode::kDistributed) {
      SchemaError(Format("The field '{}' is only supported in DISTRIBUTED mode", field),
                  Child(location, field));
    }
  }
  state->label = GetString(value, "Label", location).value_or("");
}

}  // namespace stratus::states::asl
