#include "domain/orders/order_status.hpp"

#include <cstdio>

namespace shopme::orders {

std::optional<OrderStatus> parse_order_status(std::string_view t) {
  if (t == "pending_payment") return OrderStatus::kPendingPayment;
  if (t == "paid") return OrderStatus::kPaid;
  if (t == "processing") return OrderStatus::kProcessing;
  if (t == "shipped") return OrderStatus::kShipped;
  if (t == "delivered") return OrderStatus::kDelivered;
  if (t == "cancelled") return OrderStatus::kCancelled;
  if (t == "refunded") return OrderStatus::kRefunded;
  return std::nullopt;
}

std::string_view to_string(OrderStatus s) {
  switch (s) {
    case OrderStatus::kPendingPayment:
      return "pending_payment";
    case OrderStatus::kPaid:
      return "paid";
    case OrderStatus::kProcessing:
      return "processing";
    case OrderStatus::kShipped:
      return "shipped";
    case OrderStatus::kDelivered:
      return "delivered";
    case OrderStatus::kCancelled:
      return "cancelled";
    case OrderStatus::kRefunded:
      return "refunded";
  }
  return "pending_payment";
}

Status check_transition(OrderStatus from, OrderStatus to) {
  using S = OrderStatus;
  const bool paid_before =
      from == S::kPaid || from == S::kProcessing || from == S::kShipped || from == S::kDelivered;
  bool allowed = false;
  switch (to) {
    case S::kPaid:
      allowed = from == S::kPendingPayment;
      break;
    case S::kProcessing:
      allowed = from == S::kPaid;
      break;
    case S::kShipped:
      allowed = from == S::kProcessing || from == S::kPaid;
      break;
    case S::kDelivered:
      allowed = from == S::kShipped;
      break;
    case S::kCancelled:
      allowed = from == S::kPendingPayment || from == S::kPaid || from == S::kProcessing;
      break;
    case S::kRefunded:
      allowed = paid_before;
      break;
    case S::kPendingPayment:
      allowed = false;
      break;
  }
  if (allowed) return ok();
  std::string why =
      "An order that is " + std::string(to_string(from)) + " cannot become " + std::string(to_string(to));
  if (to == S::kCancelled && (from == S::kShipped || from == S::kDelivered))
    why += ": it has shipped; refund it instead";
  if (to == S::kRefunded && !paid_before) why += ": it was never paid";
  return Error::conflict(why + ".");
}

std::string order_code(int year, int number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "ORD-%04d-%06d", year, number);
  return buf;
}

std::string invoice_number(int year, int number) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "INV-%04d-%06d", year, number);
  return buf;
}

}  // namespace shopme::orders
