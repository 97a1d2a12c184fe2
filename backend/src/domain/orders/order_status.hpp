#pragma once
// An order's life: pending payment → paid → processing → shipped → delivered; it can be cancelled
// before it ships and refunded once paid. The transitions are checked here, nowhere else.
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace shopme::orders {

enum class OrderStatus { kPendingPayment, kPaid, kProcessing, kShipped, kDelivered, kCancelled, kRefunded };

std::optional<OrderStatus> parse_order_status(std::string_view text);
std::string_view to_string(OrderStatus status);

// ok() or a kConflict error that says why (shown to the operator as it is).
Status check_transition(OrderStatus from, OrderStatus to);

// "ORD-2026-000123"
std::string order_code(int year, int number);
// INV-2026-000042: invoices have their own yearly series, without gaps.
std::string invoice_number(int year, int number);

}  // namespace shopme::orders
