#pragma once
// The one search over what a workspace sells: products, services, FAQs and offers. Full-text search
// in the text's language (Italian, English, Spanish, Portuguese, else 'simple') plus trigram
// similarity for typos and partial words, ranked together. Used by the dashboard and the agent.
#include <pqxx/connection>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

namespace shopme::postgres {

struct SearchHit {
  std::string type;  // product | service | faq | offer
  std::string id;
  std::string title;
  std::string snippet;
  double score = 0;
  long long price = -1;  // products and services
};

struct SearchQuery {
  std::string workspace_id;
  std::string text;
  std::vector<std::string> types;  // empty: all
  int limit = 10;
  bool active_only = false;  // the agent only sees what is for sale
};

std::vector<SearchHit> search_catalog(pqxx::connection& conn, const SearchQuery& q);
// The same inside the caller's transaction.
std::vector<SearchHit> search_catalog(pqxx::transaction_base& tx, const SearchQuery& q);

// The product ids matching a search text, best first (for the product list's `search`).
std::vector<std::string> matching_product_ids(pqxx::connection& conn, const std::string& workspace_id,
                                              const std::string& text, int limit);

}  // namespace shopme::postgres
