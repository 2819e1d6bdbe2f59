#include "connectors/mysql/mysql_url.h"

#include <charconv>

#include "base/format.h"

namespace stratus::connectors::mysql {
namespace {

Result<std::string> PercentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    unsigned value = 0;
    if (i + 2 >= text.size() + 0 || i + 3 > text.size() ||
        std::from_chars(text.data() + i + 1, text.data() + i + 3, value, 16).ptr !=
            text.data() + i + 3) {
      return Status::InvalidArgument("bad percent escape in the URL");
    }
    out.push_back(static_cast<char>(value));
    i += 2;
  }
  return out;
}

}  // namespace

Result<MySqlUrl> ParseMySqlUrl(std::string_view url) {
  constexpr std::string_view kScheme = "mysql://";
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument(
        Format("bad URL '{}': {} (expected mysql://user:password@host:port/database)", url, why));
  };
  if (url.substr(0, kScheme.size()) != kScheme) {
    return bad("it does not start with mysql://");
  }
  std::string_view rest = url.substr(kScheme.size());
  MySqlUrl parsed;
  const size_t at = rest.rfind('@');
  if (at != std::string_view::npos) {
    std::string_view credentials = rest.substr(0, at);
    rest.remove_prefix(at + 1);
    const size_t colon = credentials.find(':');
    STRATUS_ASSIGN_OR_RETURN(parsed.user, PercentDecode(credentials.substr(0, colon)));
    if (colon != std::string_view::npos) {
      STRATUS_ASSIGN_OR_RETURN(parsed.password, PercentDecode(credentials.substr(colon + 1)));
    }
  }
  const size_t slash = rest.find('/');
  std::string_view host_port = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    parsed.database = std::string(rest.substr(slash + 1));
  }
  const size_t colon = host_port.rfind(':');
  parsed.host = std::string(host_port.substr(0, colon));
  if (parsed.host.empty()) {
    return bad("no host");
  }
  if (colon != std::string_view::npos) {
    std::string_view port = host_port.substr(colon + 1);
    unsigned value = 0;
    if (port.empty() ||
        std::from_chars(port.data(), port.data() + port.size(), value).ptr !=
            port.data() + port.size() ||
        value == 0 || value > 65535) {
      return bad(Format("'{}' is not a port", port));
    }
    parsed.port = static_cast<uint16_t>(value);
  }
  return parsed;
}

}  // namespace stratus::connectors::mysql
