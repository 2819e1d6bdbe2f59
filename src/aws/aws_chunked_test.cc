#include "aws/aws_chunked.h"

#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/digest.h"
#include "base/random.h"
#include "testing/status_matchers.h"

namespace stratus::aws {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

// AWS's worked examples ("Transferring Payload in Multiple Chunks" and
// "Signature calculations for trailing headers"): 65,536 + 1,024 bytes of 'a'
// PUT to examplebucket/chunkObject.txt at 20130524T000000Z in us-east-1.
constexpr char kExampleSecret[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr char kExampleSeed[] = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
constexpr char kExampleTrailerSeed[] =
    "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e";

ChunkSigningContext ExampleSigning(const char* seed_signature) {
  SigV4Signature seed;
  seed.access_key_id = "AKIAIOSFODNN7EXAMPLE";
  seed.date = "20130524";
  seed.region = "us-east-1";
  seed.service = "s3";
  seed.timestamp = "20130524T000000Z";
  seed.signature = seed_signature;
  return ChunkSigningContextFor(seed, kExampleSecret);
}

std::string ExampleBody() {
  return "10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"
         "\r\n" +
         std::string(65536, 'a') +
         "\r\n400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497"
         "\r\n" +
         std::string(1024, 'a') +
         "\r\n0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"
         "\r\n\r\n";
}

std::string ExampleTrailerBody() {
  return "10000;chunk-signature=b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2"
         "\r\n" +
         std::string(65536, 'a') +
         "\r\n400;chunk-signature=1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7"
         "\r\n" +
         std::string(1024, 'a') +
         "\r\n0;chunk-signature=2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992"
         "\r\nx-amz-checksum-crc32c:sOO8/Q==\r\n"
         "x-amz-trailer-signature:d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435"
         "\r\n\r\n";
}

AwsChunkedOptions ExampleOptions() {
  return AwsChunkedOptions{
      .payload = PayloadHashKind::kStreamingSigned,
      .decoded_length = 66560,
      .declared_trailers = {},
      .signing = ExampleSigning(kExampleSeed),
  };
}

AwsChunkedOptions ExampleTrailerOptions() {
  return AwsChunkedOptions{
      .payload = PayloadHashKind::kStreamingSignedTrailer,
      .decoded_length = 66560,
      .declared_trailers = {"x-amz-checksum-crc32c"},
      .signing = ExampleSigning(kExampleTrailerSeed),
  };
}

// Encodes `chunks` (the last one may not be empty; the empty final chunk is
// added) and `trailers` as aws-chunked, signing with `signing` when the kind
// is signed (zero signatures when it is unset).
std::string Encode(PayloadHashKind kind,
                   const std::vector<std::string>& chunks,
                   const std::vector<std::pair<std::string, std::string>>& trailers = {},
                   const ChunkSigningContext* signing = nullptr) {
  std::string out;
  std::string previous = signing != nullptr ? signing->seed_signature : "";
  std::vector<std::string> all = chunks;
  all.emplace_back();
  for (const std::string& chunk : all) {
    out += Format("{:x}", chunk.size());
    if (HasChunkSignatures(kind)) {
      const std::string signature = signing != nullptr
                                        ? ChunkSignature(*signing, previous, Sha256Hex(chunk))
                                        : std::string(64, '0');
      out += ";chunk-signature=" + signature;
      previous = signature;
    }
    out += "\r\n";
    if (!chunk.empty()) {
      out += chunk + "\r\n";
    }
  }
  std::string canonical;
  for (const auto& [name, value] : trailers) {
    out += name + ":" + value + "\r\n";
    canonical += name + ":" + value + "\n";
  }
  if (kind == PayloadHashKind::kStreamingSignedTrailer) {
    out += "x-amz-trailer-signature:" +
           (signing != nullptr ? TrailerSignature(*signing, previous, canonical)
                               : std::string(64, '0')) +
           "\r\n";
  }
  return out + "\r\n";
}

AwsChunkedOptions Unsigned(std::optional<uint64_t> decoded_length,
                           std::vector<std::string> declared_trailers = {}) {
  return AwsChunkedOptions{
      .payload = PayloadHashKind::kStreamingUnsignedTrailer,
      .decoded_length = decoded_length,
      .declared_trailers = std::move(declared_trailers),
      .signing = std::nullopt,
      .min_chunk_bytes = 1,
  };
}

// Feeds `body` in the given pieces; returns the first error, or Finish()'s.
struct Fed {
  Status status;
  std::string data;
  AwsChunkedTrailers trailers;
};

Fed FeedPieces(AwsChunkedOptions options, const std::vector<std::string_view>& pieces) {
  Fed fed;
  AwsChunkedDecoder decoder(std::move(options));
  for (std::string_view piece : pieces) {
    fed.status = decoder.Feed(piece, [&fed](std::string_view data) {
      fed.data.append(data);
      return Status::Ok();
    });
    if (!fed.status.ok()) {
      return fed;
    }
  }
  fed.status = decoder.Finish();
  fed.trailers = decoder.trailers();
  return fed;
}

Fed FeedWhole(AwsChunkedOptions options, std::string_view body) {
  return FeedPieces(std::move(options), {body});
}

TEST(AwsChunkedTest, DecodesAwsDocumentedSignedExample) {
  const std::string body = ExampleBody();
  ASSERT_EQ(body.size(), 66824u);  // The example's Content-Length.
  ASSERT_OK_AND_ASSIGN(DecodedAwsChunkedBody decoded, DecodeAwsChunked(body, ExampleOptions()));
  EXPECT_EQ(decoded.data, std::string(66560, 'a'));
  EXPECT_TRUE(decoded.trailers.empty());
}

TEST(AwsChunkedTest, DecodesAwsDocumentedTrailerExample) {
  ASSERT_OK_AND_ASSIGN(DecodedAwsChunkedBody decoded,
                       DecodeAwsChunked(ExampleTrailerBody(), ExampleTrailerOptions()));
  EXPECT_EQ(decoded.data.size(), 66560u);
  EXPECT_THAT(decoded.trailers, ElementsAre(Pair("x-amz-checksum-crc32c", "sOO8/Q==")));
}

TEST(AwsChunkedTest, DecodesSignedExampleFedOneByteAtATime) {
  const std::string body = ExampleTrailerBody();
  AwsChunkedDecoder decoder(ExampleTrailerOptions());
  uint64_t num_bytes = 0;
  size_t largest_piece = 0;
  for (char c : body) {
    ASSERT_OK(decoder.Feed(std::string_view(&c, 1), [&](std::string_view data) {
      num_bytes += data.size();
      largest_piece = std::max(largest_piece, data.size());
      return Status::Ok();
    }));
  }
  ASSERT_OK(decoder.Finish());
  EXPECT_EQ(num_bytes, 66560u);
  EXPECT_EQ(largest_piece, 1u);  // Data is passed on as it comes, never held.
  EXPECT_EQ(decoder.decoded_bytes(), 66560u);
}

TEST(AwsChunkedTest, DecodesWhateverTheSplitPoints) {
  const std::vector<std::string> chunks = {std::string(20, 'x'), "hello", "world!"};
  const std::string body = Encode(PayloadHashKind::kStreamingUnsignedTrailer, chunks,
                                  {{"x-amz-checksum-crc32", "AAAAAA=="}});
  for (size_t first = 0; first <= body.size(); ++first) {
    for (size_t second = first; second <= body.size(); ++second) {
      const std::string_view all(body);
      Fed fed =
          FeedPieces(Unsigned(31, {"x-amz-checksum-crc32"}),
                     {all.substr(0, first), all.substr(first, second - first), all.substr(second)});
      SCOPED_TRACE(::testing::Message() << "split at " << first << " and " << second);
      ASSERT_OK(fed.status);
      ASSERT_EQ(fed.data, std::string(20, 'x') + "helloworld!");
      ASSERT_EQ(fed.trailers.at("x-amz-checksum-crc32"), "AAAAAA==");
    }
  }
}

TEST(AwsChunkedTest, VerifiesSignedChunksAtRandomSplits) {
  const ChunkSigningContext signing = ExampleSigning(kExampleSeed);
  const std::vector<std::string> chunks = {std::string(9000, 'p'), std::string(8192, 'q'), "r"};
  const std::string body = Encode(PayloadHashKind::kStreamingSignedTrailer, chunks,
                                  {{"x-amz-checksum-sha256", "c2hhMjU2"}}, &signing);
  const uint64_t seed = 20261123;
  SCOPED_TRACE(::testing::Message() << "seed " << seed);
  IdGenerator random(seed);
  for (int round = 0; round < 50; ++round) {
    std::vector<std::string_view> pieces;
    for (std::string_view rest = body; !rest.empty();) {
      const size_t size = std::min<size_t>(rest.size(), 1 + random.Uniform(3000));
      pieces.push_back(rest.substr(0, size));
      rest.remove_prefix(size);
    }
    Fed fed = FeedPieces(AwsChunkedOptions{.payload = PayloadHashKind::kStreamingSignedTrailer,
                                           .decoded_length = 17193,
                                           .declared_trailers = {"x-amz-checksum-sha256"},
                                           .signing = signing},
                         pieces);
    SCOPED_TRACE(::testing::Message() << "round " << round);
    ASSERT_OK(fed.status);
    ASSERT_EQ(fed.data.size(), 17193u);
  }
}

TEST(AwsChunkedTest, DecodesWhatBotocoreSends) {
  // botocore's AwsChunkedWrapper for PutObject(Body=b"hello world") with a CRC32 trailer.
  Fed fed = FeedWhole(Unsigned(11, {"x-amz-checksum-crc32"}),
                      "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n");
  ASSERT_OK(fed.status);
  EXPECT_EQ(fed.data, "hello world");
  EXPECT_THAT(fed.trailers, ElementsAre(Pair("x-amz-checksum-crc32", "DUoRhQ==")));
  Fed empty = FeedWhole(Unsigned(0, {"x-amz-checksum-crc32"}),
                        "0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n");
  ASSERT_OK(empty.status);
  EXPECT_EQ(empty.data, "");
}

TEST(AwsChunkedTest, UnsignedKindIgnoresSigningContext) {
  AwsChunkedOptions options = Unsigned(11, {"x-amz-checksum-crc32"});
  options.signing = ExampleSigning(kExampleSeed);
  EXPECT_OK(
      FeedWhole(options, "b\r\nhello world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n").status);
}

TEST(AwsChunkedTest, TamperedChunkDataIsSignatureDoesNotMatch) {
  std::string body = ExampleBody();
  body[100] = 'b';
  Fed fed = FeedWhole(ExampleOptions(), body);
  EXPECT_EQ(fed.status.aws_type(), "SignatureDoesNotMatch");
  EXPECT_EQ(fed.status.http_status(), 403);
  // Without signing the same body decodes: the signatures are well-formed.
  AwsChunkedOptions unverified = ExampleOptions();
  unverified.signing.reset();
  EXPECT_OK(FeedWhole(unverified, body).status);
}

TEST(AwsChunkedTest, ReorderedChunksBreakTheChain) {
  const ChunkSigningContext signing = ExampleSigning(kExampleSeed);
  const std::string first =
      Encode(PayloadHashKind::kStreamingSigned, {std::string(8192, 'a')}, {}, &signing);
  // The same chunk signed as if it came first, sent after another chunk.
  const std::string body =
      Encode(PayloadHashKind::kStreamingSigned, {std::string(8192, 'b')}, {}, &signing)
          .substr(0, first.find("\r\n0;")) +
      "\r\n" + first;
  AwsChunkedOptions options = ExampleOptions();
  options.decoded_length = 16384;
  EXPECT_EQ(FeedWhole(options, body).status.aws_type(), "SignatureDoesNotMatch");
}

TEST(AwsChunkedTest, TamperedTrailerIsSignatureDoesNotMatch) {
  std::string body = ExampleTrailerBody();
  body.replace(body.find("sOO8/Q=="), 8, "AAAAAA==");
  EXPECT_EQ(FeedWhole(ExampleTrailerOptions(), body).status.aws_type(), "SignatureDoesNotMatch");
}

TEST(AwsChunkedTest, BodyEndingEarlyIsIncompleteBody) {
  const std::string body = ExampleBody();
  for (size_t size : {size_t{0}, size_t{5}, size_t{100}, body.size() - 2, body.size() - 1}) {
    Fed fed = FeedWhole(ExampleOptions(), std::string_view(body).substr(0, size));
    EXPECT_EQ(fed.status.aws_type(), "IncompleteBody") << size;
    EXPECT_EQ(fed.status.message(), "The request body terminated unexpectedly");
    EXPECT_EQ(fed.status.http_status(), 400);
  }
}

TEST(AwsChunkedTest, BrokenFramingIsIncompleteBody) {
  for (const char* body : {
           "5\r\nhelloX\r\n0\r\n\r\n",                    // Data longer than its size.
           "5\r\nhell\r\n0\r\n\r\n",                      // Data shorter than its size.
           "5\nhello\r\n0\r\n\r\n",                       // LF without CR.
           "5\r\nhello\n0\r\n\r\n",                       // No CR after the data.
           "5\r\r\nhello\r\n0\r\n\r\n",                   // CR inside a header line.
           "x5\r\nhello\r\n0\r\n\r\n",                    // Not hex.
           " 5\r\nhello\r\n0\r\n\r\n",                    // Space in the size.
           "\r\n5\r\nhello\r\n0\r\n\r\n",                 // Empty header line.
           "5;chunk-signature=00\r\nhello\r\n0\r\n\r\n",  // An extension in the unsigned kind.
           "5\r\nhello\r\n0\r\n\r\nmore",                 // Bytes after the end.
           "00000000000000005\r\nhello\r\n0\r\n\r\n",     // Seventeen hex digits.
       }) {
    EXPECT_EQ(FeedWhole(Unsigned(5), body).status.aws_type(), "IncompleteBody") << body;
  }
}

TEST(AwsChunkedTest, SignedKindNeedsWellFormedChunkSignatures) {
  const std::string zeros(64, '0');
  for (const std::string& header : {std::string("5"), "5;chunk-signature=" + zeros.substr(1),
                                    "5;chunk-signature=" + zeros + "0", "5;signature=" + zeros,
                                    "5;chunk-signature=" + std::string(64, 'g')}) {
    const std::string body = header + "\r\nhello\r\n0;chunk-signature=" + zeros + "\r\n\r\n";
    Fed fed = FeedWhole(AwsChunkedOptions{.payload = PayloadHashKind::kStreamingSigned,
                                          .decoded_length = 5,
                                          .declared_trailers = {},
                                          .signing = std::nullopt},
                        body);
    EXPECT_EQ(fed.status.aws_type(), "IncompleteBody") << header;
  }
}

TEST(AwsChunkedTest, WrongDecodedLengthIsIncompleteBody) {
  const std::string body = Encode(PayloadHashKind::kStreamingUnsignedTrailer, {"hello", "world"});
  for (uint64_t declared : {0, 4, 9, 11}) {
    Fed fed = FeedWhole(Unsigned(declared), body);
    EXPECT_EQ(fed.status.aws_type(), "IncompleteBody") << declared;
    EXPECT_EQ(fed.status.message(),
              "You did not provide the number of bytes specified by the Content-Length HTTP "
              "header");
    EXPECT_LE(fed.data.size(), declared);  // Never more than declared is passed on.
  }
  EXPECT_OK(FeedWhole(Unsigned(10), body).status);
  EXPECT_OK(FeedWhole(Unsigned(std::nullopt), body).status);
}

TEST(AwsChunkedTest, OnlyTheLastChunkMayBeSmall) {
  AwsChunkedOptions options = Unsigned(8192 + 100);
  options.min_chunk_bytes = kMinAwsChunkBytes;
  EXPECT_OK(FeedWhole(options, Encode(PayloadHashKind::kStreamingUnsignedTrailer,
                                      {std::string(8192, 'a'), std::string(100, 'b')}))
                .status);
  Fed fed = FeedWhole(options, Encode(PayloadHashKind::kStreamingUnsignedTrailer,
                                      {std::string(100, 'b'), std::string(8192, 'a')}));
  EXPECT_EQ(fed.status.aws_type(), "InvalidChunkSizeError");
  EXPECT_EQ(fed.status.http_status(), 400);
}

TEST(AwsChunkedTest, TrailersMustBeTheDeclaredOnes) {
  auto trailer_error = [](std::vector<std::string> declared, const std::string& trailers) {
    return FeedWhole(Unsigned(5, std::move(declared)), "5\r\nhello\r\n0\r\n" + trailers + "\r\n")
        .status.aws_type();
  };
  EXPECT_EQ(trailer_error({}, ""), "");
  EXPECT_EQ(trailer_error({"x-amz-checksum-crc32"}, "X-Amz-Checksum-CRC32: AAAAAA==\r\n"), "");
  EXPECT_EQ(trailer_error({}, "x-amz-checksum-crc32:AAAAAA==\r\n"), "MalformedTrailerError");
  EXPECT_EQ(trailer_error({"x-amz-checksum-crc32"}, ""), "MalformedTrailerError");
  EXPECT_EQ(trailer_error({"x-amz-checksum-crc32"}, "x-amz-checksum-sha1:AAAAAA==\r\n"),
            "MalformedTrailerError");
  EXPECT_EQ(trailer_error({"x-amz-checksum-crc32"},
                          "x-amz-checksum-crc32:AAAAAA==\r\nx-amz-checksum-crc32:AAAAAA==\r\n"),
            "MalformedTrailerError");
  EXPECT_EQ(trailer_error({"x-amz-checksum-crc32"}, "x-amz-checksum-crc32AAAAAA==\r\n"),
            "MalformedTrailerError");
  EXPECT_EQ(trailer_error({"x-amz-checksum-crc32"}, ":AAAAAA==\r\n"), "MalformedTrailerError");
  EXPECT_EQ(trailer_error({"x-amz-checksum-crc32"}, "x-amz-checksum-crc32:\r\n"),
            "MalformedTrailerError");
  EXPECT_EQ(trailer_error({"x-amz-checksum-crc32"},
                          "x-amz-checksum-crc32:AAAAAA==\r\nx-amz-trailer-signature:" +
                              std::string(64, '0') + "\r\n"),
            "MalformedTrailerError");  // The unsigned kind has no trailer signature.
  EXPECT_EQ(trailer_error({}, std::string(2000, 'x') + "\r\n"), "MalformedTrailerError");
}

TEST(AwsChunkedTest, SignedTrailerNeedsItsSignatureLast) {
  AwsChunkedOptions options = ExampleTrailerOptions();
  std::string body = ExampleTrailerBody();
  const size_t signature_at = body.find("x-amz-trailer-signature");
  const std::string without_signature = body.substr(0, signature_at) + "\r\n";
  EXPECT_EQ(FeedWhole(options, without_signature).status.aws_type(), "MalformedTrailerError");
  const std::string signature_first = body.substr(0, body.find("x-amz-checksum-crc32c")) +
                                      body.substr(signature_at, body.size() - signature_at - 2) +
                                      "x-amz-checksum-crc32c:sOO8/Q==\r\n\r\n";
  EXPECT_EQ(FeedWhole(options, signature_first).status.aws_type(), "MalformedTrailerError");
}

TEST(AwsChunkedTest, HeaderLinesAreBounded) {
  Fed fed = FeedWhole(Unsigned(std::nullopt), std::string(1 << 20, '0'));
  EXPECT_EQ(fed.status.aws_type(), "IncompleteBody");
}

TEST(AwsChunkedTest, SinkErrorStopsDecodingAndSticks) {
  AwsChunkedDecoder decoder(Unsigned(10));
  const std::string body = Encode(PayloadHashKind::kStreamingUnsignedTrailer, {"hello", "world"});
  auto refuse = [](std::string_view) {
    return Status::ResourceExhausted("disk full");
  };
  EXPECT_STATUS(StatusCode::kResourceExhausted, decoder.Feed(body, refuse));
  EXPECT_STATUS(StatusCode::kResourceExhausted,
                decoder.Feed("more", [](std::string_view) { return Status::Ok(); }));
  EXPECT_STATUS(StatusCode::kResourceExhausted, decoder.Finish());
}

http::Request StreamingRequest(std::initializer_list<std::pair<std::string, std::string>> headers) {
  http::Request request;
  request.method = "PUT";
  request.path = "/bucket/key";
  request.target = request.path;
  for (const auto& [name, value] : headers) {
    request.headers.Add(name, value);
  }
  return request;
}

TEST(AwsChunkedTest, ReadsOptionsFromRequestHeaders) {
  ASSERT_OK_AND_ASSIGN(std::optional<AwsChunkedOptions> options,
                       AwsChunkedOptionsFor(StreamingRequest({
                           {"x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
                           {"x-amz-decoded-content-length", "11"},
                           {"x-amz-trailer", "X-Amz-Checksum-CRC32"},
                       })));
  ASSERT_TRUE(options.has_value());
  EXPECT_EQ(options->payload, PayloadHashKind::kStreamingUnsignedTrailer);
  EXPECT_EQ(options->decoded_length, 11u);
  EXPECT_THAT(options->declared_trailers, ElementsAre("x-amz-checksum-crc32"));
  EXPECT_FALSE(options->signing.has_value());
  EXPECT_EQ(options->min_chunk_bytes, kMinAwsChunkBytes);

  ASSERT_OK_AND_ASSIGN(
      options,
      AwsChunkedOptionsFor(StreamingRequest({{"x-amz-content-sha256", "UNSIGNED-PAYLOAD"}})));
  EXPECT_FALSE(options.has_value());
  ASSERT_OK_AND_ASSIGN(options, AwsChunkedOptionsFor(StreamingRequest({})));
  EXPECT_FALSE(options.has_value());
}

TEST(AwsChunkedTest, RefusesBadStreamingHeaders) {
  auto error = [](std::initializer_list<std::pair<std::string, std::string>> headers) {
    Result<std::optional<AwsChunkedOptions>> options =
        AwsChunkedOptionsFor(StreamingRequest(headers));
    return std::make_pair(options.status().aws_type(), options.status().http_status());
  };
  EXPECT_EQ(error({{"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"}}),
            std::make_pair(std::string("MissingContentLength"), 411));
  EXPECT_EQ(error({{"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"},
                   {"x-amz-decoded-content-length", "-1"}}),
            std::make_pair(std::string("InvalidArgument"), 400));
  EXPECT_EQ(error({{"x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"},
                   {"x-amz-decoded-content-length", "1"},
                   {"x-amz-trailer", "x-amz-checksum-md5"}}),
            std::make_pair(std::string("InvalidRequest"), 400));
  EXPECT_EQ(error({{"x-amz-content-sha256", "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD"},
                   {"x-amz-decoded-content-length", "1"}}),
            std::make_pair(std::string("NotImplemented"), 501));
}

}  // namespace
}  // namespace stratus::aws
