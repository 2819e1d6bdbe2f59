#include "base/digest.h"

#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace stratus {
namespace {

TEST(DigestTest, Md5MatchesKnownVector) {
  EXPECT_EQ(Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Md5Hex("hi"), "49f68a5c8493ec2c0bf489821c21fc3b");
}

TEST(DigestTest, Sha256MatchesKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(DigestTest, Sha256HasherFedInPiecesMatchesOneShotHash) {
  const std::string text = "The quick brown fox jumps over the lazy dog";
  for (size_t split = 0; split <= text.size(); ++split) {
    Sha256Hasher hasher;
    hasher.Update(std::string_view(text).substr(0, split));
    hasher.Update(std::string_view(text).substr(split));
    EXPECT_EQ(hasher.FinishHex(), Sha256Hex(text)) << "split at " << split;
  }
}

TEST(DigestTest, Sha256HasherStartsOverAfterFinish) {
  Sha256Hasher hasher;
  hasher.Update("abc");
  EXPECT_EQ(ToHex(hasher.Finish()), Sha256Hex("abc"));
  EXPECT_EQ(hasher.FinishHex(), Sha256Hex(""));
  Sha256Hasher moved = std::move(hasher);
  moved.Update("abc");
  EXPECT_EQ(moved.FinishHex(), Sha256Hex("abc"));
}

TEST(DigestTest, ConstantTimeEqualsComparesContentAndLength) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

TEST(DigestTest, HmacSha256MatchesRfc4231Case2) {
  EXPECT_EQ(ToHex(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(DigestTest, Base64RoundTripsAllPaddingLengths) {
  for (std::string input : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    std::string decoded;
    ASSERT_TRUE(Base64Decode(Base64Encode(input), &decoded)) << input;
    EXPECT_EQ(decoded, input);
  }
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
}

TEST(DigestTest, Base64RejectsMalformedText) {
  std::string out;
  EXPECT_FALSE(Base64Decode("Zm9v!", &out));
  EXPECT_FALSE(Base64Decode("Zg==Zg", &out));
}

}  // namespace
}  // namespace stratus
