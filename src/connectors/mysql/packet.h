#pragma once

// The MySQL client/server protocol's framing and its small value encodings.
//
// On the wire every message travels in packets: a 3-byte little-endian
// payload length, a 1-byte sequence number, then the payload. A message of
// 16 MB - 1 bytes or more is split: each full packet carries 0xffffff bytes
// and the message ends with the first shorter packet (possibly empty). The
// sequence number counts packets within one exchange (a command and its
// response) and restarts at 0 with each command.
//
// Nothing here touches a socket: PacketDecoder frames bytes fed to it, so
// the same code runs on a socket's reads and under the fuzzer.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::connectors::mysql {

/// The largest payload of one wire packet; a packet this long continues.
inline constexpr size_t kMaxPacketPayload = 0xffffff;
/// The largest message the front assembles (a COM_QUERY, a row): larger is
/// a protocol error. MariaDB's max_allowed_packet tops out at 1 GB.
inline constexpr size_t kMaxMessageBytes = size_t{1} << 30;

/// Capability flags (the handshake's bit set).
inline constexpr uint32_t kClientLongPassword = 0x1;
inline constexpr uint32_t kClientConnectWithDb = 0x8;
inline constexpr uint32_t kClientCompress = 0x20;
inline constexpr uint32_t kClientLocalFiles = 0x80;
inline constexpr uint32_t kClientProtocol41 = 0x200;
inline constexpr uint32_t kClientSsl = 0x800;
inline constexpr uint32_t kClientTransactions = 0x2000;
inline constexpr uint32_t kClientSecureConnection = 0x8000;
inline constexpr uint32_t kClientMultiStatements = 0x10000;
inline constexpr uint32_t kClientMultiResults = 0x20000;
inline constexpr uint32_t kClientPluginAuth = 0x80000;
inline constexpr uint32_t kClientDeprecateEof = 0x1000000;

/// Command bytes (the first payload byte of a command message).
inline constexpr uint8_t kComQuit = 0x01;
inline constexpr uint8_t kComQuery = 0x03;

/// Response headers.
inline constexpr uint8_t kOkHeader = 0x00;
inline constexpr uint8_t kEofHeader = 0xfe;
inline constexpr uint8_t kErrHeader = 0xff;
inline constexpr uint8_t kLocalInfileHeader = 0xfb;

/// The error code of a MariaDB progress report: an ERR-headed packet a
/// server sends in the middle of a long statement (ALTER TABLE, LOAD DATA)
/// to clients that asked for progress reports; the statement's own reply
/// follows it.
inline constexpr uint16_t kProgressReportCode = 0xffff;

/// Server status flags.
inline constexpr uint16_t kServerMoreResultsExist = 0x0008;

/// One wire packet's header.
struct Packet {
  uint8_t sequence = 0;
  size_t length = 0;
};

/// One message: the packets that carry it (more than one only for
/// payloads of 16 MB - 1 bytes or more) and their joined payload.
struct Message {
  std::vector<Packet> packets = {};
  std::string payload = {};

  uint8_t first_sequence() const { return packets.empty() ? 0 : packets.front().sequence; }

  uint8_t last_sequence() const { return packets.empty() ? 0 : packets.back().sequence; }

  /// The message's bytes as they arrived (headers and payload).
  std::string Raw() const;
};

/// Frames a byte stream into messages.
///
/// Thread safety: a value used by one thread.
class PacketDecoder {
 public:
  /// Appends bytes read from the stream.
  void Feed(std::string_view bytes);

  /// The next complete message, if the bytes for one have arrived.
  /// Corruption for a message larger than kMaxMessageBytes.
  Result<std::optional<Message>> Next();

  /// Next() into a message whose buffers are reused: true when *out holds a
  /// complete message.
  Result<bool> NextInto(Message* out);

  /// The next message's payload, in place, when it is one packet (shorter
  /// than kMaxPacketPayload) that has arrived whole: true and *payload set
  /// to a view of the decoder's bytes, valid until the next call that feeds
  /// or takes bytes. False (nothing taken) when its bytes have not all
  /// arrived, or when it spans packets: NextInto() then assembles it.
  /// REQUIRES: no message begun by NextInto() is still open.
  bool NextInPlace(std::string_view* payload);

  /// Whether the next packet's header has arrived and says the message it
  /// starts spans several packets (NextInPlace() will not take it).
  bool NextSpansPackets() const;

  /// Bytes fed and not yet returned in a message.
  size_t buffered() const { return buffer_.size() - offset_; }

  /// Moves up to out_size of the buffered bytes into `out` (for relaying
  /// them raw); returns how many. Only between messages: the packets of a
  /// message begun by Next()/NextInto() are not among them.
  size_t TakeBuffered(char* out, size_t out_size);

 private:
  std::string buffer_;
  size_t offset_ = 0;
  // Whether the packets NextInto() last consumed began a message whose last
  // packet is still due (they are in the caller's message, or in pending_
  // for Next()).
  bool in_message_ = false;
  Message pending_;
};

/// The first byte of a payload (its header or command), 0 when empty.
uint8_t HeaderByte(std::string_view payload);

/// Whether a server's payload is a MariaDB progress report.
bool IsProgressReport(std::string_view payload);

/// Encodes `payload` as packets starting at `sequence` (split at 16 MB);
/// returns the encoded bytes. *next_sequence, when given, receives the
/// sequence number after the last packet.
std::string EncodePackets(std::string_view payload,
                          uint8_t sequence,
                          uint8_t* next_sequence = nullptr);

/// Reads the protocol's integers and strings from a payload. Every read
/// fails (returns nullopt) past the end instead of reading out of bounds.
class PayloadReader {
 public:
  explicit PayloadReader(std::string_view payload) : rest_(payload) {}

  std::optional<uint64_t> FixedInt(size_t bytes);
  std::optional<uint64_t> LengthEncodedInt();
  /// A length-encoded string; `*is_null` (when given) is set for 0xfb, the
  /// NULL of text result rows.
  std::optional<std::string_view> LengthEncodedString(bool* is_null = nullptr);
  std::optional<std::string_view> NulTerminated();
  std::optional<std::string_view> Bytes(size_t count);

  std::string_view Rest() const { return rest_; }

  size_t consumed_from(std::string_view whole) const { return whole.size() - rest_.size(); }

  bool empty() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

void AppendFixedInt(std::string* out, uint64_t value, size_t bytes);
void AppendLengthEncodedInt(std::string* out, uint64_t value);
void AppendLengthEncodedString(std::string* out, std::string_view value);

/// An OK packet's fields.
struct OkFields {
  uint64_t affected_rows = 0;
  uint64_t last_insert_id = 0;
  uint16_t status = 0;
  uint16_t warnings = 0;
  std::string info = {};
};

/// An ERR packet's fields.
struct ErrFields {
  uint16_t code = 0;
  std::string sql_state = "HY000";
  std::string message = {};
};

/// The payload of an OK packet (protocol 4.1).
std::string OkPayload(const OkFields& ok);
/// The payload of an ERR packet (protocol 4.1).
std::string ErrPayload(const ErrFields& err);
/// Parses an OK packet, or an EOF-headed OK (CLIENT_DEPRECATE_EOF's end of
/// rows), from its payload.
std::optional<OkFields> ParseOk(std::string_view payload);
/// Parses an ERR packet's payload.
std::optional<ErrFields> ParseErr(std::string_view payload);
/// Parses an EOF packet's status flags (the 4.1 form: header, warnings, status).
std::optional<uint16_t> ParseEofStatus(std::string_view payload);

}  // namespace stratus::connectors::mysql
