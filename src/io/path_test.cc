#include "io/path.h"

#include <gtest/gtest.h>

namespace stratus::io {
namespace {

TEST(PathTest, NormalizeRemovesDotsEmptyComponentsAndTrailingSlashes) {
  EXPECT_EQ(NormalizePath("a//b/./c/"), "a/b/c");
  EXPECT_EQ(NormalizePath("/x/../y"), "/y");
  EXPECT_EQ(NormalizePath("/"), "/");
  EXPECT_EQ(NormalizePath("//"), "/");
  EXPECT_EQ(NormalizePath("/.."), "/");
  EXPECT_EQ(NormalizePath(""), ".");
  EXPECT_EQ(NormalizePath("./"), ".");
  EXPECT_EQ(NormalizePath("a/.."), ".");
  EXPECT_EQ(NormalizePath("../a/../../b"), "../../b");
}

TEST(PathTest, DirnameAndBasenameSplitAtTheLastSlash) {
  EXPECT_EQ(Dirname("a/b"), "a");
  EXPECT_EQ(Dirname("/a"), "/");
  EXPECT_EQ(Dirname("a"), ".");
  EXPECT_EQ(Dirname("/"), "/");
  EXPECT_EQ(Dirname("/data/objects/x"), "/data/objects");
  EXPECT_EQ(Basename("a/b"), "b");
  EXPECT_EQ(Basename("a"), "a");
  EXPECT_EQ(Basename("/data/objects/x"), "x");
}

TEST(PathTest, JoinAddsOneSlash) {
  EXPECT_EQ(JoinPath("a", "b"), "a/b");
  EXPECT_EQ(JoinPath("a/", "b"), "a/b");
  EXPECT_EQ(JoinPath("/", "b"), "/b");
  EXPECT_EQ(JoinPath("", "b"), "b");
}

}  // namespace
}  // namespace stratus::io
