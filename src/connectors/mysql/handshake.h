#pragma once

// The connection phase as the front sees it: the server's greeting
// (HandshakeV10) and the client's HandshakeResponse41 (or its SSLRequest
// prefix). The front edits capability bits only; everything else (auth
// plugin data, auth switch, more-data exchanges) passes through untouched.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stratus::connectors::mysql {

/// What the front reads from the server's greeting.
struct Greeting {
  uint8_t protocol_version = 0;
  std::string server_version = {};
  uint32_t connection_id = 0;
  /// The lower and upper capability words joined.
  uint32_t capabilities = 0;
};

/// Parses a HandshakeV10 payload; nullopt when it is not one.
std::optional<Greeting> ParseGreeting(std::string_view payload);

/// Returns the greeting with `clear` removed from its capability flags;
/// nullopt when it is not a HandshakeV10.
std::optional<std::string> ClearGreetingCapabilities(std::string_view payload, uint32_t clear);

/// What the front reads from the client's HandshakeResponse41.
struct HandshakeResponse {
  uint32_t capabilities = 0;
  /// An SSLRequest: the 32-byte prefix a client sends before TLS.
  bool ssl_request = false;
};

/// Parses a HandshakeResponse41 (or SSLRequest) payload; nullopt for the
/// pre-4.1 form or a short payload.
std::optional<HandshakeResponse> ParseHandshakeResponse(std::string_view payload);

/// Returns the response with `set` added to its capability flags.
/// REQUIRES: ParseHandshakeResponse(payload) succeeds.
std::string SetResponseCapabilities(std::string_view payload, uint32_t set);

}  // namespace stratus::connectors::mysql
