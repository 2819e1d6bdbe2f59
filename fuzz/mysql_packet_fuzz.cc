// Fuzzes the MySQL front's parsers of untrusted bytes: packet framing, the
// handshake, result-set packets and the S3 statement recogniser.
//
//   byte 0     the read size the stream is fed in, 1..256 bytes
//   byte 1     the number of columns rows are parsed with, 0..15
//   the rest   a packet stream (either direction)
//
// Properties: nothing crashes; every message re-encodes (Raw()) to bytes
// that frame back into the same payload; an edited greeting still parses,
// without the cleared capabilities; a recognised INTO OUTFILE S3 statement
// keeps a SELECT for the server.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/check.h"
#include "connectors/mysql/handshake.h"
#include "connectors/mysql/packet.h"
#include "connectors/mysql/s3_statement.h"
#include "connectors/mysql/text_result.h"
#include "fuzz_input.h"

namespace stratus::connectors::mysql {
namespace {

void CheckMessage(const Message& message, size_t num_columns) {
  PacketDecoder again;
  again.Feed(message.Raw());
  Result<std::optional<Message>> reframed = again.Next();
  STRATUS_CHECK(reframed.ok() && reframed->has_value(), "a message does not reframe");
  STRATUS_CHECK((*reframed)->payload == message.payload, "a reframed payload differs");

  const std::string& payload = message.payload;
  if (std::optional<Greeting> greeting = ParseGreeting(payload)) {
    std::optional<std::string> edited = ClearGreetingCapabilities(payload, kClientSsl);
    STRATUS_CHECK(edited.has_value(), "a parsed greeting cannot be edited");
    std::optional<Greeting> reparsed = ParseGreeting(*edited);
    STRATUS_CHECK(reparsed.has_value() && (reparsed->capabilities & kClientSsl) == 0,
                  "an edited greeting keeps CLIENT_SSL");
  }
  if (ParseHandshakeResponse(payload).has_value()) {
    std::optional<HandshakeResponse> edited =
        ParseHandshakeResponse(SetResponseCapabilities(payload, kClientLocalFiles));
    STRATUS_CHECK(edited.has_value() && (edited->capabilities & kClientLocalFiles) != 0,
                  "an edited response lacks CLIENT_LOCAL_FILES");
  }
  (void)ParseOk(payload);
  (void)ParseErr(payload);
  (void)ParseEofStatus(payload);
  (void)ParseColumnDefinition(payload);
  (void)IsEndOfRows(payload);
  std::vector<ColumnDefinition> columns(num_columns);
  std::vector<FieldValue> fields;
  (void)ParseTextRow(payload, columns, &fields);
  if (!payload.empty() && static_cast<uint8_t>(payload[0]) == kComQuery) {
    Result<std::optional<S3Statement>> statement =
        ParseS3Statement(std::string_view(payload).substr(1));
    if (statement.ok() && statement->has_value() &&
        std::holds_alternative<OutfileS3Statement>(**statement)) {
      STRATUS_CHECK(!std::get<OutfileS3Statement>(**statement).select_sql.empty(),
                    "an export without a SELECT");
    }
  }
}

}  // namespace
}  // namespace stratus::connectors::mysql

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using stratus::connectors::mysql::Message;
  stratus::fuzz::FuzzInput input(data, size);
  const size_t piece = size_t{input.Byte()} + 1;
  const size_t num_columns = input.Byte() % 16;
  const std::string_view stream = input.Rest();
  stratus::connectors::mysql::PacketDecoder decoder;
  for (size_t i = 0; i < stream.size(); i += piece) {
    decoder.Feed(stream.substr(i, piece));
    while (true) {
      stratus::Result<std::optional<Message>> next = decoder.Next();
      if (!next.ok() || !next->has_value()) {
        break;
      }
      stratus::connectors::mysql::CheckMessage(**next, num_columns);
    }
  }
  return 0;
}
