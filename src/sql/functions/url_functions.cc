// url_extract_* (protocol, host, port, path, query, fragment, parameter),
// url_encode and url_decode. An unparsable URL gives NULL.

#include <optional>
#include <string>

#include "sql/functions/kernel_frame_internal.h"
#include "sql/functions/registry_internal.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::functions {
namespace {

struct Url {
  std::string_view protocol = {};
  std::string_view host = {};
  std::optional<int64_t> port = std::nullopt;
  std::string_view path = {};
  std::optional<std::string_view> query = std::nullopt;
  std::optional<std::string_view> fragment = std::nullopt;
};

bool IsSchemeChar(char c, bool first) {
  const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return alpha || (!first && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
}

std::optional<Url> ParseUrl(std::string_view text) {
  Url url;
  if (text.find(' ') != std::string_view::npos) {
    return std::nullopt;
  }
  const size_t hash = text.find('#');
  if (hash != std::string_view::npos) {
    url.fragment = text.substr(hash + 1);
    text = text.substr(0, hash);
  }
  const size_t question = text.find('?');
  if (question != std::string_view::npos) {
    url.query = text.substr(question + 1);
    text = text.substr(0, question);
  }
  const size_t colon = text.find(':');
  if (colon != std::string_view::npos && colon > 0) {
    bool scheme = true;
    for (size_t i = 0; i < colon && scheme; ++i) {
      scheme = IsSchemeChar(text[i], i == 0);
    }
    if (scheme) {
      url.protocol = text.substr(0, colon);
      text = text.substr(colon + 1);
    }
  }
  if (text.starts_with("//")) {
    text.remove_prefix(2);
    const size_t slash = text.find('/');
    std::string_view authority = text.substr(0, slash);
    text = slash == std::string_view::npos ? std::string_view() : text.substr(slash);
    const size_t at = authority.rfind('@');
    if (at != std::string_view::npos) {
      authority = authority.substr(at + 1);
    }
    const size_t port_colon = authority.rfind(':');
    if (port_colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
      const std::string_view digits = authority.substr(port_colon + 1);
      authority = authority.substr(0, port_colon);
      if (!digits.empty()) {
        int64_t port = 0;
        for (char c : digits) {
          if (c < '0' || c > '9' || port > 65535) {
            return std::nullopt;
          }
          port = port * 10 + (c - '0');
        }
        url.port = port;
      }
    }
    url.host = authority;
  }
  url.path = text;
  return url;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

template <typename Get>
void AddUrlPart(FunctionRegistry::Impl& impl,
                std::string_view name,
                std::string_view returns,
                std::string_view description,
                Get get) {
  AddRowFunction(
      impl,
      ScalarSpec{
          .name = name, .arguments = {"varchar"}, .returns = returns, .description = description},
      [get](KernelFrame& frame, size_t row, const FunctionContext&) {
        std::optional<Url> url = ParseUrl(frame.String(0, row));
        if (!url.has_value() || !get(frame, row, *url)) {
          frame.SetNull(row);
        }
        return Status::Ok();
      });
}

}  // namespace

void RegisterUrlFunctions(FunctionRegistry::Impl& impl) {
  auto text_part = [](std::string_view Url::*member) {
    return [member](KernelFrame& frame, size_t row, const Url& url) {
      frame.SetString(row, url.*member);
      return true;
    };
  };
  auto optional_part = [](std::optional<std::string_view> Url::*member) {
    return [member](KernelFrame& frame, size_t row, const Url& url) {
      if (!(url.*member).has_value()) {
        return false;
      }
      frame.SetString(row, *(url.*member));
      return true;
    };
  };
  AddUrlPart(impl, "url_extract_protocol", "varchar", "Returns the URL's protocol",
             text_part(&Url::protocol));
  AddUrlPart(impl, "url_extract_host", "varchar", "Returns the URL's host", text_part(&Url::host));
  AddUrlPart(impl, "url_extract_path", "varchar", "Returns the URL's path", text_part(&Url::path));
  AddUrlPart(impl, "url_extract_query", "varchar", "Returns the URL's query string",
             optional_part(&Url::query));
  AddUrlPart(impl, "url_extract_fragment", "varchar", "Returns the URL's fragment",
             optional_part(&Url::fragment));
  AddUrlPart(impl, "url_extract_port", "bigint", "Returns the URL's port",
             [](KernelFrame& frame, size_t row, const Url& url) {
               if (!url.port.has_value()) {
                 return false;
               }
               frame.out<int64_t>()[row] = *url.port;
               return true;
             });
  AddRowFunction(
      impl,
      ScalarSpec{.name = "url_extract_parameter",
                 .arguments = {"varchar", "varchar"},
                 .returns = "varchar",
                 .description = "Returns the first value of the named query parameter"},
      [](KernelFrame& frame, size_t row, const FunctionContext&) {
        std::optional<Url> url = ParseUrl(frame.String(0, row));
        const std::string_view name = frame.String(1, row);
        if (url.has_value() && url->query.has_value()) {
          std::string_view query = *url->query;
          while (!query.empty()) {
            const size_t amp = query.find('&');
            const std::string_view pair = query.substr(0, amp);
            const size_t equals = pair.find('=');
            if (pair.substr(0, equals) == name) {
              frame.SetString(row, equals == std::string_view::npos ? std::string_view()
                                                                    : pair.substr(equals + 1));
              return Status::Ok();
            }
            query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
          }
        }
        frame.SetNull(row);
        return Status::Ok();
      });
  AddRowFunction(impl,
                 ScalarSpec{.name = "url_encode",
                            .arguments = {"varchar"},
                            .returns = "varchar",
                            .description = "Escapes the string for a URL query (form encoding)"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) {
                   std::string out;
                   for (char c : frame.String(0, row)) {
                     const auto byte = static_cast<unsigned char>(c);
                     if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '*' || c == '_') {
                       out += c;
                     } else if (c == ' ') {
                       out += '+';
                     } else {
                       out += '%';
                       out += "0123456789ABCDEF"[byte >> 4];
                       out += "0123456789ABCDEF"[byte & 15];
                     }
                   }
                   frame.SetString(row, out);
                   return Status::Ok();
                 });
  AddRowFunction(impl,
                 ScalarSpec{.name = "url_decode",
                            .arguments = {"varchar"},
                            .returns = "varchar",
                            .description = "Unescapes a URL-encoded string"},
                 [](KernelFrame& frame, size_t row, const FunctionContext&) -> Status {
                   const std::string_view text = frame.String(0, row);
                   std::string out;
                   for (size_t i = 0; i < text.size(); ++i) {
                     if (text[i] == '+') {
                       out += ' ';
                     } else if (text[i] == '%') {
                       const int high = i + 1 < text.size() ? HexValue(text[i + 1]) : -1;
                       const int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
                       if (high < 0 || low < 0) {
                         return SqlError(kInvalidFunctionArgument,
                                         "URLDecoder: Incomplete trailing escape (%) pattern");
                       }
                       out += static_cast<char>(high * 16 + low);
                       i += 2;
                     } else {
                       out += text[i];
                     }
                   }
                   frame.SetString(row, out);
                   return Status::Ok();
                 });
}

}  // namespace stratus::sql::functions
