// The transform operator `| pattern | update, delete |`: a function that
// returns a modified copy of its argument.

#include <map>
#include <set>
#include <string>
#include <utility>

#include "states/jsonata/builtins_internal.h"
#include "states/jsonata/error_internal.h"
#include "states/jsonata/evaluator_internal.h"

namespace stratus::states::jsonata {
namespace {

using Pointer = Json::json_pointer;

// Records the JSON pointer of each node of `node` whose address is wanted.
void FindPaths(const Json& node,
               Pointer& path,
               const std::set<const Json*>& wanted,
               std::map<const Json*, Pointer>& out) {
  if (wanted.count(&node) != 0) {
    out.emplace(&node, path);
  }
  if (node.is_object()) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      path.push_back(it.key());
      FindPaths(it.value(), path, wanted, out);
      path.pop_back();
    }
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      path.push_back(std::to_string(i));
      FindPaths(node[i], path, wanted, out);
      path.pop_back();
    }
  }
}

// True if `path` is at or below a node that an earlier update replaced or
// deleted. jsonata-js would then edit a detached object, with no effect on
// the result; we skip it.
bool IsDetached(const Pointer& path, const std::vector<std::string>& replaced) {
  const std::string text = path.to_string();
  for (const std::string& prefix : replaced) {
    if (text == prefix ||
        (text.size() > prefix.size() && text.compare(0, prefix.size(), prefix) == 0 &&
         text[prefix.size()] == '/')) {
      return true;
    }
  }
  return false;
}

std::optional<Json> OptionalJson(const Value& value) {
  if (value.undefined()) {
    return std::nullopt;
  }
  return ToJsonLenient(value);
}

}  // namespace

// The pattern selects nodes of a private copy; each is then edited in place.
// Edits can free nodes that other matches point into, so matches are kept as
// JSON pointers and looked up again just before each edit.
Result<Value> Evaluator::ApplyTransform(const TransformFunction& transform,
                                        const std::vector<Value>& args) {
  if (args.empty() || args[0].undefined()) {
    return Value();
  }
  const Node& node = transform.node();
  const FramePtr& env = transform.env();
  if (!LookupVariable("clone", env).is_function()) {
    return JsonataError("T2013");
  }
  const Value& target = args[0];
  if (!target.IsObject() && !target.IsArray()) {
    return JsonataError("T0410", {.token = "transform", .index = 1});
  }
  Value copy = Value::Own(ToJsonLenient(target));
  // The copy was allocated non-const by Value::Own and nothing else holds it.
  Json& root = const_cast<Json&>(copy.json());  // NOLINT(cppcoreguidelines-pro-type-const-cast)
  std::vector<Pointer> match_paths;
  {
    STRATUS_ASSIGN_OR_RETURN(Value matches, Evaluate(*node.pattern, copy, env));
    if (matches.undefined()) {
      return copy;
    }
    std::vector<Value> targets;
    AppendFlattened(targets, matches);
    std::set<const Json*> wanted;
    for (const Value& match : targets) {
      if (match.is_json() && match.SameOwner(copy)) {
        wanted.insert(&match.json());
      }
    }
    std::map<const Json*, Pointer> paths;
    Pointer path;
    FindPaths(root, path, wanted, paths);
    for (const Value& match : targets) {
      auto it = match.is_json() ? paths.find(&match.json()) : paths.end();
      if (it != paths.end()) {
        match_paths.push_back(it->second);
      }
    }
  }
  std::vector<std::string> replaced;
  for (const Pointer& path : match_paths) {
    if (IsDetached(path, replaced)) {
      continue;
    }
    Json& match = root[path];
    const Value match_value = Value::Child(copy, match);
    std::optional<Json> update;
    {
      STRATUS_ASSIGN_OR_RETURN(Value result, Evaluate(*node.update, match_value, env));
      if (!result.undefined()) {
        if (!result.IsObject()) {
          return JsonataError("T2011", {.value = OptionalJson(result)});
        }
        update = result.json();  // copied: it may point into the node being edited
      }
    }
    if (update.has_value() && match.is_object()) {
      for (auto it = update->begin(); it != update->end(); ++it) {
        replaced.push_back((path / it.key()).to_string());
        match[it.key()] = std::move(it.value());
      }
    }
    if (node.deletion == nullptr) {
      continue;
    }
    // Evaluated after the update, as jsonata-js does; `match` itself is still
    // in place (only its members were replaced).
    std::vector<std::string> deletions;
    {
      STRATUS_ASSIGN_OR_RETURN(Value result, Evaluate(*node.deletion, match_value, env));
      if (result.undefined()) {
        continue;
      }
      std::vector<Value> keys;
      AppendFlattened(keys, result);
      for (const Value& key : keys) {
        if (!key.IsString()) {
          return JsonataError("T2012", {.value = OptionalJson(result)});
        }
        deletions.push_back(key.AsString());
      }
    }
    if (!match.is_object()) {
      continue;
    }
    for (const std::string& key : deletions) {
      if (match.contains(key)) {
        replaced.push_back((path / key).to_string());
        match.erase(key);
      }
    }
  }
  return copy;
}

}  // namespace stratus::states::jsonata
