#include <gtest/gtest.h>

#include "infrastructure/csv/csv.hpp"

using namespace shopme::csv;

TEST(Csv, ParsesQuotesDoubledQuotesLineBreaksAndBom) {
  auto r = parse(
      "\xEF\xBB\xBFsku,name,description\r\nA-1,\"Olio, extra\",\"He said \"\"buono\"\"\nsecond "
      "line\"\n\nB-2,Pasta,\n");
  ASSERT_TRUE(std::holds_alternative<std::vector<Row>>(r));
  const auto& rows = std::get<std::vector<Row>>(r);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (Row{"sku", "name", "description"}));
  EXPECT_EQ(rows[1], (Row{"A-1", "Olio, extra", "He said \"buono\"\nsecond line"}));
  EXPECT_EQ(rows[2], (Row{"B-2", "Pasta", ""}));
}

TEST(Csv, UnclosedQuoteNamesItsLine) {
  auto r = parse("a,b\n1,\"open\n2,3\n");
  ASSERT_TRUE(std::holds_alternative<ParseError>(r));
  EXPECT_EQ(std::get<ParseError>(r).line, 2u);
}

TEST(Csv, FormatQuotesAndDefusesFormulas) {
  EXPECT_EQ(format_row({"a", "b,c", "say \"hi\""}), "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
  EXPECT_EQ(format_row({"=SUM(A1)", "-12.5", "@cmd"}), "'=SUM(A1),-12.5,'@cmd\r\n");
  const auto back = std::get<std::vector<Row>>(parse(format_row({"x\ny", "1"})));
  EXPECT_EQ(back[0], (Row{"x\ny", "1"}));
}

#include "interfaces/http/controllers/image_controller.hpp"

TEST(Upload, MultipartFilePartsAndImageSniffing) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: "
      "image/png\r\n\r\n"
      "\x89PNG\r\n\x1A\n\r\nrest\r\n--XyZ--\r\n";
  const auto parts = shopme::http::parse_multipart("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(parts);
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ(parts->at(0).field, "file");
  EXPECT_EQ(parts->at(0).filename, "a.png");
  EXPECT_EQ(parts->at(0).content, std::string("\x89PNG\r\n\x1A\n\r\nrest"));
  EXPECT_EQ(shopme::http::sniff_image_type(parts->at(0).content), "image/png");
  EXPECT_EQ(shopme::http::sniff_image_type("\xFF\xD8\xFF\xE0"), "image/jpeg");
  EXPECT_EQ(shopme::http::sniff_image_type(std::string_view("RIFF\x10\0\0\0WEBPVP8 ", 16)), "image/webp");
  EXPECT_EQ(shopme::http::sniff_image_type("<svg onload=alert(1)>"), "");
  EXPECT_FALSE(shopme::http::parse_multipart("application/json", body));
  EXPECT_FALSE(shopme::http::parse_multipart("multipart/form-data; boundary=XyZ", "--XyZ\r\nbroken"));
}
