#include <utility>

#include "states/jsonata/error_internal.h"
#include "states/jsonata/regex_internal.h"

// GCC 12 reports false maybe-uninitialized warnings inside libstdc++'s
// <regex> (std::function members of its NFA states) at -O1 and above; this
// is the only file that instantiates it.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>
#pragma GCC diagnostic pop

namespace stratus::states::jsonata {

struct CompiledRegex::Engine {
  std::regex regex;
};

Result<CompiledRegex> CompiledRegex::Compile(std::string pattern, std::string flags) {
  CompiledRegex compiled;
  auto options = std::regex::ECMAScript;
  if (flags.find('i') != std::string::npos) {
    options |= std::regex::icase;
  }
  if (flags.find('m') != std::string::npos) {
    options |= std::regex::multiline;
  }
  try {
    compiled.engine_ = std::make_shared<const Engine>(Engine{std::regex(pattern, options)});
  } catch (const std::regex_error& error) {
    return Status::InvalidArgument("S0302: Invalid regular expression /" + pattern +
                                   "/: " + error.what());
  }
  compiled.pattern_ = std::move(pattern);
  compiled.flags_ = std::move(flags);
  return compiled;
}

Result<std::optional<RegexMatch>> CompiledRegex::Find(std::string_view text, size_t from) const {
  if (from > text.size()) {
    return std::optional<RegexMatch>();
  }
  // libstdc++'s std::regex matches recursively, about one stack frame per
  // subject character: a long subject would overflow the thread's stack.
  if (text.size() - from > kMaxSubjectBytes) {
    return JsonataError("D1099", {.value = static_cast<int64_t>(text.size() - from)});
  }
  std::match_results<std::string_view::const_iterator> match;
  auto flags = std::regex_constants::match_default;
  if (from > 0) {
    flags |= std::regex_constants::match_prev_avail;
  }
  try {
    if (!std::regex_search(text.begin() + static_cast<long>(from), text.end(), match,
                           engine_->regex, flags)) {
      return std::optional<RegexMatch>();
    }
  } catch (const std::regex_error& error) {
    return Status::InvalidArgument(std::string("D1004: Regular expression failed: ") +
                                   error.what());
  }
  RegexMatch result;
  result.start = from + static_cast<size_t>(match.position(0));
  result.end = result.start + static_cast<size_t>(match.length(0));
  result.text = match.str(0);
  for (size_t i = 1; i < match.size(); ++i) {
    if (match[i].matched) {
      result.groups.emplace_back(match.str(i));
    } else {
      result.groups.emplace_back(std::nullopt);
    }
  }
  return std::optional<RegexMatch>(std::move(result));
}

Result<std::vector<RegexMatch>> CompiledRegex::FindAll(std::string_view text, size_t limit) const {
  std::vector<RegexMatch> matches;
  size_t from = 0;
  while (matches.size() < limit) {
    if (!matches.empty() && from >= text.size()) {
      break;
    }
    STRATUS_ASSIGN_OR_RETURN(std::optional<RegexMatch> match, Find(text, from));
    if (!match.has_value()) {
      break;
    }
    // As in jsonata-js, only the first match may be empty; an empty match
    // after it would never advance.
    if (!matches.empty() && match->end == match->start) {
      return JsonataError("D1004", {.value = pattern_});
    }
    from = match->end;
    const bool empty = match->end == match->start;
    matches.push_back(std::move(*match));
    if (empty && !text.empty()) {
      return JsonataError("D1004", {.value = pattern_});
    }
  }
  return matches;
}

}  // namespace stratus::states::jsonata
