#include "aws/protocol/xml_document.h"

#include <expat.h>

#include "base/format.h"

namespace stratus::aws {
namespace {

constexpr size_t kMaxDepth = 64;

struct ParseState {
  XML_Parser parser = nullptr;
  XmlElement root;
  bool has_root = false;
  std::vector<XmlElement*> stack;
  std::string error;
};

void Fail(ParseState* state, std::string message) {
  if (state->error.empty()) {
    state->error = std::move(message);
  }
  XML_StopParser(state->parser, XML_FALSE);
}

void OnStart(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto* state = static_cast<ParseState*>(data);
  XmlElement* element = nullptr;
  if (state->stack.empty()) {
    if (state->has_root) {
      Fail(state, "more than one root element");
      return;
    }
    state->has_root = true;
    element = &state->root;
  } else {
    if (state->stack.size() >= kMaxDepth) {
      Fail(state, "XML nested too deeply");
      return;
    }
    state->stack.back()->children.emplace_back();
    element = &state->stack.back()->children.back();
  }
  element->name = name;
  for (size_t i = 0; attributes[i] != nullptr; i += 2) {
    element->attributes.emplace_back(attributes[i], attributes[i + 1]);
  }
  state->stack.push_back(element);
}

void OnEnd(void* data, const XML_Char* /*name*/) {
  auto* state = static_cast<ParseState*>(data);
  if (!state->stack.empty()) {
    state->stack.pop_back();
  }
}

void OnText(void* data, const XML_Char* text, int length) {
  auto* state = static_cast<ParseState*>(data);
  if (!state->stack.empty()) {
    state->stack.back()->text.append(text, static_cast<size_t>(length));
  }
}

void OnEntityDecl(void* data,
                  const XML_Char* /*name*/,
                  int /*is_parameter*/,
                  const XML_Char* /*value*/,
                  int /*length*/,
                  const XML_Char* /*base*/,
                  const XML_Char* /*system_id*/,
                  const XML_Char* /*public_id*/,
                  const XML_Char* /*notation*/) {
  Fail(static_cast<ParseState*>(data), "XML entity declarations are not allowed");
}

}  // namespace

std::string_view XmlElement::LocalName() const {
  std::string_view view = name;
  size_t colon = view.find(':');
  return colon == std::string_view::npos ? view : view.substr(colon + 1);
}

const XmlElement* XmlElement::Child(std::string_view child_name) const {
  for (const XmlElement& child : children) {
    if (child.LocalName() == child_name) {
      return &child;
    }
  }
  return nullptr;
}

const std::string* XmlElement::Attribute(std::string_view attribute_name) const {
  for (const auto& [key, value] : attributes) {
    if (key == attribute_name) {
      return &value;
    }
  }
  return nullptr;
}

Result<XmlElement> ParseXml(std::string_view text) {
  ParseState state;
  state.parser = XML_ParserCreate("UTF-8");
  if (state.parser == nullptr) {
    return Status::Internal("cannot create an XML parser");
  }
  XML_SetUserData(state.parser, &state);
  XML_SetElementHandler(state.parser, OnStart, OnEnd);
  XML_SetCharacterDataHandler(state.parser, OnText);
  XML_SetEntityDeclHandler(state.parser, OnEntityDecl);
  if (text.size() > static_cast<size_t>(INT32_MAX)) {
    XML_ParserFree(state.parser);
    return Status::InvalidArgument("XML document too large");
  }
  XML_Status status = XML_Parse(state.parser, text.data(), static_cast<int>(text.size()), XML_TRUE);
  std::string error;
  if (!state.error.empty()) {
    error = state.error;
  } else if (status != XML_STATUS_OK) {
    error = Format("{} at line {}", XML_ErrorString(XML_GetErrorCode(state.parser)),
                   XML_GetCurrentLineNumber(state.parser));
  } else if (!state.has_root) {
    error = "no root element";
  }
  XML_ParserFree(state.parser);
  if (!error.empty()) {
    return Status::InvalidArgument(Format("malformed XML: {}", error));
  }
  return std::move(state.root);
}

}  // namespace stratus::aws
