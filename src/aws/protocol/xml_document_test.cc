#include "aws/protocol/xml_document.h"

#include <gtest/gtest.h>

#include "aws/protocol/xml_writer.h"
#include "testing/status_matchers.h"

namespace stratus::aws {
namespace {

TEST(XmlDocumentTest, ParsesElementsAttributesAndText) {
  ASSERT_OK_AND_ASSIGN(
      XmlElement root,
      ParseXml(
          R"(<?xml version="1.0"?><a:Root xmlns:a="urn:x" k="v"><B>1 &amp; 2</B><C/><B>3</B></a:Root>)"));
  EXPECT_EQ(root.name, "a:Root");
  EXPECT_EQ(root.LocalName(), "Root");
  ASSERT_NE(root.Attribute("k"), nullptr);
  EXPECT_EQ(*root.Attribute("k"), "v");
  ASSERT_EQ(root.children.size(), 3u);
  EXPECT_EQ(root.Child("B")->text, "1 & 2");
  EXPECT_EQ(root.Child("C")->text, "");
  EXPECT_EQ(root.Child("D"), nullptr);
}

TEST(XmlDocumentTest, RejectsMalformedDocumentsAndEntityDeclarations) {
  for (std::string_view text : {"", "<a>", "<a></b>", "not xml", "<a/><b/>",
                                R"(<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>)"}) {
    SCOPED_TRACE(text);
    EXPECT_STATUS(StatusCode::kInvalidArgument, ParseXml(text));
  }
  std::string deep;
  for (int i = 0; i < 100; ++i) {
    deep += "<a>";
  }
  EXPECT_STATUS(StatusCode::kInvalidArgument, ParseXml(deep));
}

TEST(XmlDocumentTest, ReadsBackWhatTheWriterWrites) {
  XmlWriter writer(true);
  writer.Open("Root", {{"xmlns", "urn:\"x\""}});
  writer.Element("Text", "<&>'\"\r");
  writer.EmptyElement("Empty");
  std::string text = writer.Finish();
  ASSERT_OK_AND_ASSIGN(XmlElement root, ParseXml(text));
  EXPECT_EQ(*root.Attribute("xmlns"), "urn:\"x\"");
  EXPECT_EQ(root.Child("Text")->text, "<&>'\"\r");
  EXPECT_NE(root.Child("Empty"), nullptr);
}

}  // namespace
}  // namespace stratus::aws
