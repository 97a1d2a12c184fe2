#pragma once

namespace shopme::build_info {
extern const char* const kVersion;
extern const char* const kCommit;
extern const char* const kBuildTime;
}  // namespace shopme::build_info
