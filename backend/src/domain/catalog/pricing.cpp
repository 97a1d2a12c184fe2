#include "domain/catalog/pricing.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace shopme::catalog {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool applies_to(const Offer& o, const CartLine& line) {
  if (o.product_ids.empty() && o.category_ids.empty()) return true;
  if (std::find(o.product_ids.begin(), o.product_ids.end(), line.product_id) != o.product_ids.end())
    return true;
  return std::any_of(line.category_path.begin(), line.category_path.end(), [&](const std::string& c) {
    return std::find(o.category_ids.begin(), o.category_ids.end(), c) != o.category_ids.end();
  });
}

// Why an offer cannot be used now on a cart with this subtotal, or nullopt.
std::optional<std::string> unusable(const Offer& o, Minor cart_subtotal, std::int64_t now) {
  if (!o.active) return "inactive";
  if (o.starts_at && now < o.starts_at) return "not_started";
  if (o.ends_at && now >= o.ends_at) return "expired";
  if (!o.usage_available) return "used_up";
  if (cart_subtotal < o.min_purchase) return "min_purchase";
  return std::nullopt;
}

// Discount of an offer on one line's remaining amount.
Minor line_discount(const Offer& o, const CartLine& line, Minor remaining) {
  Minor d = 0;
  switch (o.type) {
    case OfferType::kPercentage:
      d = percent_of(remaining, o.value);
      break;
    case OfferType::kFixedAmount:
      d = std::min(o.value, line.unit_price) * line.quantity;
      break;
    case OfferType::kBuyXGetY:
      if (o.buy > 0 && o.get > 0)
        d = static_cast<Minor>(line.quantity / (o.buy + o.get)) * o.get * line.unit_price;
      break;
  }
  return std::clamp<Minor>(d, 0, remaining);
}

}  // namespace

Minor percent_of(Minor amount, std::int64_t basis_points) { return (amount * basis_points + 5000) / 10000; }

Minor tax_in_gross(Minor gross, int rate_bp) {
  if (rate_bp <= 0 || gross <= 0) return 0;
  const Minor denominator = 10000 + rate_bp;
  return (gross * rate_bp + denominator / 2) / denominator;
}

PriceResult price_cart(const std::vector<CartLine>& lines, const std::vector<Offer>& offers,
                       const std::optional<std::string>& code, std::int64_t now) {
  PriceResult r;
  r.lines.resize(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    r.lines[i].subtotal = lines[i].unit_price * std::max(0, lines[i].quantity);
    r.subtotal += r.lines[i].subtotal;
  }

  // 1. The best automatic offer of each line (ties: the first listed).
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Minor best = 0;
    for (const auto& o : offers) {
      if (o.code || unusable(o, r.subtotal, now) || !applies_to(o, lines[i])) continue;
      const Minor d = line_discount(o, lines[i], r.lines[i].subtotal);
      if (d > best) {
        best = d;
        r.lines[i].offer_id = o.id;
      }
    }
    r.lines[i].discount = best;
    r.automatic_discount += best;
  }

  // 2. One promo code, on what the automatic offers left.
  if (code && !code->empty()) {
    const std::string wanted = lower(*code);
    const Offer* offer = nullptr;
    for (const auto& o : offers) {
      if (o.code && lower(*o.code) == wanted) offer = &o;
    }
    if (!offer) {
      r.code_rejection = "unknown";
    } else if (auto why = unusable(*offer, r.subtotal, now)) {
      r.code_rejection = *why;
    } else {
      std::vector<std::size_t> eligible;
      for (std::size_t i = 0; i < lines.size(); ++i) {
        if (applies_to(*offer, lines[i]) && r.lines[i].subtotal > r.lines[i].discount) eligible.push_back(i);
      }
      Minor applied = 0;
      if (offer->type == OfferType::kFixedAmount) {
        // A fixed code takes money off the order; it is shared over the eligible lines in proportion
        // to what remains of each (largest remainder), so that line taxes stay right.
        Minor base = 0;
        for (auto i : eligible) base += r.lines[i].subtotal - r.lines[i].discount;
        const Minor amount = std::min(offer->value, base);
        std::vector<std::pair<Minor, std::size_t>> remainders;
        Minor given = 0;
        for (auto i : eligible) {
          const Minor rest = r.lines[i].subtotal - r.lines[i].discount;
          const Minor share = base ? amount * rest / base : 0;
          remainders.emplace_back(base ? amount * rest % base : 0, i);
          r.lines[i].discount += share;
          given += share;
        }
        std::stable_sort(remainders.begin(), remainders.end(),
                         [](const auto& a, const auto& b) { return a.first > b.first; });
        for (std::size_t k = 0; given < amount && k < remainders.size(); ++k, ++given) {
          ++r.lines[remainders[k].second].discount;
        }
        applied = amount;
      } else {
        for (auto i : eligible) {
          const Minor d = line_discount(*offer, lines[i], r.lines[i].subtotal - r.lines[i].discount);
          r.lines[i].discount += d;
          applied += d;
        }
      }
      if (applied > 0) {
        r.code_offer_id = offer->id;
        r.code_discount = applied;
      } else {
        r.code_rejection = "not_applicable";
      }
    }
  }

  // 3. Totals and the tax contained in each line.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto& l = r.lines[i];
    l.total = l.subtotal - l.discount;
    l.tax = tax_in_gross(l.total, lines[i].tax_rate_bp);
    r.total += l.total;
    r.tax += l.tax;
  }
  return r;
}

}  // namespace shopme::catalog
