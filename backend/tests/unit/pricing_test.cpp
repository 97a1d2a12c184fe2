// Table-driven tests of the price calculation: every offer type, their combinations, dates,
// minimum purchase, promo codes and rounding.
#include <gtest/gtest.h>

#include "domain/catalog/pricing.hpp"

using namespace shopme::catalog;

namespace {

constexpr std::int64_t kNow = 1'800'000'000;

CartLine line(std::string product, Minor price, int qty, int tax_bp = 2200,
              std::vector<std::string> cats = {}) {
  return {std::move(product), std::move(cats), price, qty, tax_bp};
}
Offer offer(std::string id, OfferType type, std::int64_t value) {
  Offer o;
  o.id = std::move(id);
  o.type = type;
  o.value = value;
  return o;
}
Offer pct(std::string id, std::int64_t bp) { return offer(std::move(id), OfferType::kPercentage, bp); }
Offer fixed(std::string id, Minor v) { return offer(std::move(id), OfferType::kFixedAmount, v); }
Offer bxgy(std::string id, int buy, int get) {
  Offer o = offer(std::move(id), OfferType::kBuyXGetY, 0);
  o.buy = buy;
  o.get = get;
  return o;
}
Offer on_products(Offer o, std::vector<std::string> p) {
  o.product_ids = std::move(p);
  return o;
}
Offer on_categories(Offer o, std::vector<std::string> c) {
  o.category_ids = std::move(c);
  return o;
}
Offer with_code(Offer o, std::string code) {
  o.code = std::move(code);
  return o;
}
Offer with(Offer o, std::function<void(Offer&)> f) {
  f(o);
  return o;
}

struct Case {
  const char* name;
  std::vector<CartLine> lines;
  std::vector<Offer> offers;
  std::optional<std::string> code;
  Minor subtotal, automatic, code_discount, total, tax;
  std::optional<std::string> rejection = std::nullopt;
};

}  // namespace

TEST(Pricing, Table) {
  const std::vector<Case> cases = {
      {"no offers: gross prices, tax contained",
       {line("a", 1220, 1), line("b", 500, 2, 1000)},
       {},
       {},
       2220,
       0,
       0,
       2220,
       220 + 91},
      {"percentage on the whole catalog, half-up rounding",
       {line("a", 999, 1)},
       {pct("p", 1500)},
       {},
       999,
       150,
       0,
       849,
       153},
      {"percentage limited to a product",
       {line("a", 1000, 1), line("b", 1000, 1)},
       {on_products(pct("p", 1000), {"b"})},
       {},
       2000,
       100,
       0,
       1900,
       180 + 162},
      {"category offer covers sub-categories through the path",
       {line("a", 2000, 1, 2200, {"cheese-aged", "cheese"}), line("b", 2000, 1, 2200, {"wine"})},
       {on_categories(pct("p", 2000), {"cheese"})},
       {},
       4000,
       400,
       0,
       3600,
       289 + 361},
      {"fixed amount per unit, capped at the unit price",
       {line("a", 300, 3), line("b", 100, 2)},
       {fixed("f", 150)},
       {},
       1100,
       450 + 200,
       0,
       450,
       81},
      {"buy 2 get 1: every third unit free",
       {line("a", 1000, 7)},
       {bxgy("b", 2, 1)},
       {},
       7000,
       2000,
       0,
       5000,
       902},
      {"buy-x-get-y with too few units gives nothing",
       {line("a", 1000, 2)},
       {bxgy("b", 2, 1)},
       {},
       2000,
       0,
       0,
       2000,
       361},
      {"best automatic offer per line wins",
       {line("a", 1000, 3), line("b", 1000, 1)},
       {pct("p10", 1000), bxgy("b21", 2, 1)},
       {},
       4000,
       1000 + 100,
       0,
       2900,
       361 + 162},
      {"expired, future and inactive offers are ignored",
       {line("a", 1000, 1)},
       {with(pct("old", 5000), [](Offer& o) { o.ends_at = kNow; }),
        with(pct("future", 5000), [](Offer& o) { o.starts_at = kNow + 1; }),
        with(pct("off", 5000), [](Offer& o) { o.active = false; })},
       {},
       1000,
       0,
       0,
       1000,
       180},
      {"minimum purchase is on the cart subtotal",
       {line("a", 1000, 1), line("b", 1000, 1)},
       {with(on_products(pct("p", 1000), {"a"}), [](Offer& o) { o.min_purchase = 2000; })},
       {},
       2000,
       100,
       0,
       1900,
       162 + 180},
      {"minimum purchase not reached",
       {line("a", 1000, 1)},
       {with(pct("p", 1000), [](Offer& o) { o.min_purchase = 1001; })},
       {},
       1000,
       0,
       0,
       1000,
       180},
      {"percentage code on top of automatic offers",
       {line("a", 1000, 2)},
       {pct("auto", 1000), with_code(pct("code", 1000), "WELCOME10")},
       std::string("welcome10"),
       2000,
       200,
       180,
       1620,
       292},
      {"fixed code shared over eligible lines by largest remainder",
       {line("a", 1000, 1), line("b", 2000, 1)},
       {with_code(fixed("code", 1000), "TENOFF")},
       std::string("TenOff"),
       3000,
       0,
       1000,
       2000,
       120 + 240},
      {"fixed code never exceeds the eligible amount",
       {line("a", 500, 1)},
       {with_code(fixed("code", 1000), "BIG")},
       std::string("BIG"),
       500,
       0,
       500,
       0,
       0},
      {"fixed code with uneven split keeps the cent",
       {line("a", 100, 1), line("b", 100, 1), line("c", 100, 1)},
       {with_code(fixed("code", 100), "C")},
       std::string("C"),
       300,
       0,
       100,
       200,
       12 + 12 + 12},
      {"code limited to a category",
       {line("a", 1000, 1, 2200, {"wine"}), line("b", 1000, 1, 2200, {"pasta"})},
       {with_code(on_categories(pct("code", 5000), {"wine"}), "WINE50")},
       std::string("WINE50"),
       2000,
       0,
       500,
       1500,
       90 + 180},
      {"buy-x-get-y code",
       {line("a", 800, 4)},
       {with_code(bxgy("code", 1, 1), "TWOFORONE")},
       std::string("TWOFORONE"),
       3200,
       0,
       1600,
       1600,
       289},
      {"unknown code is reported and changes nothing",
       {line("a", 1000, 1)},
       {},
       std::string("NOPE"),
       1000,
       0,
       0,
       1000,
       180,
       std::string("unknown")},
      {"used-up code",
       {line("a", 1000, 1)},
       {with(with_code(pct("c", 1000), "X"), [](Offer& o) { o.usage_available = false; })},
       std::string("x"),
       1000,
       0,
       0,
       1000,
       180,
       std::string("used_up")},
      {"code below its minimum purchase",
       {line("a", 1000, 1)},
       {with(with_code(pct("c", 1000), "X"), [](Offer& o) { o.min_purchase = 5000; })},
       std::string("X"),
       1000,
       0,
       0,
       1000,
       180,
       std::string("min_purchase")},
      {"code for products not in the cart",
       {line("a", 1000, 1)},
       {with_code(on_products(pct("c", 1000), {"zzz"}), "X")},
       std::string("X"),
       1000,
       0,
       0,
       1000,
       180,
       std::string("not_applicable")},
      {"code on a line already free gives nothing more",
       {line("a", 1000, 2)},
       {bxgy("auto", 1, 1), with_code(on_products(fixed("c", 100), {"a"}), "X")},
       std::string("X"),
       2000,
       1000,
       100,
       900,
       162},
      {"automatic offers with codes are not applied without the code",
       {line("a", 1000, 1)},
       {with_code(pct("c", 5000), "SECRET")},
       {},
       1000,
       0,
       0,
       1000,
       180},
      {"zero tax rate", {line("a", 1000, 1, 0)}, {}, {}, 1000, 0, 0, 1000, 0},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto r = price_cart(c.lines, c.offers, c.code, kNow);
    EXPECT_EQ(r.subtotal, c.subtotal);
    EXPECT_EQ(r.automatic_discount, c.automatic);
    EXPECT_EQ(r.code_discount, c.code_discount);
    EXPECT_EQ(r.total, c.total);
    EXPECT_EQ(r.tax, c.tax);
    EXPECT_EQ(r.code_rejection, c.rejection);
    Minor sum = 0;
    for (const auto& l : r.lines) {
      EXPECT_EQ(l.total, l.subtotal - l.discount);
      EXPECT_GE(l.total, 0);
      sum += l.total;
    }
    EXPECT_EQ(sum, r.total) << "lines add up to the total";
  }
}

TEST(Pricing, RoundingHelpers) {
  EXPECT_EQ(percent_of(999, 1500), 150);  // 149.85 -> 150
  EXPECT_EQ(percent_of(10, 2500), 3);     // 2.5 -> 3 (half up)
  EXPECT_EQ(percent_of(10, 2499), 2);
  EXPECT_EQ(tax_in_gross(1220, 2200), 220);
  EXPECT_EQ(tax_in_gross(100, 2200), 18);  // 18.03
  EXPECT_EQ(tax_in_gross(0, 2200), 0);
}

TEST(Pricing, AppliedOfferIsNamedOnTheLine) {
  const auto r =
      price_cart({line("a", 1000, 3), line("b", 1000, 1)}, {pct("p10", 1000), bxgy("b21", 2, 1)}, {}, kNow);
  EXPECT_EQ(r.lines[0].offer_id, "b21");
  EXPECT_EQ(r.lines[1].offer_id, "p10");
  const auto coded =
      price_cart({line("a", 1000, 1)}, {with_code(pct("c", 1000), "X")}, std::string("x"), kNow);
  EXPECT_EQ(coded.code_offer_id, "c");
}
