// Fuzzes AwsChunkedDecoder. The input chooses the options, then where to cut
// the body into pieces, then the body:
//
//   byte 0     flags: bits 0-1 the kind (0 and 3 STREAMING-UNSIGNED-PAYLOAD-TRAILER,
//              1 STREAMING-AWS4-HMAC-SHA256-PAYLOAD, 2 its -TRAILER variant);
//              bit 2 x-amz-decoded-content-length is given; bit 3 signatures are
//              verified (AWS's example key and seed); bit 4 x-amz-trailer names
//              x-amz-checksum-crc32; bit 5 S3's 8 KiB chunk minimum (else 1 byte)
//   bytes 1-2  the decoded length, little-endian
//   byte 3     the number of cuts (mod 16), then two bytes per cut (an offset)
//   the rest   the aws-chunked body
//
// Properties: nothing crashes; the body decoded whole and decoded in pieces
// gives the same data, trailers and error; no more data comes out than went
// in (nor than was declared); every error is AWS-shaped.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/aws_chunked.h"
#include "base/check.h"
#include "fuzz_input.h"

namespace stratus::aws {
namespace {

const ChunkSigningContext& ExampleSigning() {
  static const ChunkSigningContext kSigning = [] {
    SigV4Signature seed;
    seed.date = "20130524";
    seed.region = "us-east-1";
    seed.service = "s3";
    seed.timestamp = "20130524T000000Z";
    seed.signature = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    return ChunkSigningContextFor(seed, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  }();
  return kSigning;
}

AwsChunkedOptions OptionsFrom(uint8_t flags, uint16_t decoded_length) {
  static constexpr PayloadHashKind kKinds[] = {
      PayloadHashKind::kStreamingUnsignedTrailer, PayloadHashKind::kStreamingSigned,
      PayloadHashKind::kStreamingSignedTrailer, PayloadHashKind::kStreamingUnsignedTrailer};
  AwsChunkedOptions options;
  options.payload = kKinds[flags & 3];
  if ((flags & 4) != 0) {
    options.decoded_length = decoded_length;
  }
  if ((flags & 8) != 0) {
    options.signing = ExampleSigning();
  }
  if ((flags & 16) != 0) {
    options.declared_trailers = {"x-amz-checksum-crc32"};
  }
  options.min_chunk_bytes = (flags & 32) != 0 ? kMinAwsChunkBytes : 1;
  return options;
}

struct Outcome {
  Status status;
  std::string data;
  AwsChunkedTrailers trailers;
  uint64_t decoded_bytes = 0;
};

Outcome Decode(const AwsChunkedOptions& options, const std::vector<std::string_view>& pieces) {
  Outcome outcome;
  AwsChunkedDecoder decoder(options);
  for (std::string_view piece : pieces) {
    outcome.status = decoder.Feed(piece, [&outcome](std::string_view data) {
      STRATUS_CHECK(!data.empty(), "the sink got an empty piece");
      outcome.data.append(data);
      return Status::Ok();
    });
    if (!outcome.status.ok()) {
      break;
    }
  }
  if (outcome.status.ok()) {
    outcome.status = decoder.Finish();
  }
  outcome.trailers = decoder.trailers();
  outcome.decoded_bytes = decoder.decoded_bytes();
  return outcome;
}

void CheckOutcome(const Outcome& outcome, const AwsChunkedOptions& options, size_t body_size) {
  STRATUS_CHECK_LE(outcome.data.size(), body_size);
  STRATUS_CHECK_EQ(outcome.decoded_bytes, outcome.data.size());
  if (options.decoded_length.has_value()) {
    STRATUS_CHECK_LE(outcome.data.size(), *options.decoded_length);
    if (outcome.status.ok()) {
      STRATUS_CHECK_EQ(outcome.data.size(), *options.decoded_length);
    }
  }
  if (!outcome.status.ok()) {
    STRATUS_CHECK(!outcome.status.aws_type().empty(), "error without an AWS type: {}",
                  outcome.status.ToString());
    STRATUS_CHECK(outcome.status.http_status() >= 400 && outcome.status.http_status() < 600,
                  "error without an HTTP status: {}", outcome.status.ToString());
  }
}

int FuzzOne(const uint8_t* data, size_t size) {
  fuzz::FuzzInput input(data, size);
  const uint8_t flags = input.Byte();
  const uint16_t decoded_length = input.Uint16();
  std::vector<uint16_t> cuts(input.Byte() % 16);
  for (uint16_t& cut : cuts) {
    cut = input.Uint16();
  }
  const std::string_view body = input.Rest();
  const AwsChunkedOptions options = OptionsFrom(flags, decoded_length);

  std::vector<size_t> offsets;
  for (uint16_t cut : cuts) {
    offsets.push_back(cut % (body.size() + 1));
  }
  std::sort(offsets.begin(), offsets.end());
  std::vector<std::string_view> pieces;
  size_t start = 0;
  for (size_t offset : offsets) {
    pieces.push_back(body.substr(start, offset - start));
    start = offset;
  }
  pieces.push_back(body.substr(start));

  const Outcome whole = Decode(options, {body});
  const Outcome cut = Decode(options, pieces);
  CheckOutcome(whole, options, body.size());
  CheckOutcome(cut, options, body.size());
  STRATUS_CHECK(whole.status == cut.status && whole.status.aws_type() == cut.status.aws_type(),
                "whole: {} cut: {}", whole.status.ToString(), cut.status.ToString());
  STRATUS_CHECK(whole.data == cut.data, "data differs when cut");
  STRATUS_CHECK(whole.trailers == cut.trailers, "trailers differ when cut");
  return 0;
}

}  // namespace
}  // namespace stratus::aws

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return stratus::aws::FuzzOne(data, size);
}
