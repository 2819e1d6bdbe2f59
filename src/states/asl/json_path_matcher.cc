#include <algorithm>

#include "states/asl/json_path_internal.h"

namespace stratus::states::asl {
namespace {

int64_t NormalizeIndex(int64_t index, int64_t size) {
  return index < 0 ? index + size : index;
}

void Emit(const std::vector<PathStep>& steps,
          size_t next_step,
          const Json& node,
          const Json& root,
          std::vector<const Json*>* out,
          std::vector<std::unique_ptr<Json>>* owned) {
  CollectMatches(steps, next_step, node, root, out, owned);
}

// Applies one step (ignoring its recursive flag) to `node`.
void ApplyStep(const std::vector<PathStep>& steps,
               size_t index,
               const Json& node,
               const Json& root,
               std::vector<const Json*>* out,
               std::vector<std::unique_ptr<Json>>* owned) {
  const PathStep& step = steps[index];
  const size_t next = index + 1;
  switch (step.kind) {
    case PathStep::Kind::kProperty: {
      if (node.is_object()) {
        auto it = node.find(step.names[0]);
        if (it != node.end()) {
          Emit(steps, next, *it, root, out, owned);
        }
      }
      return;
    }
    case PathStep::Kind::kProperties: {
      if (!node.is_object()) {
        return;
      }
      if (next == steps.size() && !step.recursive) {
        // Jayway: several properties at the leaf merge into one object.
        auto merged = std::make_unique<Json>(Json::object());
        for (const std::string& name : step.names) {
          auto it = node.find(name);
          if (it != node.end()) {
            (*merged)[name] = *it;
          }
        }
        out->push_back(merged.get());
        owned->push_back(std::move(merged));
        return;
      }
      for (const std::string& name : step.names) {
        auto it = node.find(name);
        if (it != node.end()) {
          Emit(steps, next, *it, root, out, owned);
        }
      }
      return;
    }
    case PathStep::Kind::kIndex:
    case PathStep::Kind::kIndexes: {
      if (!node.is_array()) {
        return;
      }
      const auto size = static_cast<int64_t>(node.size());
      for (int64_t raw : step.indexes) {
        const int64_t i = NormalizeIndex(raw, size);
        if (i >= 0 && i < size) {
          Emit(steps, next, node[static_cast<size_t>(i)], root, out, owned);
        }
      }
      return;
    }
    case PathStep::Kind::kSlice: {
      if (!node.is_array()) {
        return;
      }
      const auto size = static_cast<int64_t>(node.size());
      int64_t from = step.slice_from ? NormalizeIndex(*step.slice_from, size) : 0;
      int64_t to = step.slice_to ? NormalizeIndex(*step.slice_to, size) : size;
      from = std::clamp<int64_t>(from, 0, size);
      to = std::clamp<int64_t>(to, 0, size);
      for (int64_t i = from; i < to; ++i) {
        Emit(steps, next, node[static_cast<size_t>(i)], root, out, owned);
      }
      return;
    }
    case PathStep::Kind::kWildcard: {
      if (node.is_array() || node.is_object()) {
        for (const Json& child : node) {
          Emit(steps, next, child, root, out, owned);
        }
      }
      return;
    }
    case PathStep::Kind::kFilter: {
      if (node.is_array()) {
        for (const Json& child : node) {
          if (EvaluateFilter(*step.filter, child, root)) {
            Emit(steps, next, child, root, out, owned);
          }
        }
      } else if (node.is_object() && !step.recursive) {
        // Jayway: a filter applied to an object tests the object itself.
        if (EvaluateFilter(*step.filter, node, root)) {
          Emit(steps, next, node, root, out, owned);
        }
      }
      return;
    }
    case PathStep::Kind::kLength: {
      if (node.is_array() || node.is_object() || node.is_string()) {
        const size_t length =
            node.is_string() ? node.get_ref<const std::string&>().size() : node.size();
        auto value = std::make_unique<Json>(length);
        Emit(steps, next, *value, root, out, owned);
        owned->push_back(std::move(value));
      }
      return;
    }
  }
}

void Scan(const std::vector<PathStep>& steps,
          size_t index,
          const Json& node,
          const Json& root,
          std::vector<const Json*>* out,
          std::vector<std::unique_ptr<Json>>* owned) {
  ApplyStep(steps, index, node, root, out, owned);
  if (node.is_array() || node.is_object()) {
    for (const Json& child : node) {
      Scan(steps, index, child, root, out, owned);
    }
  }
}

}  // namespace

void CollectMatches(const std::vector<PathStep>& steps,
                    size_t first_step,
                    const Json& node,
                    const Json& root,
                    std::vector<const Json*>* out,
                    std::vector<std::unique_ptr<Json>>* owned) {
  if (first_step == steps.size()) {
    out->push_back(&node);
    return;
  }
  if (steps[first_step].recursive) {
    Scan(steps, first_step, node, root, out, owned);
  } else {
    ApplyStep(steps, first_step, node, root, out, owned);
  }
}

}  // namespace stratus::states::asl
