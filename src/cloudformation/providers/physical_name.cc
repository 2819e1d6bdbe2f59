#include "cloudformation/providers/physical_name.h"

#include <algorithm>
#include <cctype>

#include "base/format.h"
#include "base/random.h"
#include "cloudformation/providers/resource_provider.h"

namespace stratus::cloudformation {
namespace {

constexpr size_t kRandomLength = 13;
constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

std::string Sanitize(std::string_view text, const PhysicalNameRules& rules) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const bool allowed = std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                         rules.extra_characters.find(c) != std::string_view::npos;
    out.push_back(allowed ? c : '-');
  }
  return out;
}

}  // namespace

std::string RandomNameSuffix(IdGenerator& ids) {
  std::string random;
  random.reserve(kRandomLength);
  for (size_t i = 0; i < kRandomLength; ++i) {
    random.push_back(kAlphabet[ids.Uniform(kAlphabet.size())]);
  }
  return random;
}

std::string GeneratePhysicalName(std::string_view stack_name,
                                 std::string_view logical_id,
                                 const PhysicalNameRules& rules,
                                 IdGenerator& ids) {
  std::string stack = Sanitize(stack_name, rules);
  std::string logical = Sanitize(logical_id, rules);
  const std::string random = RandomNameSuffix(ids);
  // Two dashes, the random part and the suffix are fixed; the rest is shared.
  const size_t fixed = 2 + random.size() + rules.suffix.size();
  const size_t budget = rules.max_length > fixed ? rules.max_length - fixed : 0;
  while (stack.size() + logical.size() > budget) {
    std::string& longer = stack.size() >= logical.size() ? stack : logical;
    longer.pop_back();
  }
  std::string name;
  if (!stack.empty()) {
    name += stack + "-";
  }
  if (!logical.empty()) {
    name += logical + "-";
  }
  name += random;
  name += rules.suffix;
  if (rules.lowercase) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  return name;
}

std::string ChooseGeneratedName(const ResourceProvider& provider,
                                const ResourceRequest& request,
                                IdGenerator& ids) {
  std::optional<PhysicalNameRules> rules = provider.GeneratedNameRules(request);
  if (!rules.has_value()) {
    return "";
  }
  return GeneratePhysicalName(request.stack.stack_name, request.logical_id, *rules, ids);
}

Result<std::string> RequireGeneratedName(const ResourceRequest& request) {
  if (request.generated_name.empty()) {
    return Status::Internal(
        Format("No generated name was chosen for {} ({})", request.logical_id, request.type));
  }
  return request.generated_name;
}

}  // namespace stratus::cloudformation
