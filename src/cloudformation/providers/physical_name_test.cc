#include "cloudformation/providers/physical_name.h"

#include <regex>

#include <gtest/gtest.h>

#include "base/random.h"

namespace stratus::cloudformation {
namespace {

TEST(PhysicalNameTest, JoinsStackLogicalIdAndThirteenRandomCharacters) {
  IdGenerator ids(7);
  const std::string name = GeneratePhysicalName("mystack", "MyQueue", PhysicalNameRules{}, ids);
  EXPECT_TRUE(std::regex_match(name, std::regex("mystack-MyQueue-[A-Z0-9]{13}"))) << name;
}

TEST(PhysicalNameTest, LowercasesForBucketsAndKeepsTheLimit) {
  IdGenerator ids(7);
  const std::string name = GeneratePhysicalName(
      "A-Very-Long-Stack-Name-That-Goes-On-And-On", "DataLakeBucketForTheExports",
      PhysicalNameRules{.max_length = 63, .lowercase = true, .extra_characters = "-", .suffix = {}},
      ids);
  EXPECT_EQ(name.size(), 63u) << name;
  EXPECT_TRUE(std::regex_match(name, std::regex("[a-z0-9-]+-[a-z0-9]{13}"))) << name;
  EXPECT_TRUE(name.starts_with("a-very-long-stack")) << name;
}

TEST(PhysicalNameTest, KeepsTheSuffixInsideTheLimit) {
  IdGenerator ids(7);
  const std::string name = GeneratePhysicalName(
      std::string(100, 's'), std::string(100, 'L'),
      PhysicalNameRules{
          .max_length = 80, .lowercase = false, .extra_characters = "-_", .suffix = ".fifo"},
      ids);
  EXPECT_EQ(name.size(), 80u);
  EXPECT_TRUE(name.ends_with(".fifo"));
}

TEST(PhysicalNameTest, ReplacesCharactersTheTypeRejects) {
  IdGenerator ids(7);
  const std::string name = GeneratePhysicalName(
      "st.ack", "Log/Group",
      PhysicalNameRules{
          .max_length = 64, .lowercase = false, .extra_characters = "-", .suffix = {}},
      ids);
  EXPECT_TRUE(name.starts_with("st-ack-Log-Group-")) << name;
}

TEST(PhysicalNameTest, DiffersBetweenCalls) {
  IdGenerator ids(7);
  EXPECT_NE(GeneratePhysicalName("s", "L", PhysicalNameRules{}, ids),
            GeneratePhysicalName("s", "L", PhysicalNameRules{}, ids));
}

}  // namespace
}  // namespace stratus::cloudformation
