#include "connectors/mysql/packet.h"

#include <algorithm>
#include <utility>

#include "base/check.h"
#include "base/format.h"

namespace stratus::connectors::mysql {

std::string Message::Raw() const {
  std::string raw;
  raw.reserve(payload.size() + 4 * packets.size());
  size_t offset = 0;
  for (const Packet& packet : packets) {
    AppendFixedInt(&raw, packet.length, 3);
    raw.push_back(static_cast<char>(packet.sequence));
    raw.append(payload, offset, packet.length);
    offset += packet.length;
  }
  return raw;
}

void PacketDecoder::Feed(std::string_view bytes) {
  if (offset_ > 0 && offset_ == buffer_.size()) {
    buffer_.clear();
    offset_ = 0;
  } else if (offset_ > (1 << 20) && offset_ * 2 > buffer_.size()) {
    buffer_.erase(0, offset_);
    offset_ = 0;
  }
  buffer_.append(bytes);
}

Result<std::optional<Message>> PacketDecoder::Next() {
  Message message;
  if (in_message_) {
    message = std::move(pending_);
  }
  STRATUS_ASSIGN_OR_RETURN(bool done, NextInto(&message));
  if (!done) {
    pending_ = std::move(message);
    return std::optional<Message>();
  }
  return std::optional<Message>(std::move(message));
}

Result<bool> PacketDecoder::NextInto(Message* out) {
  if (!in_message_) {
    out->packets.clear();
    out->payload.clear();
  }
  while (buffer_.size() - offset_ >= 4) {
    const auto* head = reinterpret_cast<const unsigned char*>(buffer_.data() + offset_);
    const size_t length = size_t{head[0]} | (size_t{head[1]} << 8) | (size_t{head[2]} << 16);
    if (buffer_.size() - offset_ < 4 + length) {
      break;
    }
    if (out->payload.size() + length > kMaxMessageBytes) {
      return Status::Corruption(fmt::format("a MySQL message exceeds {} bytes", kMaxMessageBytes));
    }
    out->payload.append(buffer_, offset_ + 4, length);
    out->packets.push_back(Packet{.sequence = head[3], .length = length});
    offset_ += 4 + length;
    if (length < kMaxPacketPayload) {
      in_message_ = false;
      return true;
    }
    in_message_ = true;
  }
  return false;
}

bool PacketDecoder::NextInPlace(std::string_view* payload) {
  STRATUS_DCHECK(!in_message_, "NextInPlace() inside a message of several packets");
  if (buffer_.size() - offset_ < 4) {
    return false;
  }
  const auto* head = reinterpret_cast<const unsigned char*>(buffer_.data() + offset_);
  const size_t length = size_t{head[0]} | (size_t{head[1]} << 8) | (size_t{head[2]} << 16);
  if (length == kMaxPacketPayload || buffer_.size() - offset_ < 4 + length) {
    return false;
  }
  *payload = std::string_view(buffer_.data() + offset_ + 4, length);
  offset_ += 4 + length;
  return true;
}

bool PacketDecoder::NextSpansPackets() const {
  if (buffer_.size() - offset_ < 4) {
    return false;
  }
  const auto* head = reinterpret_cast<const unsigned char*>(buffer_.data() + offset_);
  return (size_t{head[0]} | (size_t{head[1]} << 8) | (size_t{head[2]} << 16)) == kMaxPacketPayload;
}

size_t PacketDecoder::TakeBuffered(char* out, size_t out_size) {
  const size_t taken = std::min(out_size, buffered());
  buffer_.copy(out, taken, offset_);
  offset_ += taken;
  return taken;
}

uint8_t HeaderByte(std::string_view payload) {
  return payload.empty() ? 0 : static_cast<uint8_t>(payload[0]);
}

bool IsProgressReport(std::string_view payload) {
  return payload.size() >= 3 && HeaderByte(payload) == kErrHeader &&
         static_cast<uint8_t>(payload[1]) == (kProgressReportCode & 0xff) &&
         static_cast<uint8_t>(payload[2]) == (kProgressReportCode >> 8);
}

std::string EncodePackets(std::string_view payload, uint8_t sequence, uint8_t* next_sequence) {
  std::string out;
  out.reserve(payload.size() + 4 * (payload.size() / kMaxPacketPayload + 1));
  while (true) {
    const size_t length = std::min(payload.size(), kMaxPacketPayload);
    AppendFixedInt(&out, length, 3);
    out.push_back(static_cast<char>(sequence++));
    out.append(payload.substr(0, length));
    payload.remove_prefix(length);
    if (length < kMaxPacketPayload) {
      break;
    }
  }
  if (next_sequence != nullptr) {
    *next_sequence = sequence;
  }
  return out;
}

std::optional<uint64_t> PayloadReader::FixedInt(size_t bytes) {
  if (rest_.size() < bytes) {
    return std::nullopt;
  }
  uint64_t value = 0;
  for (size_t i = 0; i < bytes; ++i) {
    value |= uint64_t{static_cast<unsigned char>(rest_[i])} << (8 * i);
  }
  rest_.remove_prefix(bytes);
  return value;
}

std::optional<uint64_t> PayloadReader::LengthEncodedInt() {
  std::optional<uint64_t> first = FixedInt(1);
  if (!first.has_value()) {
    return std::nullopt;
  }
  switch (*first) {
    case 0xfc:
      return FixedInt(2);
    case 0xfd:
      return FixedInt(3);
    case 0xfe:
      return FixedInt(8);
    case 0xfb:
    case 0xff:
      return std::nullopt;
    default:
      return first;
  }
}

std::optional<std::string_view> PayloadReader::LengthEncodedString(bool* is_null) {
  if (is_null != nullptr) {
    *is_null = false;
  }
  if (!rest_.empty() && static_cast<unsigned char>(rest_[0]) == 0xfb) {
    rest_.remove_prefix(1);
    if (is_null != nullptr) {
      *is_null = true;
    }
    return std::string_view();
  }
  std::optional<uint64_t> length = LengthEncodedInt();
  if (!length.has_value()) {
    return std::nullopt;
  }
  return Bytes(*length);
}

std::optional<std::string_view> PayloadReader::NulTerminated() {
  const size_t end = rest_.find('\0');
  if (end == std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view value = rest_.substr(0, end);
  rest_.remove_prefix(end + 1);
  return value;
}

std::optional<std::string_view> PayloadReader::Bytes(size_t count) {
  if (rest_.size() < count) {
    return std::nullopt;
  }
  std::string_view value = rest_.substr(0, count);
  rest_.remove_prefix(count);
  return value;
}

void AppendFixedInt(std::string* out, uint64_t value, size_t bytes) {
  for (size_t i = 0; i < bytes; ++i) {
    out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
  }
}

void AppendLengthEncodedInt(std::string* out, uint64_t value) {
  if (value < 0xfb) {
    out->push_back(static_cast<char>(value));
  } else if (value <= 0xffff) {
    out->push_back(static_cast<char>(0xfc));
    AppendFixedInt(out, value, 2);
  } else if (value <= 0xffffff) {
    out->push_back(static_cast<char>(0xfd));
    AppendFixedInt(out, value, 3);
  } else {
    out->push_back(static_cast<char>(0xfe));
    AppendFixedInt(out, value, 8);
  }
}

void AppendLengthEncodedString(std::string* out, std::string_view value) {
  AppendLengthEncodedInt(out, value.size());
  out->append(value);
}

std::string OkPayload(const OkFields& ok) {
  std::string out(1, static_cast<char>(kOkHeader));
  AppendLengthEncodedInt(&out, ok.affected_rows);
  AppendLengthEncodedInt(&out, ok.last_insert_id);
  AppendFixedInt(&out, ok.status, 2);
  AppendFixedInt(&out, ok.warnings, 2);
  out += ok.info;
  return out;
}

std::string ErrPayload(const ErrFields& err) {
  std::string out(1, static_cast<char>(kErrHeader));
  AppendFixedInt(&out, err.code, 2);
  out.push_back('#');
  std::string state = err.sql_state;
  state.resize(5, '0');
  out += state;
  out += err.message;
  return out;
}

std::optional<OkFields> ParseOk(std::string_view payload) {
  PayloadReader reader(payload);
  std::optional<uint64_t> header = reader.FixedInt(1);
  if (!header.has_value() || (*header != kOkHeader && *header != kEofHeader)) {
    return std::nullopt;
  }
  OkFields ok;
  std::optional<uint64_t> affected = reader.LengthEncodedInt();
  std::optional<uint64_t> insert_id = reader.LengthEncodedInt();
  std::optional<uint64_t> status = reader.FixedInt(2);
  std::optional<uint64_t> warnings = reader.FixedInt(2);
  if (!affected || !insert_id || !status || !warnings) {
    return std::nullopt;
  }
  ok.affected_rows = *affected;
  ok.last_insert_id = *insert_id;
  ok.status = static_cast<uint16_t>(*status);
  ok.warnings = static_cast<uint16_t>(*warnings);
  ok.info = std::string(reader.Rest());
  return ok;
}

std::optional<ErrFields> ParseErr(std::string_view payload) {
  PayloadReader reader(payload);
  std::optional<uint64_t> header = reader.FixedInt(1);
  std::optional<uint64_t> code = reader.FixedInt(2);
  if (!header.has_value() || *header != kErrHeader || !code.has_value()) {
    return std::nullopt;
  }
  ErrFields err{.code = static_cast<uint16_t>(*code), .sql_state = "HY000", .message = {}};
  std::string_view rest = reader.Rest();
  if (!rest.empty() && rest[0] == '#' && rest.size() >= 6) {
    err.sql_state = std::string(rest.substr(1, 5));
    rest.remove_prefix(6);
  }
  err.message = std::string(rest);
  return err;
}

std::optional<uint16_t> ParseEofStatus(std::string_view payload) {
  PayloadReader reader(payload);
  std::optional<uint64_t> header = reader.FixedInt(1);
  std::optional<uint64_t> warnings = reader.FixedInt(2);
  std::optional<uint64_t> status = reader.FixedInt(2);
  if (!header.has_value() || *header != kEofHeader || !warnings || !status) {
    return std::nullopt;
  }
  return static_cast<uint16_t>(*status);
}

}  // namespace stratus::connectors::mysql
