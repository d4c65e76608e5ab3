#include <charconv>

#include "seatsync/model_registry.hpp"

namespace seatsync {

std::string ModelVersion::str() const {
  return sequence == 0 ? stamp : stamp + "-" + std::to_string(sequence);
}

std::optional<ModelVersion> ModelVersion::parse(std::string_view text) {
  // YYYYMMDDTHHMMSSZ: 8 digits, 'T', 6 digits, 'Z'.
  constexpr std::size_t kStampLength = 16;
  if (text.size() < kStampLength) return std::nullopt;
  for (std::size_t i = 0; i < kStampLength; ++i) {
    const char c = text[i];
    const bool ok = i == 8 ? c == 'T' : i == 15 ? c == 'Z' : (c >= '0' && c <= '9');
    if (!ok) return std::nullopt;
  }
  ModelVersion v{std::string(text.substr(0, kStampLength)), 0};
  std::string_view rest = text.substr(kStampLength);
  if (rest.empty()) return v;
  // A sequence is "-N" with N >= 1 and no leading zero, so every version has one spelling.
  if (rest.size() < 2 || rest[0] != '-' || rest[1] == '0') return std::nullopt;
  rest.remove_prefix(1);
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), v.sequence);
  if (ec != std::errc() || end != rest.data() + rest.size()) return std::nullopt;
  return v;
}

}  // namespace seatsync
