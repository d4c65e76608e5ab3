// A dataset's identity for the audit trail: a content hash and the row counts, so that a price
// can be traced to the exact data it was computed from.
#include <fmt/format.h>

#include <iterator>

#include "ml/sha256.hpp"
#include "seatsync/audit_records.hpp"

namespace seatsync {

std::string canonical_sha256(const nlohmann::json& value) {
  return sha256_hex(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

nlohmann::json dataset_identity(const Dataset& data) {
  // One line per row, fields split by a unit separator (0x1f), rows by id rather than index so
  // that the order games and codes were loaded in does not matter.
  std::string bytes;
  bytes.reserve(64 * (data.transactions.size() + data.listings.size() + data.inventory.size()) + data.params_toml.size());
  auto out = std::back_inserter(bytes);
  for (const auto& g : data.games) fmt::format_to(out, "g\x1f{}\x1f{}\x1f{}\x1f{}\n", g.id, g.date.str(), g.tier, g.opponent);
  for (const auto& c : data.codes)
    fmt::format_to(out, "c\x1f{}\x1f{}\x1f{}\x1f{}\n", c.code, c.group, c.capacity, c.floor_price);
  for (const auto& t : data.transactions)
    fmt::format_to(out, "t\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\n", data.games[t.game].id, data.codes[t.code].code, t.sold_at,
                   t.quantity, t.price);
  for (const auto& r : data.inventory)
    fmt::format_to(out, "i\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\n", data.games[r.game].id, data.codes[r.code].code, r.remaining,
                   r.current_price, r.observed_at);
  for (const auto& l : data.listings)
    fmt::format_to(out, "l\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\n", data.games[l.game].id,
                   l.code ? data.codes[*l.code].code : std::string(), l.observed_at, l.price, l.quantity, l.source,
                   l.listing_id, l.section);
  bytes += "p\x1f";
  bytes += data.params_toml;
  const auto last_sale = data.last_sale_day();
  return {{"sha256", sha256_hex(bytes)},
          {"games", data.games.size()},
          {"codes", data.codes.size()},
          {"transactions", data.transactions.size()},
          {"inventory", data.inventory.size()},
          {"listings", data.listings.size()},
          {"last_sale", last_sale ? nlohmann::json(last_sale->str()) : nlohmann::json()},
          {"params_sha256", sha256_hex(data.params_toml)}};
}

}  // namespace seatsync
