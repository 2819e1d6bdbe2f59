#include "http/message.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/clock.h"
#include "http/http_date.h"

namespace stratus::http {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

TEST(MessageTest, HeadersGetIsCaseInsensitive) {
  Headers headers;
  headers.Add("Content-Type", "application/json");
  EXPECT_EQ(headers.Get("content-type"), "application/json");
  EXPECT_EQ(headers.Get("CONTENT-TYPE"), "application/json");
  EXPECT_FALSE(headers.Get("Content-Length").has_value());
  EXPECT_FALSE(headers.Get("Content-Typ").has_value());
}

TEST(MessageTest, HeadersGetAllKeepsArrivalOrder) {
  Headers headers;
  headers.Add("X-A", "1");
  headers.Add("Host", "h");
  headers.Add("x-a", "2");
  EXPECT_EQ(headers.Get("X-A"), "1");
  EXPECT_THAT(headers.GetAll("X-a"), ElementsAre("1", "2"));
  EXPECT_TRUE(headers.GetAll("missing").empty());
}

TEST(MessageTest, HeadersSetReplacesEveryFieldOfTheName) {
  Headers headers;
  headers.Add("X-A", "1");
  headers.Add("Host", "h");
  headers.Add("x-a", "2");
  headers.Set("x-A", "3");
  EXPECT_THAT(headers.fields(), ElementsAre(Pair("x-A", "3"), Pair("Host", "h")));
  headers.Set("New", "n");
  EXPECT_EQ(headers.Get("new"), "n");
  EXPECT_EQ(headers.fields().size(), 3u);
}

TEST(MessageTest, HeadersRemoveDropsEveryMatch) {
  Headers headers;
  headers.Add("X-A", "1");
  headers.Add("Host", "h");
  headers.Add("x-a", "2");
  headers.Remove("X-A");
  EXPECT_THAT(headers.fields(), ElementsAre(Pair("Host", "h")));
  headers.Remove("Host");
  EXPECT_TRUE(headers.empty());
}

TEST(MessageTest, PercentDecodeDecodesEscapes) {
  EXPECT_EQ(PercentDecode("a%20b%2Fc%2f"), "a b/c/");
  EXPECT_EQ(PercentDecode("%E2%9C%93"), "\xE2\x9C\x93");
  EXPECT_EQ(PercentDecode("a+b"), "a+b");
  EXPECT_EQ(PercentDecode("a+b", /*plus_is_space=*/true), "a b");
}

TEST(MessageTest, PercentDecodeKeepsMalformedEscapes) {
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%4"), "%4");
  EXPECT_EQ(PercentDecode("%zz%41"), "%zzA");
  EXPECT_EQ(PercentDecode(""), "");
}

TEST(MessageTest, PercentEncodeKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(PercentEncode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(PercentEncode("a b/c+d=e&f*"), "a%20b%2Fc%2Bd%3De%26f%2A");
  EXPECT_EQ(PercentEncode("\xE2\x9C\x93"), "%E2%9C%93");
  EXPECT_EQ(PercentEncode("a/b c", /*keep_slash=*/true), "a/b%20c");
}

TEST(MessageTest, PercentEncodeRoundTripsThroughDecode) {
  std::string all_bytes;
  for (int c = 0; c < 256; ++c) {
    all_bytes.push_back(static_cast<char>(c));
  }
  EXPECT_EQ(PercentDecode(PercentEncode(all_bytes)), all_bytes);
}

TEST(MessageTest, ParseQueryStringDecodesPairsInOrder) {
  EXPECT_THAT(ParseQueryString("a=1&b=&c&d=x%20y+z&&e=%3D"),
              ElementsAre(Pair("a", "1"), Pair("b", ""), Pair("c", ""), Pair("d", "x y z"),
                          Pair("e", "=")));
  EXPECT_THAT(ParseQueryString("Action=SendMessage&MessageBody=a%2Bb"),
              ElementsAre(Pair("Action", "SendMessage"), Pair("MessageBody", "a+b")));
  EXPECT_TRUE(ParseQueryString("").empty());
  EXPECT_THAT(ParseQueryString("k=v=w"), ElementsAre(Pair("k", "v=w")));
}

TEST(MessageTest, FormatHttpDateUsesRfc1123) {
  EXPECT_EQ(FormatHttpDate(FromUnixMillis(1767225600000)), "Thu, 01 Jan 2026 00:00:00 GMT");
  EXPECT_EQ(FormatHttpDate(FromUnixMillis(784111777000)), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatHttpDate(FromUnixMillis(951827696999)), "Tue, 29 Feb 2000 12:34:56 GMT");
}

}  // namespace
}  // namespace stratus::http
