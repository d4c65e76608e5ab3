// seatsync keys new | hash: API keys for `seatsync serve --api-keys FILE` (docs/security.md).
// The file holds `sha256:<hex>` lines, the keys' digests; the key itself is shown once, here.
#include <iostream>
#include <memory>
#include <string>

#include "cli.hpp"
#include "seatsync/api_key_file.hpp"

namespace seatsync::cli {

void add_keys_command(CLI::App& app, Commands& commands) {
  auto* keys = app.add_subcommand("keys", "API keys of the service's write routes (docs/security.md)");
  keys->require_subcommand(1);

  auto* make = keys->add_subcommand(
      "new", "Make a random key; prints the key (give it to the client) and the line to add to the --api-keys file");
  commands.push_back({make, [] {
                        const std::string key = new_api_key();
                        std::cout << "key: " << key << "\nline: " << api_key_line(key) << '\n';
                        std::cerr << "the key is not stored anywhere: give it to its client now; add the line to the "
                                     "--api-keys file\n";
                      }});

  // From stdin, not an argument: a command line is visible to every user (ps, /proc).
  auto* hash = keys->add_subcommand("hash", "Read a key from stdin (one line) and print the line to store for it");
  commands.push_back({hash, [] {
                        std::string key;
                        std::getline(std::cin, key);
                        while (!key.empty() && (key.back() == '\r' || key.back() == ' ')) key.pop_back();
                        std::cout << api_key_line(key) << '\n';
                      }});
}

}  // namespace seatsync::cli
