#include <gtest/gtest.h>

#include "interfaces/http/router.hpp"

using namespace shopme::http;

namespace {
Route inline_route(std::string method, std::string pattern, Permission p = Permission::kPublic) {
  return {
      std::move(method), std::move(pattern), p, [](Request&) { return Response::empty(204); }, {}, {}, {}};
}
}  // namespace

TEST(Router, MatchesPathParameters) {
  Router r;
  r.add(inline_route("GET", "/api/workspaces/{workspaceId}/members/{id}"));
  auto m = r.match("GET", "/api/workspaces/w1/members/u2");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("workspaceId"), "w1");
  EXPECT_EQ(m.params.at("id"), "u2");
  EXPECT_EQ(r.match("GET", "/api/workspaces/w1/members").route, nullptr);
}

TEST(Router, ReportsAllowedMethodsWhenOnlyTheMethodDiffers) {
  Router r;
  r.add(inline_route("GET", "/things"));
  r.add(inline_route("POST", "/things"));
  auto m = r.match("DELETE", "/things");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed_methods, (std::vector<std::string>{"GET", "POST"}));
  EXPECT_NE(r.match("HEAD", "/things").route, nullptr);
}

TEST(Router, RefusesRoutesWithoutPermissionOrTwice) {
  Router r;
  EXPECT_THROW(r.add(inline_route("GET", "/x", Permission::kUnset)), std::logic_error);
  r.add(inline_route("GET", "/x"));
  EXPECT_THROW(r.add(inline_route("GET", "/x")), std::logic_error);
}

TEST(Request, QueryParametersAreDecoded) {
  Request r;
  r.query = "search=olive%20oil&q=a+b&code=BENVENUTO10&empty=&bad=%zz&cursor=MjA~x";
  EXPECT_EQ(r.query_param("search"), "olive oil");
  EXPECT_EQ(r.query_param("q"), "a b");
  EXPECT_EQ(r.query_param("code"), "BENVENUTO10");
  EXPECT_EQ(r.query_param("empty"), "");
  EXPECT_EQ(r.query_param("bad"), std::nullopt);
  EXPECT_EQ(r.query_param("missing"), std::nullopt);
  EXPECT_EQ(r.query_param("cursor"), "MjA~x");
}
