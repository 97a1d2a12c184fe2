#include "infrastructure/postgres/catalog_search.hpp"

#include <algorithm>
#include <pqxx/pqxx>

#include "infrastructure/postgres/pqxx_compat.hpp"

namespace shopme::postgres {
namespace {

// The query in every supported language at once (OR), so a customer writing English finds an
// Italian-described product and the reverse; it is one constant tsquery, so the GIN index applies.
constexpr const char* kQueryCte = R"sql(
WITH q AS (
  SELECT websearch_to_tsquery('italian', shopme_unaccent($2)) || websearch_to_tsquery('english', shopme_unaccent($2)) ||
         websearch_to_tsquery('spanish', shopme_unaccent($2)) || websearch_to_tsquery('portuguese', shopme_unaccent($2)) ||
         websearch_to_tsquery('simple', shopme_unaccent($2)) AS tsq,
         lower(shopme_unaccent($2)) AS raw
))sql";

std::string ranked(const char* table, const char* type, const char* title, const char* snippet, const char* price,
                   const char* active_filter) {
  return std::string("SELECT '") + type + "' AS type, t.id::text, " + title + " AS title, left(" + snippet +
         ", 160) AS snippet, ts_rank_cd(t.search_vector, q.tsq) * 4 + word_similarity(q.raw, t.search_text) AS "
         "score, " +
         price + " AS price FROM " + table + " t, q WHERE t.workspace_id = $1::uuid AND (t.search_vector @@ q.tsq OR "
         "q.raw <% t.search_text)" + active_filter;
}

}  // namespace

std::vector<SearchHit> search_catalog(pqxx::connection& conn, const SearchQuery& query) {
  auto wants = [&](const char* t) {
    return query.types.empty() || std::find(query.types.begin(), query.types.end(), t) != query.types.end();
  };
  std::vector<std::string> parts;
  if (wants("product")) {
    parts.push_back(ranked("products", "product", "t.name", "t.description", "t.price",
                           query.active_only ? " AND t.status = 'active'" : ""));
  }
  if (wants("service")) {
    parts.push_back(ranked("services", "service", "t.name", "t.description", "t.price",
                           query.active_only ? " AND t.active" : ""));
  }
  if (wants("faq")) {
    parts.push_back(ranked("faqs", "faq", "t.question", "t.answer", "-1::bigint", query.active_only ? " AND t.active" : ""));
  }
  if (wants("offer")) {
    parts.push_back(ranked("offers", "offer", "t.name", "t.description", "-1::bigint",
                           query.active_only ? " AND t.active AND (t.ends_at IS NULL OR t.ends_at > now())" : ""));
  }
  if (parts.empty() || query.text.empty()) return {};
  std::string sql = kQueryCte;
  for (std::size_t i = 0; i < parts.size(); ++i) sql += (i ? " UNION ALL " : " ") + parts[i];
  sql += " ORDER BY score DESC, title LIMIT $3";
  pqxx::read_transaction tx(conn);
  // word_similarity's threshold for `<%`: 0.5 still catches one wrong letter in a long word.
  tx.exec0("SET LOCAL pg_trgm.word_similarity_threshold = 0.5");
  std::vector<SearchHit> hits;
  for (const auto& r : tx.exec_params(sql, query.workspace_id, query.text, query.limit)) {
    hits.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<std::string>(),
                    r[4].as<double>(), r[5].as<long long>()});
  }
  return hits;
}

std::vector<std::string> matching_product_ids(pqxx::connection& conn, const std::string& workspace_id,
                                              const std::string& text, int limit) {
  std::vector<std::string> ids;
  for (const auto& h : search_catalog(conn, {workspace_id, text, {"product"}, limit, false})) ids.push_back(h.id);
  return ids;
}

}  // namespace shopme::postgres
