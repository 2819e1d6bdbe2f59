#include "connectors/mysql/hive_text_encoder.h"

namespace stratus::connectors::mysql {

void HiveTextEncoder::AppendField(std::string_view bytes, bool is_null, std::string* out) const {
  if (is_null) {
    out->append(null_as_);
    return;
  }
  size_t plain = 0;
  for (size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c != '\\' && c != delimiter_ && c != '\n' && c != '\r') {
      continue;
    }
    out->append(bytes.substr(plain, i - plain));
    out->push_back('\\');
    out->push_back(c == '\n' ? 'n' : c == '\r' ? 'r' : c);
    plain = i + 1;
  }
  out->append(bytes.substr(plain));
}

}  // namespace stratus::connectors::mysql
