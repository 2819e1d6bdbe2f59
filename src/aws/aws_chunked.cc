#include "aws/aws_chunked.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "base/check.h"

namespace stratus::aws {
namespace {

// The longest header or trailer line read: a signed chunk header is at most
// 97 bytes and the longest trailer (a base64 SHA-256) about 70.
constexpr size_t kMaxLineBytes = 1024;
// The most trailers a body may end with, besides x-amz-trailer-signature.
constexpr size_t kMaxTrailers = 16;
constexpr std::string_view kChunkSignaturePrefix = "chunk-signature=";
constexpr std::string_view kTrailerSignatureName = "x-amz-trailer-signature";

// The trailers S3 accepts in x-amz-trailer: one checksum of the object.
constexpr std::array<std::string_view, 5> kSupportedTrailers = {
    "x-amz-checksum-crc32", "x-amz-checksum-crc32c", "x-amz-checksum-crc64nvme",
    "x-amz-checksum-sha1",  "x-amz-checksum-sha256",
};

// AWS: S3 answers every framing error in an aws-chunked body, and a body that
// ends early, with IncompleteBody (400) and this message.
Status IncompleteBody() {
  return Status::InvalidArgument("The request body terminated unexpectedly")
      .WithAwsType("IncompleteBody", 400);
}

// AWS: S3 answers data that does not add up to x-amz-decoded-content-length with
// IncompleteBody and the Content-Length message (plus NumberBytesExpected and
// NumberBytesProvided elements, which a Status cannot carry).
Status LengthMismatch() {
  return Status::InvalidArgument(
             "You did not provide the number of bytes specified by the Content-Length HTTP "
             "header")
      .WithAwsType("IncompleteBody", 400);
}

Status InvalidChunkSize() {
  return Status::InvalidArgument(
             "Only the last chunk is allowed to have a size less than 8192 bytes")
      .WithAwsType("InvalidChunkSizeError", 400);
}

Status MalformedTrailer() {
  return Status::InvalidArgument(
             "The request contained trailing data that was not well-formed or did not conform "
             "to our published schema.")
      .WithAwsType("MalformedTrailerError", 400);
}

Status SignatureDoesNotMatch() {
  return Status::Unauthenticated(
             "The request signature we calculated does not match the signature you provided. "
             "Check your key and signing method.")
      .WithAwsType("SignatureDoesNotMatch", 403);
}

bool IsHex(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

bool IsHexSignature(std::string_view text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), IsHex);
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// Parses 1 to 16 hex digits (a chunk size); nullopt for anything else.
std::optional<uint64_t> ParseHexSize(std::string_view text) {
  if (text.empty() || text.size() > 16) {
    return std::nullopt;
  }
  uint64_t value = 0;
  for (char c : text) {
    if (!IsHex(c)) {
      return std::nullopt;
    }
    const int digit = c <= '9' ? c - '0' : (std::tolower(static_cast<unsigned char>(c)) - 'a' + 10);
    value = (value << 4) | static_cast<uint64_t>(digit);
  }
  return value;
}

// Parses a decimal byte count of at most 19 digits; nullopt for anything else.
std::optional<uint64_t> ParseDecimal(std::string_view text) {
  if (text.empty() || text.size() > 19) {
    return std::nullopt;
  }
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

// A trailer name is a header token; S3's are lowercase letters, digits and '-'.
bool IsTrailerName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
  });
}

bool IsTrailerValue(std::string_view value) {
  return !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x20 && byte != 0x7F;
  });
}

std::string Hmac(const ChunkSigningContext& context, std::string_view string_to_sign) {
  return ToHex(HmacSha256(context.signing_key, string_to_sign));
}

}  // namespace

ChunkSigningContext ChunkSigningContextFor(const SigV4Signature& seed, std::string_view secret) {
  return ChunkSigningContext{
      .signing_key = DeriveSigningKey(secret, seed),
      .timestamp = seed.timestamp,
      .scope = CredentialScope(seed),
      .seed_signature = Lower(seed.signature),
  };
}

std::string ChunkSignature(const ChunkSigningContext& context,
                           std::string_view previous_signature,
                           std::string_view data_sha256_hex) {
  static const std::string kEmptySha256 = Sha256Hex("");
  std::string string_to_sign = "AWS4-HMAC-SHA256-PAYLOAD\n";
  string_to_sign.append(context.timestamp).append("\n");
  string_to_sign.append(context.scope).append("\n");
  string_to_sign.append(previous_signature).append("\n");
  string_to_sign.append(kEmptySha256).append("\n");
  string_to_sign.append(data_sha256_hex);
  return Hmac(context, string_to_sign);
}

std::string TrailerSignature(const ChunkSigningContext& context,
                             std::string_view previous_signature,
                             std::string_view canonical_trailers) {
  std::string string_to_sign = "AWS4-HMAC-SHA256-TRAILER\n";
  string_to_sign.append(context.timestamp).append("\n");
  string_to_sign.append(context.scope).append("\n");
  string_to_sign.append(previous_signature).append("\n");
  string_to_sign.append(Sha256Hex(canonical_trailers));
  return Hmac(context, string_to_sign);
}

Result<std::optional<AwsChunkedOptions>> AwsChunkedOptionsFor(const http::Request& request) {
  STRATUS_ASSIGN_OR_RETURN(PayloadHashKind kind, ClassifyPayloadHash(request));
  if (!IsStreaming(kind)) {
    return std::optional<AwsChunkedOptions>();
  }
  AwsChunkedOptions options;
  options.payload = kind;
  const std::optional<std::string_view> decoded =
      request.headers.Get("x-amz-decoded-content-length");
  if (!decoded.has_value()) {
    // AWS: S3 wants the decoded length of every streaming upload. Which error
    // it sends without one is not documented; MissingContentLength (411) is
    // what it sends for a missing length elsewhere.
    return Status::InvalidArgument("You must provide the Content-Length HTTP header.")
        .WithAwsType("MissingContentLength", 411);
  }
  options.decoded_length = ParseDecimal(*decoded);
  if (!options.decoded_length.has_value()) {
    // S3's reply to a malformed x-amz-decoded-content-length is not documented;
    // InvalidArgument is its generic one.
    return Status::InvalidArgument("x-amz-decoded-content-length must be a non-negative integer")
        .WithAwsType("InvalidArgument", 400);
  }
  for (std::string_view trailers : request.headers.GetAll("x-amz-trailer")) {
    while (!trailers.empty()) {
      const size_t comma = trailers.find(',');
      const std::string name = Lower(TrimSpaces(trailers.substr(0, comma)));
      trailers = comma == std::string_view::npos ? std::string_view() : trailers.substr(comma + 1);
      if (name.empty()) {
        continue;
      }
      if (std::find(kSupportedTrailers.begin(), kSupportedTrailers.end(), name) ==
          kSupportedTrailers.end()) {
        // AWS: S3 answers an x-amz-trailer it does not know with InvalidRequest (400).
        return Status::InvalidArgument(
                   "The value specified in the x-amz-trailer header is not supported")
            .WithAwsType("InvalidRequest", 400);
      }
      if (std::find(options.declared_trailers.begin(), options.declared_trailers.end(), name) ==
          options.declared_trailers.end()) {
        options.declared_trailers.push_back(name);
      }
    }
  }
  return std::optional<AwsChunkedOptions>(std::move(options));
}

AwsChunkedDecoder::AwsChunkedDecoder(AwsChunkedOptions options) : options_(std::move(options)) {
  STRATUS_CHECK(IsStreaming(options_.payload), "AwsChunkedDecoder needs a STREAMING-* payload");
  if (!HasChunkSignatures(options_.payload)) {
    options_.signing.reset();  // Nothing to check.
  }
  if (options_.signing.has_value()) {
    previous_signature_ = Lower(options_.signing->seed_signature);
  }
}

Status AwsChunkedDecoder::Feed(std::string_view piece, const Sink& sink) {
  while (!piece.empty() && state_ != State::kFailed) {
    if (Status status = Step(&piece, sink); !status.ok()) {
      return Fail(std::move(status));
    }
  }
  return state_ == State::kFailed ? failure_ : Status::Ok();
}

Status AwsChunkedDecoder::Finish() {
  if (state_ == State::kFailed) {
    return failure_;
  }
  if (state_ != State::kDone) {
    return Fail(IncompleteBody());
  }
  return Status::Ok();
}

Status AwsChunkedDecoder::Fail(Status error) {
  state_ = State::kFailed;
  failure_ = std::move(error);
  line_.clear();
  line_.shrink_to_fit();
  return failure_;
}

Status AwsChunkedDecoder::Step(std::string_view* piece, const Sink& sink) {
  switch (state_) {
    case State::kChunkHeader:
    case State::kTrailer: {
      STRATUS_ASSIGN_OR_RETURN(bool whole, ReadLine(piece));
      if (!whole) {
        return Status::Ok();
      }
      const std::string line = std::move(line_);
      line_.clear();
      return state_ == State::kChunkHeader ? OnChunkHeader(line) : OnTrailerLine(line);
    }
    case State::kChunkData: {
      const size_t size = static_cast<size_t>(std::min<uint64_t>(remaining_, piece->size()));
      const std::string_view data = piece->substr(0, size);
      piece->remove_prefix(size);
      remaining_ -= size;
      decoded_bytes_ += size;
      if (options_.signing.has_value()) {
        chunk_hasher_.Update(data);
      }
      if (remaining_ == 0) {
        state_ = State::kChunkDataEnd;
      }
      return sink(data);
    }
    case State::kChunkDataEnd: {
      while (crlf_bytes_ < 2 && !piece->empty()) {
        if (piece->front() != (crlf_bytes_ == 0 ? '\r' : '\n')) {
          return IncompleteBody();
        }
        piece->remove_prefix(1);
        ++crlf_bytes_;
      }
      if (crlf_bytes_ < 2) {
        return Status::Ok();
      }
      crlf_bytes_ = 0;
      return OnChunkEnd();
    }
    case State::kDone:
      return IncompleteBody();  // Bytes after the end of the encoding.
    case State::kFailed:
      return failure_;
  }
  return Status::Internal("unreachable aws-chunked decoder state");
}

Result<bool> AwsChunkedDecoder::ReadLine(std::string_view* piece) {
  const size_t newline = piece->find('\n');
  const size_t take = newline == std::string_view::npos ? piece->size() : newline + 1;
  if (line_.size() + take > kMaxLineBytes) {
    return state_ == State::kTrailer ? MalformedTrailer() : IncompleteBody();
  }
  line_.append(piece->substr(0, take));
  piece->remove_prefix(take);
  if (newline == std::string_view::npos) {
    return false;
  }
  // The line ends in CRLF, and neither CR nor LF appears inside it.
  if (line_.size() < 2 || line_[line_.size() - 2] != '\r' || line_.find('\r') != line_.size() - 2) {
    return IncompleteBody();
  }
  line_.resize(line_.size() - 2);
  return true;
}

Status AwsChunkedDecoder::OnChunkHeader(std::string_view line) {
  const size_t semicolon = line.find(';');
  const std::optional<uint64_t> size = ParseHexSize(line.substr(0, semicolon));
  if (!size.has_value()) {
    return IncompleteBody();
  }
  if (HasChunkSignatures(options_.payload)) {
    if (semicolon == std::string_view::npos) {
      return IncompleteBody();
    }
    const std::string_view extension = line.substr(semicolon + 1);
    if (!extension.starts_with(kChunkSignaturePrefix) ||
        !IsHexSignature(extension.substr(kChunkSignaturePrefix.size()))) {
      return IncompleteBody();
    }
    chunk_signature_ = Lower(extension.substr(kChunkSignaturePrefix.size()));
  } else if (semicolon != std::string_view::npos) {
    return IncompleteBody();  // The unsigned kind carries no chunk extensions.
  }
  // The chunk before this one was not the last: it must have been big enough.
  if (*size > 0 && previous_chunk_bytes_.has_value() &&
      *previous_chunk_bytes_ < options_.min_chunk_bytes) {
    return InvalidChunkSize();
  }
  previous_chunk_bytes_ = *size;
  if (options_.decoded_length.has_value() && *size > *options_.decoded_length - decoded_bytes_) {
    return LengthMismatch();  // More data than declared: refused before any of it is passed on.
  }
  if (*size > 0) {
    remaining_ = *size;
    state_ = State::kChunkData;
    return Status::Ok();
  }
  if (options_.decoded_length.has_value() && decoded_bytes_ != *options_.decoded_length) {
    return LengthMismatch();
  }
  if (options_.signing.has_value()) {
    STRATUS_RETURN_IF_ERROR(CheckChunkSignature(chunk_hasher_.FinishHex()));
  }
  state_ = State::kTrailer;
  return Status::Ok();
}

Status AwsChunkedDecoder::OnChunkEnd() {
  if (options_.signing.has_value()) {
    STRATUS_RETURN_IF_ERROR(CheckChunkSignature(chunk_hasher_.FinishHex()));
  }
  state_ = State::kChunkHeader;
  return Status::Ok();
}

Status AwsChunkedDecoder::CheckChunkSignature(std::string_view data_sha256_hex) {
  const std::string expected =
      ChunkSignature(*options_.signing, previous_signature_, data_sha256_hex);
  if (!ConstantTimeEquals(expected, chunk_signature_)) {
    return SignatureDoesNotMatch();
  }
  previous_signature_ = chunk_signature_;
  return Status::Ok();
}

Status AwsChunkedDecoder::OnTrailerLine(std::string_view line) {
  if (line.empty()) {
    return OnTrailersEnd();
  }
  if (trailer_signature_.has_value()) {
    return MalformedTrailer();  // The signature is the last trailer.
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    return MalformedTrailer();
  }
  const std::string_view raw_name = line.substr(0, colon);
  const std::string_view value = TrimSpaces(line.substr(colon + 1));
  if (!IsTrailerName(raw_name) || !IsTrailerValue(value)) {
    return MalformedTrailer();
  }
  std::string name = Lower(raw_name);
  if (name == kTrailerSignatureName) {
    if (options_.payload != PayloadHashKind::kStreamingSignedTrailer || !IsHexSignature(value)) {
      return MalformedTrailer();
    }
    trailer_signature_ = Lower(value);
    return Status::Ok();
  }
  if (trailers_.size() >= kMaxTrailers ||
      std::find(options_.declared_trailers.begin(), options_.declared_trailers.end(), name) ==
          options_.declared_trailers.end()) {
    return MalformedTrailer();
  }
  if (!trailers_.emplace(std::move(name), std::string(value)).second) {
    return MalformedTrailer();  // Sent twice.
  }
  return Status::Ok();
}

Status AwsChunkedDecoder::OnTrailersEnd() {
  for (const std::string& name : options_.declared_trailers) {
    if (!trailers_.contains(name)) {
      return MalformedTrailer();
    }
  }
  if (options_.payload == PayloadHashKind::kStreamingSignedTrailer) {
    if (!trailer_signature_.has_value()) {
      return MalformedTrailer();
    }
    if (options_.signing.has_value()) {
      std::string canonical;
      for (const auto& [name, value] : trailers_) {
        canonical.append(name).append(":").append(value).append("\n");
      }
      if (!ConstantTimeEquals(TrailerSignature(*options_.signing, previous_signature_, canonical),
                              *trailer_signature_)) {
        return SignatureDoesNotMatch();
      }
    }
  }
  state_ = State::kDone;
  return Status::Ok();
}

Result<DecodedAwsChunkedBody> DecodeAwsChunked(std::string_view body, AwsChunkedOptions options) {
  DecodedAwsChunkedBody decoded;
  if (options.decoded_length.has_value()) {
    decoded.data.reserve(
        static_cast<size_t>(std::min<uint64_t>(*options.decoded_length, body.size())));
  }
  AwsChunkedDecoder decoder(std::move(options));
  STRATUS_RETURN_IF_ERROR(decoder.Feed(body, [&decoded](std::string_view data) {
    decoded.data.append(data);
    return Status::Ok();
  }));
  STRATUS_RETURN_IF_ERROR(decoder.Finish());
  decoded.trailers = decoder.trailers();
  return decoded;
}

}  // namespace stratus::aws
