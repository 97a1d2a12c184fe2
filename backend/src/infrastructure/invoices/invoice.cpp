#include "infrastructure/invoices/invoice.hpp"

#include <hpdf.h>

#include <boost/json.hpp>
#include <memory>
#include <pqxx/pqxx>
#include <stdexcept>

#include "domain/agent/phrasebook.hpp"
#include "infrastructure/agent/tools.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::invoices {
namespace json = boost::json;

namespace {

// "Via Roma 1, 43121 Parma, IT" from an address object.
std::string one_line(const std::string& address_json) {
  boost::system::error_code ec;
  const auto v = json::parse(address_json, ec);
  if (ec || !v.is_object()) return {};
  const auto& a = v.as_object();
  const auto get = [&](const char* k) {
    const auto* f = a.if_contains(k);
    return f && f->is_string() ? std::string(f->as_string()) : std::string();
  };
  std::string out = get("line1");
  const auto city = (get("postalCode") + " " + get("city"));
  if (city.find_first_not_of(' ') != std::string::npos)
    out += (out.empty() ? "" : ", ") + city.substr(city.find_first_not_of(' '));
  if (!get("country").empty()) out += (out.empty() ? "" : ", ") + get("country");
  return out;
}

// UTF-8 to Windows-1252, the encoding of PDF's standard fonts.
std::string cp1252(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    unsigned cp = 0;
    std::size_t n = 1;
    if (c < 0x80) {
      cp = c;
    } else if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
      cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
      n = 2;
    } else if ((c & 0xF0) == 0xE0 && i + 2 < s.size()) {
      cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
           (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
      n = 3;
    } else {
      n = (c & 0xF8) == 0xF0 ? 4 : 1;
      cp = '?';
    }
    i += n;
    if (cp == 0x20AC) {
      out += '\x80';
    } else if (cp == 0x2019 || cp == 0x2018) {
      out += '\'';
    } else if (cp == 0x2013 || cp == 0x2014) {
      out += '-';
    } else if (cp == 0x2026) {
      out += '\x85';
    } else if (cp == 0x00D7) {
      out += 'x';
    } else if (cp < 0x100) {
      out += static_cast<char>(cp);
    } else {
      out += '?';
    }
  }
  return out;
}

void on_error(HPDF_STATUS error, HPDF_STATUS detail, void*) {
  throw std::runtime_error("PDF generation failed: error " + std::to_string(error) + "/" +
                           std::to_string(detail));
}

struct DocFree {
  void operator()(HPDF_Doc d) const { HPDF_Free(d); }
};

// A page being written top to bottom, starting a new one when the space runs out.
class Writer {
 public:
  explicit Writer(HPDF_Doc doc) : doc_(doc) {
    regular_ = HPDF_GetFont(doc, "Helvetica", "WinAnsiEncoding");
    bold_ = HPDF_GetFont(doc, "Helvetica-Bold", "WinAnsiEncoding");
    new_page();
  }
  void text(float x, const std::string& s, float size = 10, bool bold = false, bool right = false) {
    const auto t = cp1252(s);
    HPDF_Page_SetFontAndSize(page_, bold ? bold_ : regular_, size);
    const float w = right ? HPDF_Page_TextWidth(page_, t.c_str()) : 0;
    HPDF_Page_BeginText(page_);
    HPDF_Page_TextOut(page_, x - w, y_, t.c_str());
    HPDF_Page_EndText(page_);
  }
  void next(float gap = 14) {
    y_ -= gap;
    if (y_ < 60) new_page();
  }
  void rule() {
    HPDF_Page_SetLineWidth(page_, 0.5f);
    HPDF_Page_MoveTo(page_, kLeft, y_ + 10);
    HPDF_Page_LineTo(page_, kRight, y_ + 10);
    HPDF_Page_Stroke(page_);
  }
  static constexpr float kLeft = 50, kRight = 545;

 private:
  void new_page() {
    page_ = HPDF_AddPage(doc_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    y_ = HPDF_Page_GetHeight(page_) - 60;
  }
  HPDF_Doc doc_;
  HPDF_Page page_ = nullptr;
  HPDF_Font regular_ = nullptr, bold_ = nullptr;
  float y_ = 0;
};

}  // namespace

std::optional<Invoice> load_invoice(pqxx::transaction_base& tx, const std::string& ws,
                                    const std::string& order_id) {
  const auto rows = postgres::exec(
      tx,
      "SELECT o.invoice_number, to_char(o.invoice_issued_at AT TIME ZONE 'UTC', "
      "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'),"
      "       to_char(o.invoice_issued_at AT TIME ZONE w.timezone, 'YYYY-MM-DD'), o.code, o.currency, "
      "cu.language,"
      "       coalesce(nullif(w.legal_name, ''), w.name), w.legal_address, w.vat_number, cu.name,"
      "       CASE WHEN o.billing_address <> '{}' THEN o.billing_address ELSE o.shipping_address END::text,"
      "       o.subtotal, o.discount, o.tax, o.shipping, o.total"
      "  FROM orders o JOIN workspaces w ON w.id = o.workspace_id"
      "  JOIN customers cu ON cu.workspace_id = o.workspace_id AND cu.id = o.customer_id"
      " WHERE o.workspace_id = $1 AND o.id = $2 AND o.invoice_number IS NOT NULL",
      ws, order_id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  Invoice inv;
  inv.number = r[0].c_str();
  inv.issued_at = r[1].c_str();
  inv.issued_on = r[2].c_str();
  inv.order_code = r[3].c_str();
  inv.currency = r[4].c_str();
  inv.language = r[5].c_str();
  inv.seller_name = r[6].c_str();
  inv.seller_address = r[7].c_str();
  inv.seller_vat = r[8].c_str();
  inv.buyer_name = r[9].c_str();
  inv.buyer_address = one_line(r[10].c_str());
  inv.subtotal = r[11].as<long long>();
  inv.discount = r[12].as<long long>();
  inv.tax = r[13].as<long long>();
  inv.shipping = r[14].as<long long>();
  inv.total = r[15].as<long long>();
  for (const auto& l :
       postgres::exec(tx,
                      "SELECT name, sku, quantity, unit_price, discount, total, tax_rate FROM order_lines"
                      " WHERE workspace_id = $1 AND order_id = $2 ORDER BY line_no",
                      ws, order_id)) {
    inv.lines.push_back({l[0].c_str(), l[1].c_str(), l[2].as<int>(), l[3].as<long long>(),
                         l[4].as<long long>(), l[5].as<long long>(), l[6].as<int>()});
  }
  return inv;
}

json::object invoice_json(const Invoice& inv) {
  json::array lines;
  for (const auto& l : inv.lines) {
    lines.push_back(json::object{{"name", l.name},
                                 {"sku", l.sku},
                                 {"quantity", l.quantity},
                                 {"unitPrice", l.unit_price},
                                 {"discount", l.discount},
                                 {"taxRate", static_cast<double>(l.tax_rate_bp) / 100.0},
                                 {"total", l.total}});
  }
  return {{"number", inv.number},
          {"issuedAt", inv.issued_at},
          {"orderCode", inv.order_code},
          {"currency", inv.currency},
          {"seller",
           json::object{
               {"name", inv.seller_name}, {"address", inv.seller_address}, {"vatNumber", inv.seller_vat}}},
          {"buyer", json::object{{"name", inv.buyer_name}, {"address", inv.buyer_address}}},
          {"lines", std::move(lines)},
          {"subtotal", inv.subtotal},
          {"discount", inv.discount},
          {"tax", inv.tax},
          {"shipping", inv.shipping},
          {"total", inv.total}};
}

std::string invoice_pdf(const Invoice& inv) {
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocFree> doc(HPDF_New(on_error, nullptr));
  if (!doc) throw std::runtime_error("PDF generation failed: no memory");
  HPDF_SetCompressionMode(doc.get(), HPDF_COMP_ALL);
  HPDF_SetInfoAttr(doc.get(), HPDF_INFO_TITLE,
                   cp1252(agent::say("invoice.title", inv.language) + " " + inv.number).c_str());
  HPDF_SetInfoAttr(doc.get(), HPDF_INFO_CREATOR, "ShopMe");
  const auto& lang = inv.language;
  const auto money = [&](long long minor) { return agent::format_price(minor, inv.currency, lang); };
  const auto say = [&](const char* key) { return agent::say(key, lang); };
  constexpr float L = Writer::kLeft, R = Writer::kRight;
  Writer w(doc.get());
  w.text(L, say("invoice.title") + " " + inv.number, 18, true);
  w.next(22);
  w.text(L,
         say("invoice.date") + ": " + inv.issued_on + "    " + say("invoice.order") + ": " + inv.order_code);
  w.next(28);
  w.text(L, say("invoice.seller"), 9, true);
  w.text(300, say("invoice.buyer"), 9, true);
  w.next();
  w.text(L, inv.seller_name, 10);
  w.text(300, inv.buyer_name, 10);
  w.next();
  w.text(L, inv.seller_address, 10);
  w.text(300, inv.buyer_address, 10);
  w.next();
  if (!inv.seller_vat.empty()) w.text(L, say("invoice.vat.number") + " " + inv.seller_vat, 10);
  w.next(30);
  w.text(L, say("invoice.item"), 9, true);
  w.text(350, say("invoice.qty"), 9, true, true);
  w.text(430, say("invoice.unit"), 9, true, true);
  w.text(475, say("invoice.vat"), 9, true, true);
  w.text(R, say("invoice.amount"), 9, true, true);
  w.next(16);
  w.rule();
  for (const auto& l : inv.lines) {
    std::string name = l.name;
    if (name.size() > 60) {
      name.resize(57);
      name += "...";
    }
    w.text(L, name + "  (" + l.sku + ")", 9);
    w.text(350, std::to_string(l.quantity), 9, false, true);
    w.text(430, money(l.unit_price), 9, false, true);
    w.text(475,
           std::to_string(l.tax_rate_bp / 100) +
               (l.tax_rate_bp % 100 ? "," + std::to_string(l.tax_rate_bp % 100) : "") + "%",
           9, false, true);
    w.text(R, money(l.total), 9, false, true);
    w.next();
  }
  w.next(6);
  w.rule();
  const auto total_line = [&](const char* key, long long value, bool bold = false) {
    w.text(430, say(key), 10, bold, true);
    w.text(R, money(value), 10, bold, true);
    w.next();
  };
  total_line("invoice.subtotal", inv.subtotal);
  if (inv.discount > 0) total_line("invoice.discount", -inv.discount);
  if (inv.shipping > 0) total_line("invoice.shipping", inv.shipping);
  total_line("invoice.total", inv.total, true);
  total_line("invoice.tax", inv.tax);
  w.next(10);
  w.text(L, agent::say("invoice.paid", lang, {{"date", inv.issued_on}}), 9);
  HPDF_SaveToStream(doc.get());
  HPDF_ResetStream(doc.get());
  std::string out;
  for (;;) {
    HPDF_BYTE buf[8192];
    HPDF_UINT32 n = sizeof buf;
    const auto st = HPDF_ReadFromStream(doc.get(), buf, &n);
    out.append(reinterpret_cast<const char*>(buf), n);
    if (st == HPDF_STREAM_EOF || n == 0) break;
  }
  return out;
}

}  // namespace shopme::invoices
