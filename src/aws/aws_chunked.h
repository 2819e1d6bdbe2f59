#pragma once

// aws-chunked: how S3 clients stream an upload whose hash they cannot know in
// advance (Content-Encoding: aws-chunked, x-amz-content-sha256: STREAMING-*).
// After HTTP has removed its own transfer coding, the body is
//
//   body       = *chunk last-chunk *trailer CRLF
//   chunk      = hex-size [";chunk-signature=" sig] CRLF size-bytes CRLF
//   last-chunk = "0" [";chunk-signature=" sig] CRLF
//   trailer    = name ":" value CRLF        ; e.g. x-amz-checksum-crc32:<base64>
//
// The signed kinds carry ";chunk-signature=" on every chunk header and the
// unsigned kind on none. Signed trailers end with
// "x-amz-trailer-signature:" sig CRLF. x-amz-decoded-content-length says how
// many data bytes the chunks add up to.
//
// Signatures form a chain that starts at the request's own (seed) signature:
//   chunk n   HMAC(key, "AWS4-HMAC-SHA256-PAYLOAD\n" timestamp "\n" scope "\n"
//                       signature(n-1) "\n" hex(sha256("")) "\n" hex(sha256(data n)))
//   trailer   HMAC(key, "AWS4-HMAC-SHA256-TRAILER\n" timestamp "\n" scope "\n"
//                       signature(last chunk) "\n" hex(sha256(canonical trailers)))
// where the canonical trailers are "name:value\n" per trailer, sorted by name.
//
// AwsChunkedDecoder takes the body in pieces of any size (a piece may end in
// the middle of a chunk header or a CRLF) and hands data on as it passes,
// never holding a chunk: its memory is one header line and the trailers.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/payload_hash.h"
#include "aws/sigv4.h"
#include "base/digest.h"
#include "base/result.h"
#include "http/message.h"

namespace stratus::aws {

/// S3's smallest chunk: every chunk but the last carries at least this much data.
inline constexpr uint64_t kMinAwsChunkBytes = 8192;

/// What checking a chunk-signature chain needs; taken from a request whose
/// header signature VerifySigV4() accepted.
struct ChunkSigningContext {
  std::string signing_key = {};     // Raw 32 bytes: DeriveSigningKey(secret, seed).
  std::string timestamp = {};       // The request's X-Amz-Date: "20130524T000000Z".
  std::string scope = {};           // CredentialScope(seed): "20130524/us-east-1/s3/aws4_request".
  std::string seed_signature = {};  // The request's own signature, lowercase hex.
};

/// Returns the context of the chain that starts at `seed`, the request's
/// verified signature, whose access key has the secret `secret`.
ChunkSigningContext ChunkSigningContextFor(const SigV4Signature& seed, std::string_view secret);

/// Returns the hex signature of a chunk whose data hashes to `data_sha256_hex`.
std::string ChunkSignature(const ChunkSigningContext& context,
                           std::string_view previous_signature,
                           std::string_view data_sha256_hex);

/// Returns the hex signature of the trailers; `canonical_trailers` is
/// "name:value\n" per trailer, sorted by name.
std::string TrailerSignature(const ChunkSigningContext& context,
                             std::string_view previous_signature,
                             std::string_view canonical_trailers);

/// Trailer name (lowercase) → value, as the body sent them.
using AwsChunkedTrailers = std::map<std::string, std::string, std::less<>>;

/// How to decode one aws-chunked body.
struct AwsChunkedOptions {
  /// One of the streaming kinds (IsStreaming()).
  PayloadHashKind payload = PayloadHashKind::kStreamingUnsignedTrailer;
  /// x-amz-decoded-content-length; nullopt trusts the chunks.
  std::optional<uint64_t> decoded_length = std::nullopt;
  /// x-amz-trailer: the trailer names (lowercase) the body must end with, each
  /// once; a trailer not named here is refused.
  std::vector<std::string> declared_trailers = {};
  /// Set: every chunk signature and the trailer signature are checked.
  /// Unset: signatures must be well-formed but are not checked. Ignored for
  /// STREAMING-UNSIGNED-PAYLOAD-TRAILER, which has none.
  std::optional<ChunkSigningContext> signing = std::nullopt;
  /// Every chunk but the last must carry at least this many bytes.
  uint64_t min_chunk_bytes = kMinAwsChunkBytes;
};

/// Reads the aws-chunked request headers (x-amz-content-sha256,
/// x-amz-decoded-content-length, x-amz-trailer): nullopt when the body is not
/// aws-chunked. `signing` is left unset; a caller that verifies signatures
/// sets it with ChunkSigningContextFor(). Errors are S3's:
/// MissingContentLength (411) without x-amz-decoded-content-length,
/// InvalidArgument (400) when it is not a number, InvalidRequest (400) for a
/// trailer other than an x-amz-checksum-* one, and ClassifyPayloadHash()'s.
Result<std::optional<AwsChunkedOptions>> AwsChunkedOptionsFor(const http::Request& request);

/// Decodes one aws-chunked body fed in pieces, passing data to a sink as it
/// arrives and collecting the trailers. Framing is checked strictly.
///
/// Errors (the first one sticks; later calls return it again) are S3's:
/// IncompleteBody (400) for broken framing or a body that ends early, and for
/// data that does not add up to x-amz-decoded-content-length;
/// InvalidChunkSizeError (400) for a chunk under min_chunk_bytes that is not
/// the last; MalformedTrailerError (400) for trailers that are malformed or
/// not the declared ones; SignatureDoesNotMatch (403) for a chunk or trailer
/// signature that does not check out.
///
/// A chunk's data reaches the sink before its signature is checked (checking
/// needs all of it, and holding it is what the decoder avoids), so the caller
/// must treat what it received as provisional until Finish() returns Ok: write
/// it to a temporary object and commit only then.
///
/// Thread safety: none; one request's reader owns the decoder.
class AwsChunkedDecoder {
 public:
  /// Receives decoded data in order. A non-ok Status stops decoding, and
  /// Feed() returns it.
  using Sink = std::function<Status(std::string_view data)>;

  /// REQUIRES: IsStreaming(options.payload).
  explicit AwsChunkedDecoder(AwsChunkedOptions options);

  /// Decodes the next `piece` of the body, handing its data to `sink`.
  Status Feed(std::string_view piece, const Sink& sink);

  /// Declares the end of the body: IncompleteBody unless it ended exactly
  /// where the encoding does.
  Status Finish();

  /// Returns true once the final CRLF has been read.
  bool done() const { return state_ == State::kDone; }

  /// Returns how many data bytes went to the sink.
  uint64_t decoded_bytes() const { return decoded_bytes_; }

  /// Returns the trailers read so far (complete once done()).
  const AwsChunkedTrailers& trailers() const { return trailers_; }

 private:
  enum class State : uint8_t {
    kChunkHeader,   // Reading "<hex-size>[;chunk-signature=<sig>]" CRLF into line_.
    kChunkData,     // Passing remaining_ more data bytes to the sink.
    kChunkDataEnd,  // Reading the CRLF after a chunk's data.
    kTrailer,       // Reading trailer lines into line_ until an empty one.
    kDone,          // Read the final CRLF; any more input is an error.
    kFailed,        // failure_ holds the error.
  };

  Status Step(std::string_view* piece, const Sink& sink);
  // Appends `piece` to line_ up to a line end; true when line_ holds a whole line.
  Result<bool> ReadLine(std::string_view* piece);
  Status OnChunkHeader(std::string_view line);
  Status OnChunkEnd();
  Status OnTrailerLine(std::string_view line);
  Status OnTrailersEnd();
  Status CheckChunkSignature(std::string_view data_sha256_hex);
  Status Fail(Status error);

  AwsChunkedOptions options_;
  State state_ = State::kChunkHeader;
  Status failure_;
  std::string line_;                              // The line being read, CRLF not included.
  uint64_t remaining_ = 0;                        // Data bytes left in the current chunk.
  std::optional<uint64_t> previous_chunk_bytes_;  // Size in the last chunk header read.
  uint64_t decoded_bytes_ = 0;
  size_t crlf_bytes_ = 0;           // Bytes of the CRLF after a chunk's data seen.
  std::string chunk_signature_;     // The current chunk's signature, as sent.
  std::string previous_signature_;  // The chain so far: seed, then each chunk's.
  Sha256Hasher chunk_hasher_;       // Hashes the current chunk's data when signing.
  AwsChunkedTrailers trailers_;
  std::optional<std::string> trailer_signature_;
};

/// A whole aws-chunked body, decoded.
struct DecodedAwsChunkedBody {
  std::string data = {};
  AwsChunkedTrailers trailers = {};
};

/// Decodes a body held in memory in one go (the server reads whole bodies
/// today); errors as AwsChunkedDecoder.
Result<DecodedAwsChunkedBody> DecodeAwsChunked(std::string_view body, AwsChunkedOptions options);

}  // namespace stratus::aws
