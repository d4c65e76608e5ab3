#include "seatsync/listing_rejects.hpp"

#include <fstream>
#include <sstream>

#include "data/csv.hpp"
#include "seatsync/atomic_file.hpp"

namespace seatsync {

void append_rejects_file(const std::filesystem::path& file, std::span<const RejectedListing> rejected,
                         std::span<const RejectedListing> flagged) {
  if (rejected.empty() && flagged.empty()) return;
  std::string existing;
  if (std::ifstream in{file, std::ios::binary}) {
    std::ostringstream text;
    text << in.rdbuf();
    existing = text.str();
  }
  write_file_atomic(file, [&](std::ostream& out) {
    if (existing.empty()) {
      csv::write_row(out, {"observed_at", "source", "game_id", "status", "item", "price", "quantity", "section",
                           "listing_id", "currency", "reason"});
    } else {
      out << existing;
      if (existing.back() != '\n') out << '\n';
    }
    auto rows = [&](std::span<const RejectedListing> listings, const char* status) {
      for (const RejectedListing& r : listings)
        csv::write_row(out, {r.observed_at, r.source, r.game_id, status, std::to_string(r.raw.index), r.raw.price,
                             r.raw.quantity, r.raw.section, r.raw.listing_id, r.raw.currency, r.reason});
    };
    rows(rejected, "rejected");
    rows(flagged, "flagged");
  });
}

}  // namespace seatsync
