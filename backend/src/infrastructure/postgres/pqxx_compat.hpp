#pragma once
// libpqxx 6 (Debian 12) cannot pass std::string_view as a statement parameter; this teaches it.
#include <optional>
#include <pqxx/strconv>
#include <string>
#include <string_view>

namespace pqxx {
template <>
struct string_traits<std::string_view> {
  static constexpr const char* name() noexcept { return "string_view"; }
  static constexpr bool has_null() noexcept { return false; }
  static bool is_null(std::string_view) { return false; }
  [[noreturn]] static std::string_view null() { internal::throw_null_conversion(name()); }
  static std::string to_string(std::string_view v) { return std::string(v); }
};

// An empty optional is SQL NULL.
#define SHOPME_PQXX_OPTIONAL(T)                                                                         \
  template <>                                                                                           \
  struct string_traits<std::optional<T>> {                                                              \
    static constexpr const char* name() noexcept { return "optional"; }                                 \
    static constexpr bool has_null() noexcept { return true; }                                          \
    static bool is_null(const std::optional<T>& v) { return !v.has_value(); }                           \
    static std::optional<T> null() { return std::nullopt; }                                             \
    static std::string to_string(const std::optional<T>& v) { return string_traits<T>::to_string(*v); } \
  };
SHOPME_PQXX_OPTIONAL(std::string)
SHOPME_PQXX_OPTIONAL(long long)
SHOPME_PQXX_OPTIONAL(int)
#undef SHOPME_PQXX_OPTIONAL
}  // namespace pqxx
