#include "cloudformation/template/dependencies.h"

namespace stratus::cloudformation {
namespace {

void AddName(const std::string& name, References& out, bool attribute) {
  if (name.rfind("AWS::", 0) == 0) {
    return;
  }
  size_t dot = name.find('.');
  if (dot != std::string::npos) {
    out.get_atts.insert(name.substr(0, dot));
  } else if (attribute) {
    out.get_atts.insert(name);
  } else {
    out.refs.insert(name);
  }
}

void Collect(const Json& value, References& out) {
  if (value.is_array()) {
    for (const Json& item : value) {
      Collect(item, out);
    }
    return;
  }
  if (!value.is_object()) {
    return;
  }
  if (value.size() == 1) {
    auto it = value.begin();
    if (it.key() == "Ref" && it->is_string()) {
      AddName(it->get<std::string>(), out, false);
      return;
    }
    if (it.key() == "Fn::GetAtt") {
      if (it->is_array() && !it->empty() && (*it)[0].is_string()) {
        AddName((*it)[0].get<std::string>(), out, true);
        for (size_t i = 1; i < it->size(); ++i) {
          Collect((*it)[i], out);
        }
      } else if (it->is_string()) {
        AddName(it->get<std::string>(), out, true);
      }
      return;
    }
    if (it.key() == "Fn::Sub") {
      std::set<std::string> names;
      std::set<std::string> declared;
      if (it->is_string()) {
        CollectSubVariables(it->get<std::string>(), names);
      } else if (it->is_array() && !it->empty() && (*it)[0].is_string()) {
        CollectSubVariables((*it)[0].get<std::string>(), names);
        if (it->size() > 1 && (*it)[1].is_object()) {
          for (auto entry = (*it)[1].begin(); entry != (*it)[1].end(); ++entry) {
            declared.insert(entry.key());
            Collect(entry.value(), out);
          }
        }
      }
      for (const std::string& name : names) {
        if (declared.count(name) == 0) {
          AddName(name, out, false);
        }
      }
      return;
    }
  }
  for (const Json& item : value) {
    Collect(item, out);
  }
}

}  // namespace

void CollectSubVariables(const std::string& text, std::set<std::string>& names) {
  size_t at = 0;
  while ((at = text.find("${", at)) != std::string::npos) {
    size_t end = text.find('}', at + 2);
    if (end == std::string::npos) {
      return;
    }
    std::string name = text.substr(at + 2, end - at - 2);
    if (!name.empty() && name[0] != '!') {
      names.insert(name);
    }
    at = end + 1;
  }
}

References CollectReferences(const Json& value) {
  References out;
  Collect(value, out);
  return out;
}

}  // namespace stratus::cloudformation
