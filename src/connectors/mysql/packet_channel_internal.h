#pragma once

#include <memory>
#include <string_view>

#include "base/result.h"
#include "connectors/mysql/packet.h"

namespace stratus::connectors::mysql {

/// One socket of a relayed connection, read as MySQL messages or as raw
/// bytes. Bytes read but not yet returned as a message stay in the decoder;
/// TakeBuffered() hands them over for raw relaying.
///
/// Ownership: borrows the descriptor.
/// Thread safety: one thread at a time.
class PacketChannel {
 public:
  explicit PacketChannel(int fd) : fd_(fd) {}

  int fd() const { return fd_; }

  /// Blocks for the next whole message. kCancelled when the peer closed
  /// between messages, kIoError midway.
  Result<Message> ReadMessage();

  /// ReadMessage() into a message whose buffers are reused.
  Status ReadMessageInto(Message* out);

  /// Reads what the socket has into the decoder; false at end of stream.
  Result<bool> Fill();

  /// The next whole message already read, if any.
  Result<std::optional<Message>> NextBuffered() { return decoder_.Next(); }

  Status Write(std::string_view bytes);

  /// Encodes and writes `payload` starting at `sequence`; returns the
  /// sequence number after it.
  Result<uint8_t> WritePayload(std::string_view payload, uint8_t sequence);

 private:
  int fd_;
  PacketDecoder decoder_;
  std::unique_ptr<char[]> read_buffer_;  // Allocated on the first Fill().
};

}  // namespace stratus::connectors::mysql
