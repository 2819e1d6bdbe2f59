#include "aws/protocol/xml_writer.h"

#include <utility>

namespace stratus::aws {

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\r':
        out += "&#xD;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

XmlWriter::XmlWriter(bool declaration) {
  if (declaration) {
    out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  }
}

void XmlWriter::WriteStartTag(std::string_view name, const Attributes& attributes) {
  out_ += '<';
  out_ += name;
  for (const auto& [key, value] : attributes) {
    out_ += ' ';
    out_ += key;
    out_ += "=\"";
    out_ += XmlEscape(value);
    out_ += '"';
  }
}

void XmlWriter::Open(std::string_view name, const Attributes& attributes) {
  WriteStartTag(name, attributes);
  out_ += '>';
  open_.emplace_back(name);
}

void XmlWriter::Close() {
  if (open_.empty()) {
    return;
  }
  out_ += "</";
  out_ += open_.back();
  out_ += '>';
  open_.pop_back();
}

void XmlWriter::Element(std::string_view name,
                        std::string_view text,
                        const Attributes& attributes) {
  WriteStartTag(name, attributes);
  out_ += '>';
  out_ += XmlEscape(text);
  out_ += "</";
  out_ += name;
  out_ += '>';
}

void XmlWriter::EmptyElement(std::string_view name, const Attributes& attributes) {
  WriteStartTag(name, attributes);
  out_ += "/>";
}

void XmlWriter::Text(std::string_view text) {
  out_ += XmlEscape(text);
}

std::string XmlWriter::Finish() {
  while (!open_.empty()) {
    Close();
  }
  return std::move(out_);
}

}  // namespace stratus::aws
