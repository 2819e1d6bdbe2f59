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
  state->result_writer =
      ParseMapResource(value, "ResultWriter", location, language, {"WriterConfig"});
  state->label = GetString(value, "Label", location).value_or("");
}

}  // namespace stratus::states::asl
