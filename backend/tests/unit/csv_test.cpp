#include <gtest/gtest.h>

#include "infrastructure/csv/csv.hpp"

using namespace shopme::csv;

TEST(Csv, ParsesQuotesDoubledQuotesLineBreaksAndBom) {
  auto r = parse("\xEF\xBB\xBFsku,name,description\r\nA-1,\"Olio, extra\",\"He said \"\"buono\"\"\nsecond line\"\n\nB-2,Pasta,\n");
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
