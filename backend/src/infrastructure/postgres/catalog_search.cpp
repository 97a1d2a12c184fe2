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

// The limit is a literal (a number of the server's): see exec_generic.
std::string statement(const std::vector<std::string>& parts, int limit) {
  std::string sql = kQueryCte;
  for (std::size_t i = 0; i < parts.size(); ++i) sql += (i ? " UNION ALL " : " ") + parts[i];
  return sql + " ORDER BY 5 DESC, 3 LIMIT " + std::to_string(limit);
}

std::vector<SearchHit> hits_of(const pqxx::result& rows) {
  std::vector<SearchHit> hits;
  for (const auto& r : rows) {
    hits.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                    r[3].as<std::string>(), r[4].as<double>(), r[5].as<long long>()});
  }
  return hits;
}

std::vector<const Source*> sources_for(const SearchQuery& query) {
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
  return sources;
}

// Words first; only when no word matched, similar spellings. `run(sql, similar)` runs one of the
// two statements, the second with the stricter similarity threshold below.
template <class Run>
std::vector<SearchHit> search_with(const SearchQuery& query, Run&& run) {
  const auto sources = sources_for(query);
  if (sources.empty() || query.text.empty()) return {};
  std::vector<std::string> words;
  for (const auto* s : sources) words.push_back(word_matches(*s, query.active_only));
  auto hits = hits_of(run(statement(words, query.limit), false));
  if (hits.empty()) {
    std::vector<std::string> similar;
    for (const auto* s : sources) similar.push_back(similar_spellings(*s, query.active_only));
    hits = hits_of(run(statement(similar, query.limit), true));
  }
  return hits;
}

// 0.6 still accepts one wrong or missing letter in a name while keeping few candidates.
constexpr const char* kSimilarityThreshold = "SET LOCAL pg_trgm.word_similarity_threshold = 0.6;";

}  // namespace

std::vector<SearchHit> search_catalog(pqxx::transaction_base& tx, const SearchQuery& query) {
  return search_with(query, [&](const std::string& sql, bool similar) {
    if (!similar) return postgres::exec(tx, sql, query.workspace_id, query.text);
    // The threshold and the statement in one round trip. The setting stays until the caller's
    // transaction ends; the similar-spelling statement is the only one of the server whose operator
    // (<%) reads it, and it always sets it first.
    return postgres::exec_prefixed(tx, kSimilarityThreshold, sql, {query.workspace_id, query.text});
  });
}

// On its own (the dashboard's search boxes): each statement autocommitted with its generic plan,
// one round trip each instead of four for a read-only transaction around it.
std::vector<SearchHit> search_catalog(pqxx::connection& conn, const SearchQuery& query) {
  pqxx::nontransaction tx(conn);
  return search_with(query, [&](const std::string& sql, bool similar) {
    return postgres::exec_generic(tx, sql, {query.workspace_id, query.text},
                                  similar ? kSimilarityThreshold : "");
  });
}

std::vector<std::string> matching_product_ids(pqxx::connection& conn, const std::string& workspace_id,
                                              const std::string& text, int limit) {
  std::vector<std::string> ids;
  for (const auto& h : search_catalog(conn, {workspace_id, text, {"product"}, limit, false}))
    ids.push_back(h.id);
  return ids;
}

}  // namespace shopme::postgres
