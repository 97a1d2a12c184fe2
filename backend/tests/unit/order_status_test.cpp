#include <gtest/gtest.h>

#include <set>

#include "domain/orders/order_status.hpp"

namespace shopme::orders {
namespace {

using S = OrderStatus;

TEST(OrderStatus, OnlyTheDocumentedTransitions) {
  const S all[] = {S::kPendingPayment, S::kPaid,      S::kProcessing, S::kShipped,
                   S::kDelivered,      S::kCancelled, S::kRefunded};
  const std::set<std::pair<S, S>> allowed = {
      {S::kPendingPayment, S::kPaid}, {S::kPendingPayment, S::kCancelled}, {S::kPaid, S::kProcessing},
      {S::kPaid, S::kShipped},        {S::kPaid, S::kCancelled},           {S::kPaid, S::kRefunded},
      {S::kProcessing, S::kShipped},  {S::kProcessing, S::kCancelled},     {S::kProcessing, S::kRefunded},
      {S::kShipped, S::kDelivered},   {S::kShipped, S::kRefunded},         {S::kDelivered, S::kRefunded},
  };
  for (auto from : all) {
    for (auto to : all) {
      EXPECT_EQ(check_transition(from, to).ok(), allowed.count({from, to}) == 1)
          << to_string(from) << " -> " << to_string(to);
    }
  }
}

TEST(OrderStatus, RefusalsSayWhy) {
  const auto shipped = check_transition(S::kShipped, S::kCancelled);
  ASSERT_FALSE(shipped);
  EXPECT_EQ(shipped.error().kind, ErrorKind::kConflict);
  EXPECT_NE(shipped.error().detail.find("refund it instead"), std::string::npos);
  EXPECT_NE(check_transition(S::kPendingPayment, S::kRefunded).error().detail.find("never paid"),
            std::string::npos);
}

TEST(OrderStatus, RoundTripsNamesAndFormatsCodes) {
  for (const char* n :
       {"pending_payment", "paid", "processing", "shipped", "delivered", "cancelled", "refunded"}) {
    EXPECT_EQ(to_string(*parse_order_status(n)), n);
  }
  EXPECT_FALSE(parse_order_status("lost"));
  EXPECT_EQ(order_code(2026, 123), "ORD-2026-000123");
  EXPECT_EQ(order_code(2027, 1), "ORD-2027-000001");
}

}  // namespace
}  // namespace shopme::orders
