#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace stratus::aws {

/// Builds an XML document as text, escaping character data and attribute
/// values. Elements are opened and closed in order; Finish() closes any
/// still open.
///
///   XmlWriter w;
///   w.Open("SendMessageResponse", {{"xmlns", kNamespace}});
///   w.Element("MessageId", id);
///   w.Close();
///
/// Thread safety: none; one writer per document.
class XmlWriter {
 public:
  using Attributes = std::vector<std::pair<std::string, std::string>>;

  /// Starts with `<?xml version="1.0" encoding="UTF-8"?>` when `declaration`.
  explicit XmlWriter(bool declaration = false);

  void Open(std::string_view name, const Attributes& attributes = {});
  void Close();
  /// Writes `<name attrs>text</name>`.
  void Element(std::string_view name, std::string_view text, const Attributes& attributes = {});
  /// Writes `<name attrs/>`.
  void EmptyElement(std::string_view name, const Attributes& attributes = {});
  /// Writes escaped character data inside the open element.
  void Text(std::string_view text);

  /// Closes open elements and returns the document.
  std::string Finish();

 private:
  void WriteStartTag(std::string_view name, const Attributes& attributes);

  std::string out_;
  std::vector<std::string> open_;
};

/// Escapes &, <, >, " and ' (and CR, which XML parsers would normalise away).
std::string XmlEscape(std::string_view text);

}  // namespace stratus::aws
