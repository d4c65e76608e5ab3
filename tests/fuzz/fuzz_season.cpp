// The season CSV reader and validation (load_season_dir): the input is a directory written as
// `head` prints files ("==> games.csv <==" before each; see fuzz_support.hpp), put in a scratch
// directory and read as the CLI reads --data. A ValidationError is the expected answer to bad
// input; a crash, a sanitizer report or any other exception is a finding. Read with ',' and,
// when the text has a ';', once more with --delimiter ';' (decimal commas).
#include <cstdint>
#include <set>
#include <string>

#include "fuzz_support.hpp"
#include "seatsync/season_io.hpp"

namespace {

// Only the files of the contract are written: the input names them, never a path.
const std::set<std::string> kFiles = {"games.csv",    "seats.csv",        "transactions.csv", "inventory.csv",
                                      "listings.csv", "market_stats.csv", "params.toml"};

void load(const std::filesystem::path& dir, char delimiter) {
  std::vector<seatsync::Diagnostic> warnings;
  try {
    const auto data = seatsync::load_season_dir(dir, &warnings, {delimiter});
    for (const auto& w : warnings) (void)w.format();
  } catch (const seatsync::ValidationError& e) {
    for (const auto& d : e.diagnostics()) (void)d.format();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const seatsync::fuzz::ScratchDir dir("season");
  const std::string text = seatsync::fuzz::as_text(data, size);
  dir.reset();
  for (const auto& [name, contents] : seatsync::fuzz::split_files(text))
    if (kFiles.count(name)) seatsync::fuzz::write_text(dir / name, contents);
  load(dir.path(), ',');
  if (text.find(';') != std::string::npos) load(dir.path(), ';');
  return 0;
}
