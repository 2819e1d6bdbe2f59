#pragma once

#include <memory>
#include <string_view>

#include "base/result.h"
#include "connectors/mysql/packet.h"

namespace stratus::connectors::mysql {

/// One socket of a relayed connection, read as MySQL messages or as raw
/// bytes. Bytes read but not yet returned as a message stay in the decoder;
/// ReadRaw() hands them over first, so that a socket read both ways never
/// loses bytes between the two.
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

  /// ReadMessage() for a server's reply: skips MariaDB progress reports
  /// (the reply they precede follows).
  Result<Message> ReadServerMessage();

  /// ReadServerMessage() into a message whose buffers are reused.
  Status ReadServerMessageInto(Message* out);

  /// ReadServerMessage() without copying: *payload views the channel's
  /// buffer (a one-packet message) or *scratch's payload (a longer one),
  /// valid until the next read from the channel.
  Status ReadServerPayload(Message* scratch, std::string_view* payload);

  /// Raw bytes (at least one, at most out_size): those read but not yet
  /// returned in a message first, else what the socket has. 0 at end of
  /// stream. Only between messages.
  Result<size_t> ReadRaw(char* out, size_t out_size);

  /// Whether bytes read from the socket wait in the decoder.
  bool has_buffered() const { return decoder_.buffered() > 0; }

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
