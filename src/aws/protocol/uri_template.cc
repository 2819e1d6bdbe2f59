#include "aws/protocol/uri_template.h"

#include "base/format.h"
#include "http/message.h"

namespace stratus::aws {

Result<UriTemplate> UriTemplate::Parse(std::string_view request_uri) {
  UriTemplate uri;
  std::string_view path = request_uri;
  if (size_t q = request_uri.find('?'); q != std::string_view::npos) {
    path = request_uri.substr(0, q);
    std::string_view query = request_uri.substr(q + 1);
    while (!query.empty()) {
      size_t amp = query.find('&');
      std::string_view part = query.substr(0, amp);
      size_t eq = part.find('=');
      if (!part.empty()) {
        uri.static_query_.emplace_back(http::PercentDecode(part.substr(0, eq)),
                                       eq == std::string_view::npos
                                           ? std::string()
                                           : http::PercentDecode(part.substr(eq + 1)));
      }
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    }
  }
  size_t pos = 0;
  while (pos < path.size()) {
    size_t open = path.find('{', pos);
    if (open == std::string_view::npos) {
      uri.tokens_.push_back(
          Token{.label = false, .greedy = false, .text = std::string(path.substr(pos))});
      break;
    }
    if (open > pos) {
      uri.tokens_.push_back(Token{
          .label = false, .greedy = false, .text = std::string(path.substr(pos, open - pos))});
    }
    size_t close = path.find('}', open);
    if (close == std::string_view::npos) {
      return Status::InvalidArgument(Format("unbalanced '{{' in request URI {}", request_uri));
    }
    std::string_view name = path.substr(open + 1, close - open - 1);
    bool greedy = !name.empty() && name.back() == '+';
    if (greedy) {
      name.remove_suffix(1);
    }
    uri.tokens_.push_back(Token{.label = true, .greedy = greedy, .text = std::string(name)});
    pos = close + 1;
  }
  return uri;
}

bool UriTemplate::MatchFrom(size_t token,
                            std::string_view rest,
                            std::map<std::string, std::string, std::less<>>* labels) const {
  if (token == tokens_.size()) {
    return rest.empty() || rest == "/";
  }
  const Token& t = tokens_[token];
  if (!t.label) {
    if (!rest.starts_with(t.text)) {
      // "/{Bucket}/" templates still match "/bucket".
      return token + 1 == tokens_.size() && t.text == "/" + std::string(rest) + "/";
    }
    return MatchFrom(token + 1, rest.substr(t.text.size()), labels);
  }
  // A label takes at least one character; a plain label stops at '/'.
  size_t limit = t.greedy ? rest.size() : rest.find('/');
  if (limit == std::string_view::npos) {
    limit = rest.size();
  }
  for (size_t length = limit; length >= 1; --length) {
    if (MatchFrom(token + 1, rest.substr(length), labels)) {
      (*labels)[t.text] = http::PercentDecode(rest.substr(0, length));
      return true;
    }
  }
  return false;
}

bool UriTemplate::MatchPath(std::string_view path,
                            std::map<std::string, std::string, std::less<>>* labels) const {
  std::map<std::string, std::string, std::less<>> found;
  if (!MatchFrom(0, path, &found)) {
    return false;
  }
  *labels = std::move(found);
  return true;
}

bool UriTemplate::MatchQuery(const std::vector<std::pair<std::string, std::string>>& query) const {
  for (const auto& [name, value] : static_query_) {
    bool found = false;
    for (const auto& [key, actual] : query) {
      if (key == name && (value.empty() || actual == value)) {
        found = true;
        break;
      }
    }
    if (!found) {
      return false;
    }
  }
  return true;
}

std::string UriTemplate::FillPath(
    const std::map<std::string, std::string, std::less<>>& labels) const {
  std::string out;
  for (const Token& t : tokens_) {
    if (!t.label) {
      out += t.text;
      continue;
    }
    auto it = labels.find(t.text);
    if (it != labels.end()) {
      out += http::PercentEncode(it->second, t.greedy);
    }
  }
  return out;
}

int UriTemplate::Specificity() const {
  int literal = 0;
  int greedy = 0;
  for (const Token& t : tokens_) {
    if (t.label) {
      greedy += t.greedy ? 1 : 0;
    } else {
      literal += static_cast<int>(t.text.size());
    }
  }
  return static_cast<int>(static_query_.size()) * 100000 + literal * 10 - greedy;
}

}  // namespace stratus::aws
