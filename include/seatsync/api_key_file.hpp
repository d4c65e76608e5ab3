#pragma once
// The lines of an API key file (`seatsync serve --api-keys FILE`, docs/security.md): a key is
// stored as `sha256:<64 hex digits>`, its digest, so a copy of the file gives no key away.
// `seatsync keys new` makes a key and its line; `seatsync keys hash` makes the line of a key.
#include <string>
#include <string_view>

namespace seatsync {

// Keys shorter than this are refused: a key is a secret, not a password a person remembers.
inline constexpr std::size_t kMinApiKeyLength = 16;

// A fresh key: 32 bytes from the system's random source (getrandom), as 64 hex digits.
std::string new_api_key();
// "sha256:" + the key's SHA-256 as lowercase hex. std::invalid_argument when the key is shorter
// than kMinApiKeyLength or holds whitespace.
std::string api_key_line(std::string_view key);

}  // namespace seatsync
