#include <array>

#include "connectors/mysql/packet_channel_internal.h"
#include "connectors/mysql/socket_internal.h"

namespace stratus::connectors::mysql {

Result<Message> PacketChannel::ReadMessage() {
  Message message;
  STRATUS_RETURN_IF_ERROR(ReadMessageInto(&message));
  return message;
}

Status PacketChannel::ReadMessageInto(Message* out) {
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(bool done, decoder_.NextInto(out));
    if (done) {
      return Status::Ok();
    }
    const bool midway = decoder_.buffered() > 0 || !out->packets.empty();
    STRATUS_ASSIGN_OR_RETURN(bool more, Fill());
    if (!more) {
      return midway ? Status::IoError("the connection closed in the middle of a packet")
                    : Status::Cancelled("the connection closed");
    }
  }
}

Result<Message> PacketChannel::ReadServerMessage() {
  Message message;
  STRATUS_RETURN_IF_ERROR(ReadServerMessageInto(&message));
  return message;
}

Status PacketChannel::ReadServerMessageInto(Message* out) {
  do {
    STRATUS_RETURN_IF_ERROR(ReadMessageInto(out));
  } while (IsProgressReport(out->payload));
  return Status::Ok();
}

Status PacketChannel::ReadServerPayload(Message* scratch, std::string_view* payload) {
  while (true) {
    if (decoder_.NextInPlace(payload)) {
      if (IsProgressReport(*payload)) {
        continue;
      }
      return Status::Ok();
    }
    if (decoder_.NextSpansPackets()) {
      STRATUS_RETURN_IF_ERROR(ReadServerMessageInto(scratch));
      *payload = scratch->payload;
      return Status::Ok();
    }
    const bool midway = decoder_.buffered() > 0;
    STRATUS_ASSIGN_OR_RETURN(bool more, Fill());
    if (!more) {
      return midway ? Status::IoError("the connection closed in the middle of a packet")
                    : Status::Cancelled("the connection closed");
    }
  }
}

Result<size_t> PacketChannel::ReadRaw(char* out, size_t out_size) {
  if (decoder_.buffered() > 0) {
    return decoder_.TakeBuffered(out, out_size);
  }
  return ReadSome(fd_, out, out_size);
}

Result<bool> PacketChannel::Fill() {
  constexpr size_t kReadBytes = size_t{256} * 1024;
  if (read_buffer_ == nullptr) {
    read_buffer_ = std::make_unique_for_overwrite<char[]>(kReadBytes);
  }
  STRATUS_ASSIGN_OR_RETURN(size_t got, ReadSome(fd_, read_buffer_.get(), kReadBytes));
  if (got == 0) {
    return false;
  }
  decoder_.Feed(std::string_view(read_buffer_.get(), got));
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
