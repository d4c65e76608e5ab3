// Extracted text → listings. Prices are read strictly: a currency marker may stand before or
// after the number, commas only as thousands separators ("1,234.50"), nothing else; text that
// could be read two ways ("1.234,50", "85,5") is refused rather than guessed.
#include "seatsync/listing_validation.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <fmt/format.h>

#include "seatsync/date.hpp"
#include "seatsync/time_zone.hpp"

namespace seatsync {

namespace {

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Currency signs as pages write them; "" when the sign alone does not name one currency ("$").
struct Sign {
  std::string_view text, code;
};
constexpr std::array<Sign, 14> kSigns{{{"US$", "USD"}, {"CA$", "CAD"}, {"AU$", "AUD"}, {"NZ$", "NZD"},
                                       {"HK$", "HKD"}, {"C$", "CAD"}, {"A$", "AUD"}, {"$", ""},
                                       {"\xE2\x82\xAC", "EUR"}, {"\xC2\xA3", "GBP"}, {"\xC2\xA5", "JPY"},
                                       {"\xE2\x82\xB9", "INR"}, {"\xE2\x82\xA9", "KRW"}, {"\xE2\x82\xBD", "RUB"}}};

// A currency marker at the front (`at_end` false) or back of `s`: a sign, or a three-letter code
// standing apart from letters. Returns its length (0: none) and sets `code` when it names one.
std::size_t marker(std::string_view s, bool at_end, std::string& code) {
  for (const auto& sign : kSigns) {
    if (at_end ? s.ends_with(sign.text) : s.starts_with(sign.text)) {
      code = sign.code;
      return sign.text.size();
    }
  }
  if (s.size() >= 3) {
    const std::string_view c = at_end ? s.substr(s.size() - 3) : s.substr(0, 3);
    const bool apart = s.size() == 3 || !is_letter(at_end ? s[s.size() - 4] : s[3]);
    if (apart && is_upper(c[0]) && is_upper(c[1]) && is_upper(c[2])) {
      code = std::string(c);
      return 3;
    }
  }
  return 0;
}

// "1234", "1,234", "1,234,567.89", "85.5", ".5", "1e+20" (as JSON writes large numbers).
bool plain_number(std::string_view s) {
  std::size_t i = 0, digits = 0;
  bool grouped = false;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  while (i < s.size() && s[i] == ',') {
    if (digits == 0 || (!grouped && digits > 3)) return false;
    grouped = true;
    std::size_t group = 0;
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++group;
    if (group != 3) return false;
  }
  std::size_t fraction = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++fraction;
    if (fraction == 0) return false;
  }
  if (digits == 0 && fraction == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E') && !grouped) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t exponent = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exponent;
    if (exponent == 0) return false;
  }
  return i == s.size();
}

struct Price {
  std::optional<double> value;  // set when the text is a number (possibly not finite)
  bool negative = false;
  std::string code;             // the currency the text names, "" when none or ambiguous
};

Price read_price(std::string_view text) {
  Price p;
  std::string_view s = trim(text);
  std::string front, back;
  if (const auto n = marker(s, false, front)) s = trim(s.substr(n));
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    p.negative = s.front() == '-';
    s = trim(s.substr(1));
    if (const auto n = marker(s, false, front)) s = trim(s.substr(n));  // "-$5"
  }
  if (const auto n = marker(s, true, back)) s = trim(s.substr(0, s.size() - n));
  if (!front.empty() && !back.empty() && front != back) return p;  // "€85 USD": which one?
  p.code = front.empty() ? back : front;
  if (!plain_number(s)) return p;
  std::string digits;
  for (char c : s)
    if (c != ',') digits += c;
  double v = 0.0;
  const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  // Out of a double's range: strtod says which way (infinity for "1e999", 0 for "1e-999").
  if (r.ec == std::errc::result_out_of_range) v = std::strtod(digits.c_str(), nullptr);
  else if (r.ec != std::errc() || r.ptr != digits.data() + digits.size()) return p;
  p.value = p.negative ? -v : v;
  return p;
}

// A stated currency ("usd", "USD", "€", "US$") → its code; the text itself, upper-cased, when it
// is not one we know (so that it is reported as written); "" for a sign that names no single one.
std::string currency_code(std::string_view text) {
  const std::string_view s = trim(text);
  for (const auto& sign : kSigns)
    if (s == sign.text) return std::string(sign.code);
  std::string out(s);
  for (auto& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string number_text(double v) { return fmt::format("{}", v); }

}  // namespace

ValidatedListings validate_listings(const SourceConfig& source, const Dataset& data, GameIndex game,
                                    const std::string& observed_at, const std::vector<ExtractedListing>& items) {
  if (game >= data.games.size()) throw std::invalid_argument("validate_listings: game index out of range");
  const auto stamp = parse_timestamp(observed_at);
  if (!stamp) throw std::invalid_argument("validate_listings: observed_at '" + observed_at + "' is not a timestamp");
  // The same dating as season_reader's: the poll's instant, in the venue's zone.
  const auto zone = data.params.timezone.empty() ? std::nullopt : TimeZone::locate(data.params.timezone);
  const Date observed_date = local_date(*stamp, zone ? &*zone : nullptr);

  ValidatedListings out;
  const std::string& game_id = data.games[game].id;
  for (const auto& item : items) {
    std::vector<std::string> reasons;
    auto reject = [&](std::string why) { reasons.push_back(std::move(why)); };

    const Price price = read_price(item.price);
    const std::string price_text(trim(item.price));
    if (price_text.empty()) reject("price is missing");
    else if (!price.value) reject("price is not a positive number: '" + price_text + "'");
    else if (!std::isfinite(*price.value)) reject("price is not finite: '" + price_text + "'");
    else if (*price.value <= 0.0) reject("price is not a positive number: '" + price_text + "'");
    else if (*price.value < source.min_price)
      reject("price " + number_text(*price.value) + " below min_price " + number_text(source.min_price));
    else if (*price.value > source.max_price)
      reject("price " + number_text(*price.value) + " above max_price " + number_text(source.max_price));

    int quantity = 1;
    const std::string_view q = trim(item.quantity);
    if (!q.empty()) {
      const auto r = std::from_chars(q.data(), q.data() + q.size(), quantity);
      if (r.ec != std::errc() || r.ptr != q.data() + q.size())
        reject("quantity is not a whole number of tickets: '" + std::string(q) + "'");
      else if (quantity < 0)
        reject("quantity is negative: '" + std::string(q) + "'");
    }

    if (source.expected_currency) {
      // What the listing says: its currency field, else a marker in the price ("€85", "85 CAD").
      const bool field = !trim(item.currency).empty();
      const std::string stated = field ? currency_code(item.currency) : price.code;
      if (!stated.empty() && stated != *source.expected_currency)
        reject((field ? "currency '" + std::string(trim(item.currency)) + "'"
                      : "currency '" + stated + "' (in price '" + price_text + "')") +
               " is not expected_currency " + *source.expected_currency);
    }

    const std::string section(trim(item.section));
    std::optional<CodeIndex> code;
    std::string flag;
    if (auto it = source.sections.find(section); !section.empty() && it != source.sections.end()) {
      code = data.find_code(it->second);
      if (!code)
        throw std::invalid_argument("source '" + source.name + "' maps section '" + section + "' to price code '" +
                                    it->second + "', which the dataset does not have (validate_sources_against)");
    } else if (!source.section.empty()) {
      flag = section.empty() ? "the listing states no section"
                             : "section '" + section + "' has no price code in [source.sections]";
    }

    if (!reasons.empty()) {
      std::string reason = reasons.front();
      for (std::size_t i = 1; i < reasons.size(); ++i) reason += "; " + reasons[i];
      out.rejected.push_back({source.name, game_id, observed_at, item, std::move(reason)});
      continue;
    }
    if (!flag.empty()) out.flagged.push_back({source.name, game_id, observed_at, item, std::move(flag)});
    Listing l;
    l.game = game;
    l.code = code;
    l.observed_at = observed_at;
    l.observed_date = observed_date;
    l.price = *price.value;
    l.quantity = quantity;
    l.source = source.name;
    l.listing_id = std::string(trim(item.listing_id));
    l.section = section;
    out.accepted.push_back(std::move(l));
  }
  return out;
}

}  // namespace seatsync
