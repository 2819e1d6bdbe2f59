#include "connectors/mysql/packet.h"

#include <string>

#include <gtest/gtest.h>

#include "connectors/mysql/handshake.h"
#include "connectors/mysql/text_result.h"
#include "testing/status_matchers.h"

namespace stratus::connectors::mysql {
namespace {

std::vector<Message> Decode(std::string_view bytes, size_t piece) {
  PacketDecoder decoder;
  std::vector<Message> messages;
  for (size_t i = 0; i < bytes.size(); i += piece) {
    decoder.Feed(bytes.substr(i, piece));
    while (true) {
      Result<std::optional<Message>> next = decoder.Next();
      EXPECT_TRUE(next.ok());
      if (!next.ok() || !next->has_value()) {
        break;
      }
      messages.push_back(std::move(**next));
    }
  }
  return messages;
}

TEST(PacketTest, BytesPastAMessageAreTakenRawInOrder) {
  const std::string first = EncodePackets("\x03SELECT 1", 0);
  const std::string rest = EncodePackets(OkPayload(OkFields{}), 1) + "\x05\x00";
  PacketDecoder decoder;
  decoder.Feed(first + rest);
  ASSERT_OK_AND_ASSIGN(std::optional<Message> message, decoder.Next());
  ASSERT_TRUE(message.has_value());
  EXPECT_EQ(message->payload, "\x03SELECT 1");
  char out[4] = {};
  EXPECT_EQ(decoder.TakeBuffered(out, sizeof(out)), 4u);
  EXPECT_EQ(std::string(out, 4), rest.substr(0, 4));
  std::string tail(64, '\0');
  tail.resize(decoder.TakeBuffered(tail.data(), tail.size()));
  EXPECT_EQ(tail, rest.substr(4));
  EXPECT_EQ(decoder.buffered(), 0u);
  EXPECT_EQ(decoder.TakeBuffered(out, sizeof(out)), 0u);
}

TEST(PacketTest, ProgressReportsAreTheErrCode0xffff) {
  EXPECT_TRUE(IsProgressReport(std::string("\xff\xff\xff\x01\x02\x02\x00\x00\x00\x00", 10)));
  EXPECT_FALSE(IsProgressReport(
      ErrPayload(ErrFields{.code = 1146, .sql_state = "42S02", .message = "no table"})));
  EXPECT_FALSE(IsProgressReport(OkPayload(OkFields{})));
  EXPECT_FALSE(IsProgressReport("\xff\xff"));
}

TEST(PacketTest, SmallMessagesFrameAtAnySplit) {
  const std::string bytes = EncodePackets("\x03SELECT 1", 0) + EncodePackets("", 5);
  for (size_t piece : {1u, 3u, 7u, 1000u}) {
    std::vector<Message> messages = Decode(bytes, piece);
    ASSERT_EQ(messages.size(), 2u);
    EXPECT_EQ(messages[0].payload, "\x03SELECT 1");
    EXPECT_EQ(messages[0].Raw(), bytes.substr(0, 13));
    EXPECT_EQ(messages[1].payload, "");
    EXPECT_EQ(messages[1].first_sequence(), 5);
  }
}

TEST(PacketTest, LargeMessagesSpanContinuationPackets) {
  for (size_t size : {kMaxPacketPayload - 1, kMaxPacketPayload, kMaxPacketPayload * 2 + 10}) {
    const std::string payload(size, 'q');
    uint8_t next = 0;
    const std::string bytes = EncodePackets(payload, 0, &next);
    std::vector<Message> messages = Decode(bytes, 1 << 20);
    ASSERT_EQ(messages.size(), 1u);
    EXPECT_EQ(messages[0].payload.size(), size);
    EXPECT_EQ(messages[0].packets.size(), size / kMaxPacketPayload + 1);
    EXPECT_EQ(messages[0].last_sequence() + 1, next);
    EXPECT_EQ(messages[0].Raw(), bytes);
  }
}

TEST(PacketTest, OnePacketMessagesAreTakenInPlaceAndLongerOnesLeftToNextInto) {
  const std::string long_payload(kMaxPacketPayload + 10, 'x');
  const std::string bytes =
      EncodePackets("row one", 1) + EncodePackets("", 2) + EncodePackets(long_payload, 3);
  PacketDecoder decoder;
  std::string_view payload;
  decoder.Feed(std::string_view(bytes).substr(0, 6));
  EXPECT_FALSE(decoder.NextInPlace(&payload));  // Not all there yet.
  decoder.Feed(std::string_view(bytes).substr(6));
  ASSERT_TRUE(decoder.NextInPlace(&payload));
  EXPECT_EQ(payload, "row one");
  ASSERT_TRUE(decoder.NextInPlace(&payload));
  EXPECT_EQ(payload, "");
  EXPECT_TRUE(decoder.NextSpansPackets());
  EXPECT_FALSE(decoder.NextInPlace(&payload));
  Message message;
  ASSERT_OK_AND_ASSIGN(bool done, decoder.NextInto(&message));
  ASSERT_TRUE(done);
  EXPECT_TRUE(message.payload == long_payload);
  EXPECT_EQ(decoder.buffered(), 0u);
}

TEST(PacketTest, LengthEncodedValuesRoundTrip) {
  std::string out;
  for (uint64_t value : {0ull, 250ull, 251ull, 65535ull, 65536ull, 16777216ull, 1ull << 40}) {
    out.clear();
    AppendLengthEncodedInt(&out, value);
    PayloadReader reader(out);
    EXPECT_EQ(reader.LengthEncodedInt(), value);
    EXPECT_TRUE(reader.empty());
  }
  PayloadReader truncated(std::string_view("\xfe\x01\x02", 3));
  EXPECT_EQ(truncated.LengthEncodedInt(), std::nullopt);
}

TEST(PacketTest, OkAndErrRoundTrip) {
  std::optional<OkFields> ok = ParseOk(
      OkPayload(OkFields{.affected_rows = 70000, .last_insert_id = 3, .status = 2, .warnings = 1}));
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->affected_rows, 70000u);
  EXPECT_EQ(ok->status, 2);
  std::optional<ErrFields> err =
      ParseErr(ErrPayload(ErrFields{.code = 1086, .sql_state = "HY000", .message = "exists"}));
  ASSERT_TRUE(err.has_value());
  EXPECT_EQ(err->code, 1086);
  EXPECT_EQ(err->message, "exists");
}

std::string Greeting10(uint32_t capabilities) {
  std::string out =
      "\x0a"
      "10.11.6-MariaDB";
  out.push_back('\0');
  AppendFixedInt(&out, 42, 4);
  out += "abcdefgh";
  out.push_back('\0');
  AppendFixedInt(&out, capabilities & 0xffff, 2);
  out += std::string("\x21\x02\x00", 3);
  AppendFixedInt(&out, capabilities >> 16, 2);
  out += std::string(11, '\0') + "ijklmnopqrst" + std::string(1, '\0') + "mysql_native_password";
  out.push_back('\0');
  return out;
}

TEST(HandshakeTest, GreetingLosesSslAndCompression) {
  const uint32_t offered =
      kClientProtocol41 | kClientSsl | kClientCompress | kClientDeprecateEof | kClientPluginAuth;
  std::optional<std::string> edited =
      ClearGreetingCapabilities(Greeting10(offered), kClientSsl | kClientCompress);
  ASSERT_TRUE(edited.has_value());
  std::optional<Greeting> greeting = ParseGreeting(*edited);
  ASSERT_TRUE(greeting.has_value());
  EXPECT_EQ(greeting->server_version, "10.11.6-MariaDB");
  EXPECT_EQ(greeting->connection_id, 42u);
  EXPECT_EQ(greeting->capabilities, kClientProtocol41 | kClientDeprecateEof | kClientPluginAuth);
  EXPECT_EQ(edited->size(), Greeting10(offered).size());
  EXPECT_FALSE(ParseGreeting("\xff\x10\x04Too many connections").has_value());
}

TEST(HandshakeTest, ResponseGainsLocalFilesAndSslRequestsAreSeen) {
  std::string response;
  AppendFixedInt(&response, kClientProtocol41 | kClientSecureConnection, 4);
  response += std::string(28, '\0') + "root" + std::string(1, '\0');
  std::optional<HandshakeResponse> parsed =
      ParseHandshakeResponse(SetResponseCapabilities(response, kClientLocalFiles));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->capabilities, kClientProtocol41 | kClientSecureConnection | kClientLocalFiles);
  EXPECT_FALSE(parsed->ssl_request);
  std::string ssl;
  AppendFixedInt(&ssl, kClientProtocol41 | kClientSsl, 4);
  ssl += std::string(28, '\0');
  EXPECT_TRUE(ParseHandshakeResponse(ssl)->ssl_request);
  EXPECT_FALSE(ParseHandshakeResponse("\x01\x02").has_value());
}

TEST(TextResultTest, RowsAndColumnDefinitionsParse) {
  std::string definition;
  for (std::string_view part : {"def", "db", "t", "t", "total", "total"}) {
    AppendLengthEncodedString(&definition, part);
  }
  definition += std::string("\x0c\x3f\x00\x0b\x00\x00\x00\xf6\x00\x00\x02\x00\x00", 13);
  std::optional<ColumnDefinition> column =
      ParseColumnDefinition(std::string_view(definition.data(), definition.size()));
  ASSERT_TRUE(column.has_value());
  EXPECT_EQ(column->name, "total");
  EXPECT_TRUE(column->numeric);

  std::vector<ColumnDefinition> columns(2);
  std::string row;
  AppendLengthEncodedString(&row, "4.99");
  row.push_back(static_cast<char>(0xfb));
  std::vector<FieldValue> fields;
  ASSERT_TRUE(ParseTextRow(row, columns, &fields));
  EXPECT_EQ(fields[0].bytes, "4.99");
  EXPECT_TRUE(fields[1].is_null);
  EXPECT_FALSE(ParseTextRow(row.substr(0, 3), columns, &fields));
  EXPECT_TRUE(IsEndOfRows(std::string_view("\xfe\x00\x00\x02\x00", 5)));
  EXPECT_FALSE(IsEndOfRows(row));
}

}  // namespace
}  // namespace stratus::connectors::mysql
