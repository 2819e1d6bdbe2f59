#include "connectors/mysql/handshake.h"

#include "connectors/mysql/packet.h"

namespace stratus::connectors::mysql {
namespace {

// Where a greeting's capability words sit.
struct CapabilityOffsets {
  size_t lower = 0;
  std::optional<size_t> upper = std::nullopt;
};

// Walks a HandshakeV10 up to its capability words.
std::optional<CapabilityOffsets> FindCapabilities(std::string_view payload, Greeting* greeting) {
  PayloadReader reader(payload);
  std::optional<uint64_t> version = reader.FixedInt(1);
  if (!version.has_value() || *version != 10) {
    return std::nullopt;
  }
  std::optional<std::string_view> server_version = reader.NulTerminated();
  std::optional<uint64_t> connection_id = reader.FixedInt(4);
  std::optional<std::string_view> scramble = reader.Bytes(8 + 1);
  if (!server_version || !connection_id || !scramble) {
    return std::nullopt;
  }
  CapabilityOffsets offsets{.lower = reader.consumed_from(payload), .upper = std::nullopt};
  std::optional<uint64_t> lower = reader.FixedInt(2);
  if (!lower.has_value()) {
    return std::nullopt;
  }
  uint64_t capabilities = *lower;
  if (reader.Bytes(1 + 2).has_value()) {  // Character set, status flags.
    offsets.upper = reader.consumed_from(payload);
    std::optional<uint64_t> upper = reader.FixedInt(2);
    if (!upper.has_value()) {
      return std::nullopt;
    }
    capabilities |= *upper << 16;
  }
  if (greeting != nullptr) {
    greeting->protocol_version = static_cast<uint8_t>(*version);
    greeting->server_version = std::string(*server_version);
    greeting->connection_id = static_cast<uint32_t>(*connection_id);
    greeting->capabilities = static_cast<uint32_t>(capabilities);
  }
  return offsets;
}

void WriteWord(std::string* out, size_t offset, uint32_t value) {
  (*out)[offset] = static_cast<char>(value & 0xff);
  (*out)[offset + 1] = static_cast<char>((value >> 8) & 0xff);
}

}  // namespace

std::optional<Greeting> ParseGreeting(std::string_view payload) {
  Greeting greeting;
  if (!FindCapabilities(payload, &greeting).has_value()) {
    return std::nullopt;
  }
  return greeting;
}

std::optional<std::string> ClearGreetingCapabilities(std::string_view payload, uint32_t clear) {
  Greeting greeting;
  std::optional<CapabilityOffsets> offsets = FindCapabilities(payload, &greeting);
  if (!offsets.has_value()) {
    return std::nullopt;
  }
  const uint32_t capabilities = greeting.capabilities & ~clear;
  std::string out(payload);
  WriteWord(&out, offsets->lower, capabilities & 0xffff);
  if (offsets->upper.has_value()) {
    WriteWord(&out, *offsets->upper, capabilities >> 16);
  }
  return out;
}

std::optional<HandshakeResponse> ParseHandshakeResponse(std::string_view payload) {
  PayloadReader reader(payload);
  std::optional<uint64_t> capabilities = reader.FixedInt(4);
  if (!capabilities.has_value() || (*capabilities & kClientProtocol41) == 0 ||
      payload.size() < 32) {
    return std::nullopt;
  }
  return HandshakeResponse{
      .capabilities = static_cast<uint32_t>(*capabilities),
      .ssl_request = (*capabilities & kClientSsl) != 0 && payload.size() == 32,
  };
}

std::string SetResponseCapabilities(std::string_view payload, uint32_t set) {
  std::string out(payload);
  PayloadReader reader(payload);
  const uint32_t capabilities = static_cast<uint32_t>(reader.FixedInt(4).value_or(0)) | set;
  for (size_t i = 0; i < 4 && i < out.size(); ++i) {
    out[i] = static_cast<char>((capabilities >> (8 * i)) & 0xff);
  }
  return out;
}

}  // namespace stratus::connectors::mysql
