// params.toml (parse_params): never a crash, and what it accepts without an error obeys the rules
// the planner relies on (buckets ordered, contiguous, ending on game day; tiers >= 1).
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "seatsync/params.hpp"

namespace {
void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "accepted params break a rule: %s\n", what);
  std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seatsync;
  Diagnostics diag;
  const Params p = parse_params(fuzz::as_text(data, size), "params.toml", diag);
  for (const auto& d : diag.items()) (void)d.format();
  // Defaults stand in for anything invalid, so the rules hold with or without errors.
  check(!p.buckets.empty() && p.buckets.back().days_from == 0, "the last bucket holds game day");
  for (std::size_t i = 0; i < p.buckets.size(); ++i) {
    const auto& b = p.buckets[i];
    check(b.days_from >= 0 && b.days_to >= b.days_from && b.length() >= 1, "a bucket is a non-empty day range");
    if (i > 0) check(b.days_to + 1 == p.buckets[i - 1].days_from, "buckets are contiguous");
    check(p.bucket_index(b.days_from) == i && p.bucket_index(b.days_to) == i, "bucket_index finds the bucket");
  }
  check(p.max_days() == p.buckets.front().days_to, "max_days is the first bucket's end");
  for (int t : p.tiers) check(t >= 1, "tiers are >= 1");
  check(p.plan.price_points >= 2 && p.plan.price_points <= 1000, "price_points in 2..1000");
  for (const auto& a : p.strategy.time_based) check(a.days_from <= a.days_to, "a time_based range is ordered");
  return 0;
}
