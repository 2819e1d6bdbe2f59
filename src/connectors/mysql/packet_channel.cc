#include <array>

#include "connectors/mysql/packet_channel_internal.h"
#include "connectors/mysql/socket_internal.h"

namespace stratus::connectors::mysql {

Result<Message> PacketChannel::ReadMessage() {
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(std::optional<Message> message, decoder_.Next());
    if (message.has_value()) {
      return std::move(*message);
    }
    const bool midway = decoder_.buffered() > 0;
    STRATUS_ASSIGN_OR_RETURN(bool more, Fill());
    if (!more) {
      return midway ? Status::IoError("the connection closed in the middle of a packet")
                    : Status::Cancelled("the connection closed");
    }
  }
}

Result<bool> PacketChannel::Fill() {
  std::array<char, 64 * 1024> buffer{};
  STRATUS_ASSIGN_OR_RETURN(size_t got, ReadSome(fd_, buffer.data(), buffer.size()));
  if (got == 0) {
    return false;
  }
  decoder_.Feed(std::string_view(buffer.data(), got));
  return true;
}

Status PacketChannel::Write(std::string_view bytes) {
  return WriteAll(fd_, bytes);
}

Result<uint8_t> PacketChannel::WritePayload(std::string_view payload, uint8_t sequence) {
  uint8_t next = 0;
  STRATUS_RETURN_IF_ERROR(Write(EncodePackets(payload, sequence, &next)));
  return next;
}

}  // namespace stratus::connectors::mysql
