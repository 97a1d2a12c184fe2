#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "interfaces/http/app.hpp"
#include "interfaces/http/problem.hpp"

using namespace shopme;
using namespace shopme::http;

TEST(Problem, MapsErrorKindsToStatusAndListsFields) {
  Request req;
  req.path = "/api/things";
  req.request_id = "rid-1";
  auto res = problem(req, Error::invalid({{"email", "must be an e-mail address"}}));
  EXPECT_EQ(res.status, 422);
  EXPECT_EQ(*res.header("Content-Type"), "application/problem+json");
  const auto doc = boost::json::parse(res.body).as_object();
  EXPECT_EQ(doc.at("status").as_int64(), 422);
  EXPECT_EQ(doc.at("requestId").as_string(), "rid-1");
  EXPECT_EQ(doc.at("errors").as_array().at(0).as_object().at("field").as_string(), "email");
  EXPECT_EQ(status_of(ErrorKind::kNotFound), 404);
  EXPECT_EQ(status_of(ErrorKind::kRateLimited), 429);
}

TEST(Problem, InvalidJsonNamesLineAndColumn) {
  auto r = parse_json("{\n  \"a\": 1,\n  \"b\": tru\n}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kBadRequest);
  EXPECT_NE(r.error().detail.find("line 3"), std::string::npos) << r.error().detail;
  EXPECT_FALSE(parse_json("{\"a\":1} trailing").ok());
  EXPECT_FALSE(parse_json("").ok());
  EXPECT_TRUE(parse_json(" {\"a\": [1, 2]} \n").ok());
}

TEST(RequestId, KeepsSaneIdsAndReplacesOthers) {
  EXPECT_EQ(choose_request_id(std::string_view("abc-123_x.y")), "abc-123_x.y");
  EXPECT_NE(choose_request_id(std::string_view("bad id\r\n")), "bad id\r\n");
  EXPECT_EQ(choose_request_id(std::nullopt).size(), 16u);
  EXPECT_NE(choose_request_id(std::string_view(std::string(65, 'a'))).size(), 65u);
}
