#include "aws/model/model_registry.h"

#include <utility>

#include "base/check.h"

namespace stratus::aws {

struct ModelRegistry::Slot {
  std::once_flag once;
  std::unique_ptr<ServiceModel> model;  // Set once, inside `once`.
};

ModelRegistry::ModelRegistry() : ModelRegistry(EmbeddedModels()) {}

ModelRegistry::ModelRegistry(std::span<const EmbeddedModel> models) : models_(models) {
  slots_.reserve(models_.size());
  for (size_t i = 0; i < models_.size(); ++i) {
    slots_.push_back(std::make_unique<Slot>());
  }
}

ModelRegistry::~ModelRegistry() = default;

const ServiceModel* ModelRegistry::Load(size_t index) const {
  Slot& slot = *slots_[index];
  std::call_once(slot.once, [&] {
    const EmbeddedModel& entry = models_[index];
    Result<Json> json = ParseJson(entry.Text());
    // The embedded models are build artefacts checked by tests: a parse
    // failure is a bug, not an input error.
    STRATUS_CHECK(json.ok(), "embedded model {} does not parse: {}", entry.name,
                  json.status().ToString());
    Result<ServiceModel> model =
        ServiceModel::FromJson(std::move(json).value(), std::string(entry.name));
    STRATUS_CHECK(model.ok(), "embedded model {} is invalid: {}", entry.name,
                  model.status().ToString());
    slot.model = std::make_unique<ServiceModel>(std::move(model).value());
  });
  return slot.model.get();
}

const ServiceModel* ModelRegistry::Find(std::string_view name) const {
  for (size_t i = 0; i < models_.size(); ++i) {
    if (models_[i].name == name) {
      return Load(i);
    }
  }
  return nullptr;
}

const ServiceModel* ModelRegistry::FindBySigningName(std::string_view signing_name) const {
  const ServiceModel* exact = Find(signing_name);
  if (exact != nullptr && exact->signing_name() == signing_name) {
    return exact;
  }
  for (size_t i = 0; i < models_.size(); ++i) {
    if (models_[i].signing_name == signing_name) {
      return Load(i);
    }
  }
  return nullptr;
}

const ServiceModel* ModelRegistry::FindByTargetPrefix(std::string_view prefix) const {
  if (prefix.empty()) {
    return nullptr;
  }
  for (size_t i = 0; i < models_.size(); ++i) {
    if (models_[i].target_prefix == prefix) {
      return Load(i);
    }
  }
  return nullptr;
}

const ServiceModel* ModelRegistry::FindByEndpointPrefix(std::string_view prefix) const {
  for (size_t i = 0; i < models_.size(); ++i) {
    if (models_[i].endpoint_prefix == prefix) {
      return Load(i);
    }
  }
  return nullptr;
}

}  // namespace stratus::aws
