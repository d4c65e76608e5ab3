// Challenge and CAPTCHA pages: what a site serves instead of content when it wants a human. Seeing
// one means the site has said no to us; the collector stops that source (retry_policy.cpp).
#include <algorithm>
#include <cctype>
#include <string>

#include "seatsync/retry_policy.hpp"

namespace seatsync {
namespace {

struct Marker {
  std::string_view text;  // lower-case; the body is compared lower-cased
  std::string_view reason;
};

// Markers that only challenge pages carry, searched anywhere in the body. Each is a piece of the
// challenge machinery itself (a script path, a widget's class, the interstitial's title or its
// question to the visitor), never a bare word: an ordinary page that mentions "captcha" or links to
// hCaptcha's or Google's privacy policy matches none of them. Deliberately absent:
// "/cdn-cgi/challenge-platform/scripts/jsd/", which Cloudflare injects into ordinary pages too, and
// the reCAPTCHA / hCaptcha / Turnstile scripts on their own, which many ordinary pages load for a
// login or contact form (reCAPTCHA v3 on every page); those count only inside a form (kWidgets).
constexpr Marker kPageMarkers[] = {
    {"<title>just a moment...</title>", "Cloudflare challenge page (\"Just a moment...\")"},
    {"_cf_chl_opt", "Cloudflare challenge page (cf-chl)"},
    {"cf-chl-", "Cloudflare challenge page (cf-chl)"},
    {"/cdn-cgi/challenge-platform/h/", "Cloudflare challenge page (challenge-platform)"},
    {"<title>attention required! | cloudflare</title>", "Cloudflare block page (\"Attention Required!\")"},
    {"verify you are human", "challenge page (\"verify you are human\")"},
    {"verify that you are human", "challenge page (\"verify you are human\")"},
    {"are you a robot", "challenge page (\"are you a robot\")"},
    {"captcha-delivery.com", "DataDome challenge page"},
    {"id=\"px-captcha\"", "PerimeterX challenge page"},
};

// CAPTCHA widgets (their markup and their loader scripts): a challenge when they sit in a <form>.
constexpr Marker kWidgets[] = {
    {"g-recaptcha", "reCAPTCHA form"},
    {"recaptcha/api.js", "reCAPTCHA form"},
    {"h-captcha", "hCaptcha form"},
    {"hcaptcha.com/1/api.js", "hCaptcha form"},
    {"cf-turnstile", "Turnstile form"},
    {"challenges.cloudflare.com/turnstile", "Turnstile form"},
};

std::string lower_case(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The reason of the first widget inside some <form …>…</form> (an unclosed form runs to the end).
std::optional<std::string> captcha_form(const std::string& body) {
  std::size_t pos = 0;
  while ((pos = body.find("<form", pos)) != std::string::npos) {
    const char after = pos + 5 < body.size() ? body[pos + 5] : '>';
    if (!(after == '>' || after == '/' || std::isspace(static_cast<unsigned char>(after)))) {
      pos += 5;  // "<formula>" and the like
      continue;
    }
    const std::size_t close = body.find("</form", pos);
    const std::string_view form = std::string_view(body).substr(pos, close == std::string::npos ? std::string::npos : close - pos);
    for (const auto& widget : kWidgets) {
      if (form.find(widget.text) != std::string_view::npos) return std::string(widget.reason);
    }
    if (close == std::string::npos) break;
    pos = close;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> challenge_reason(const HttpAnswer& answer) {
  for (const auto& [name, value] : answer.headers) {
    // Cloudflare's own signal that this answer is a challenge, whatever the body looks like.
    if (lower_case(name) == "cf-mitigated" && lower_case(value).find("challenge") != std::string::npos) {
      return "cf-mitigated: challenge header";
    }
  }
  if (answer.body.empty()) return std::nullopt;
  const std::string body = lower_case(answer.body);
  for (const auto& marker : kPageMarkers) {
    if (body.find(marker.text) != std::string::npos) return std::string(marker.reason);
  }
  return captcha_form(body);
}

}  // namespace seatsync
