#pragma once
// Demo and volume data. Plain SQL on purpose: seeding is bulk data, not a user intention.
#include <string>

#include <pqxx/connection>

namespace shopme::postgres {

struct SeedVolume {
  int workspaces = 0;
  int products = 0;
  int customers = 0;
  int messages = 0;
};

// Creates the demo users (admin/manager/agent @shopme.test with `password`) and workspaces once;
// returns false when the demo data was already there.
bool seed_demo(pqxx::connection& conn, const std::string& password);

// Adds generated data for benchmarks; shows a progress bar when stderr is a terminal.
void seed_volume(pqxx::connection& conn, const SeedVolume& volume);

}  // namespace shopme::postgres
