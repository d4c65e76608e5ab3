#pragma once
// SHA-256 of a byte string, as lowercase hex: the checksum the model registry stores beside
// every model so that a corrupted or truncated file is refused instead of used.
#include <string>
#include <string_view>

namespace seatsync {

std::string sha256_hex(std::string_view bytes);

}  // namespace seatsync
