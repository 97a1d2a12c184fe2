#include "infrastructure/postgres/catalog_search.hpp"

#include <algorithm>
#include <pqxx/pqxx>

#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

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

struct Source {
  const char* table;
  const char* type;
  const char* title;
  const char* snippet;
  const char* price;
  const char* active_filter;
};

// Words first: rows whose text contains the query's words (GIN full-text index), ranked; a very
// common word is ranked among its first matches only, which bounds the cost on huge catalogs.
std::string word_matches(const Source& s, bool active_only) {
  return std::string("SELECT '") + s.type + "', t.id::text, " + s.title + ", left(" + s.snippet +
         ", 160), ts_rank_cd(t.search_vector, q.tsq) * 4 + word_similarity(q.raw, t.search_text), " +
         s.price + " FROM (SELECT * FROM " + s.table +
         " t, q WHERE t.workspace_id = $1::uuid AND t.search_vector @@ q.tsq" +
         (active_only ? s.active_filter : "") + " LIMIT 500) t, q";
}

// Then, only when no word matched, similar spellings (trigram index): typos, partial words.
std::string similar_spellings(const Source& s, bool active_only) {
  return std::string("SELECT '") + s.type + "', t.id::text, " + s.title + ", left(" + s.snippet +
         ", 160), word_similarity(q.raw, t.search_text), " + s.price + " FROM " + s.table +
         " t, q WHERE t.workspace_id = $1::uuid AND q.raw <% t.search_text AND NOT t.search_vector @@ q.tsq" +
         (active_only ? s.active_filter : "");
}

std::vector<SearchHit> run(pqxx::transaction_base& tx, const std::vector<std::string>& parts,
                           const SearchQuery& q) {
  std::string sql = kQueryCte;
  for (std::size_t i = 0; i < parts.size(); ++i) sql += (i ? " UNION ALL " : " ") + parts[i];
  sql += " ORDER BY 5 DESC, 3 LIMIT $3";
  std::vector<SearchHit> hits;
  for (const auto& r : postgres::exec(tx, sql, q.workspace_id, q.text, q.limit)) {
    hits.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                    r[3].as<std::string>(), r[4].as<double>(), r[5].as<long long>()});
  }
  return hits;
}

}  // namespace

std::vector<SearchHit> search_catalog(pqxx::transaction_base& tx, const SearchQuery& query) {
  static const Source kSources[] = {
      {"products", "product", "t.name", "t.description", "t.price", " AND t.status = 'active'"},
      {"services", "service", "t.name", "t.description", "t.price", " AND t.active"},
      {"faqs", "faq", "t.question", "t.answer", "-1::bigint", " AND t.active"},
      {"offers", "offer", "t.name", "t.description", "-1::bigint",
       " AND t.active AND (t.ends_at IS NULL OR t.ends_at > now())"},
  };
  std::vector<const Source*> sources;
  for (const auto& s : kSources) {
    if (query.types.empty() ||
        std::find(query.types.begin(), query.types.end(), s.type) != query.types.end()) {
      sources.push_back(&s);
    }
  }
  if (sources.empty() || query.text.empty()) return {};
  std::vector<std::string> words;
  for (const auto* s : sources) words.push_back(word_matches(*s, query.active_only));
  auto hits = run(tx, words, query);
  if (hits.empty()) {
    // 0.6 still accepts one wrong or missing letter in a name while keeping few candidates.
    tx.exec0("SET LOCAL pg_trgm.word_similarity_threshold = 0.6");
    std::vector<std::string> similar;
    for (const auto* s : sources) similar.push_back(similar_spellings(*s, query.active_only));
    hits = run(tx, similar, query);
    // The caller's transaction goes on: later searches in it start with the default threshold.
    tx.exec0("SET LOCAL pg_trgm.word_similarity_threshold = DEFAULT");
  }
  return hits;
}

std::vector<SearchHit> search_catalog(pqxx::connection& conn, const SearchQuery& query) {
  pqxx::read_transaction tx(conn);
  return search_catalog(tx, query);
}

std::vector<std::string> matching_product_ids(pqxx::connection& conn, const std::string& workspace_id,
                                              const std::string& text, int limit) {
  std::vector<std::string> ids;
  for (const auto& h : search_catalog(conn, {workspace_id, text, {"product"}, limit, false}))
    ids.push_back(h.id);
  return ids;
}

}  // namespace shopme::postgres
