#include "api_keys.hpp"

#include <spdlog/spdlog.h>
#include <sys/random.h>

#include <array>
#include <cerrno>
#include <fstream>
#include <stdexcept>

#include "ml/sha256.hpp"
#include "seatsync/api_key_file.hpp"

namespace seatsync {

std::string new_api_key() {
  std::array<unsigned char, 32> bytes{};
  std::size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = getrandom(bytes.data() + got, bytes.size() - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error("cannot read the system's random source (getrandom)");
    got += static_cast<std::size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string key;
  for (unsigned char b : bytes) {
    key.push_back(kHex[b >> 4]);
    key.push_back(kHex[b & 15]);
  }
  return key;
}

std::string api_key_line(std::string_view key) {
  if (key.size() < kMinApiKeyLength || key.find_first_of(" \t\r\n") != std::string_view::npos)
    throw std::invalid_argument("an API key must be at least 16 characters without spaces");
  return "sha256:" + sha256_hex(key);
}

}  // namespace seatsync

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

bool is_digest(std::string_view hex) {
  if (hex.size() != 64) return false;
  for (char c : hex)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace

ApiKeys ApiKeys::load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot read the API key file");
  ApiKeys out;
  std::string line;
  std::size_t plaintext = 0, first_plaintext = 0;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    const std::string entry = trim(line);
    if (entry.empty() || entry[0] == '#') continue;
    const std::string where = file.string() + ":" + std::to_string(n) + ": ";
    if (entry.starts_with("sha256:")) {
      const std::string hex = entry.substr(7);
      if (!is_digest(hex))
        throw std::runtime_error(where + "after sha256: must come 64 lowercase hex digits (`seatsync keys hash`)");
      out.digests_.push_back(hex);
      continue;
    }
    // A key in plain text, as files written before sha256: lines were: still accepted. The
    // messages name the line, never the key.
    try {
      api_key_line(entry);
    } catch (const std::invalid_argument& e) {
      throw std::runtime_error(where + e.what());
    }
    if (plaintext++ == 0) first_plaintext = n;
    out.digests_.push_back(sha256_hex(entry));
  }
  if (plaintext)
    spdlog::warn("{}:{}: {} API key(s) stored in plain text; store `sha256:` lines instead (`seatsync keys hash`, "
                 "docs/security.md)",
                 file.string(), first_plaintext, plaintext);
  return out;
}

ApiKeys ApiKeys::from_keys(const std::vector<std::string>& keys) {
  ApiKeys out;
  for (const auto& k : keys) out.digests_.push_back(sha256_hex(k));
  return out;
}

bool ApiKeys::allows(std::string_view authorization) const {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size() || authorization.substr(0, kBearer.size()) != kBearer) return false;
  // The presented key is hashed first, so what is compared always has 64 characters whatever
  // was sent, and a key is never compared or kept in plain text.
  const std::string digest = sha256_hex(authorization.substr(kBearer.size()));
  bool found = false;
  for (const auto& d : digests_) found |= same(d, digest);  // every digest, always
  return found;
}

}  // namespace seatsync::service
