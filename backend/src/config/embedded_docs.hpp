#pragma once

namespace shopme::embedded_docs {
extern const char* const kOpenApiJson;
extern const char* const kApiReferenceHtml;
}  // namespace shopme::embedded_docs
