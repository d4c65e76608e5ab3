#include "api_keys.hpp"

#include <fstream>
#include <stdexcept>

#include "ml/sha256.hpp"

namespace seatsync::service {
namespace {

// Equal-length strings compared without an early exit: the time does not tell where they differ.
bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

}  // namespace

ApiKeys ApiKeys::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot read the API key file");
  std::vector<std::string> keys;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    const std::string key = trim(line);
    if (key.empty() || key[0] == '#') continue;
    if (key.size() < 16 || key.find_first_of(" \t") != std::string::npos)
      throw std::runtime_error(file.string() + ":" + std::to_string(n) +
                               ": an API key must be at least 16 characters without spaces");
    keys.push_back(key);
  }
  return from_keys(keys);
}

ApiKeys ApiKeys::from_keys(const std::vector<std::string>& keys) {
  ApiKeys out;
  for (const auto& k : keys) out.digests_.push_back(sha256_hex(k));
  return out;
}

bool ApiKeys::allows(std::string_view authorization) const {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() || authorization.substr(0, kBearer.size()) != kBearer) return false;
  const std::string digest = sha256_hex(authorization.substr(kBearer.size()));
  bool found = false;
  for (const auto& d : digests_) found |= same(d, digest);  // every digest, always
  return found;
}

}  // namespace seatsync::service
