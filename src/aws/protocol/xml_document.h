#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace stratus::aws {

/// One element of a parsed XML document. Names are kept as written
/// ("xsi:type" stays prefixed); LocalName() drops the prefix.
struct XmlElement {
  std::string name = {};
  std::vector<std::pair<std::string, std::string>> attributes = {};
  std::string text = {};  // Character data directly inside this element, concatenated.
  std::vector<XmlElement> children = {};

  /// Returns the name without a namespace prefix.
  std::string_view LocalName() const;
  /// Returns the first child whose local name is `name`, or nullptr.
  const XmlElement* Child(std::string_view name) const;
  /// Returns the attribute `name` (as written), or nullptr.
  const std::string* Attribute(std::string_view name) const;
};

/// Parses a whole XML document (expat, no DTDs or entity declarations,
/// at most 64 levels deep). Malformed input is InvalidArgument.
///
/// Thread safety: a free function; independent calls may run concurrently.
Result<XmlElement> ParseXml(std::string_view text);

}  // namespace stratus::aws
