// Retry-After, full jitter, challenge pages and the decision on every class of answer.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <stdexcept>
#include <string>

#include "seatsync/retry_policy.hpp"

namespace seatsync {
namespace {

using namespace std::chrono;
using Kind = RetryDecision::Kind;

// RFC 9110 5.6.7's example instant is Sun, 06 Nov 1994 08:49:37 GMT; "now" is a minute before it.
const system_clock::time_point kRfcInstant = sys_days{1994y / November / 6} + 8h + 49min + 37s;
const system_clock::time_point kNow = kRfcInstant - 60s;

HttpAnswer answer(int status, std::string body = "", std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpAnswer a;
  a.status = status;
  a.body = std::move(body);
  a.headers = std::move(headers);
  return a;
}

// ---- Retry-After ---------------------------------------------------------------------------------

TEST(RetryAfter, DeltaSeconds) {
  EXPECT_DOUBLE_EQ(*parse_retry_after("120", kNow), 120.0);
  EXPECT_DOUBLE_EQ(*parse_retry_after(" 0 ", kNow), 0.0);
  EXPECT_DOUBLE_EQ(*parse_retry_after("86400", kNow), 86400.0);
  for (const char* bad : {"", "  ", "-5", "1.5", "+3", "2 minutes", "soon", "0x10"}) {
    EXPECT_FALSE(parse_retry_after(bad, kNow).has_value()) << bad;
  }
}

// Found by tests/fuzz/fuzz_date: a date past 2262 overflowed system_clock's nanoseconds (UB), and
// a huge delay-seconds was a wait no clock duration holds. Both are now capped at a century.
TEST(RetryAfter, FarFutureDatesAndHugeDelaysAreCappedAtACentury) {
  EXPECT_DOUBLE_EQ(*parse_retry_after("Sun Nov  6 08:49:37 3988", kNow), kMaxRetryAfterS);
  EXPECT_DOUBLE_EQ(*parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", kNow), kMaxRetryAfterS);
  EXPECT_DOUBLE_EQ(*parse_retry_after(std::string(400, '9'), kNow), kMaxRetryAfterS);
  EXPECT_DOUBLE_EQ(*parse_retry_after("3153600001", kNow), kMaxRetryAfterS);
}

TEST(RetryAfter, TheThreeHttpDateFormatsOfRfc9110) {
  EXPECT_DOUBLE_EQ(*parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", kNow), 60.0);   // IMF-fixdate
  EXPECT_DOUBLE_EQ(*parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", kNow), 60.0);  // obsolete RFC 850
  EXPECT_DOUBLE_EQ(*parse_retry_after("Sun Nov  6 08:49:37 1994", kNow), 60.0);        // asctime
  EXPECT_DOUBLE_EQ(*parse_retry_after("Sun Nov 06 08:49:37 1994", kNow), 60.0);
  EXPECT_DOUBLE_EQ(*parse_retry_after("Mon, 07 Nov 1994 08:48:37 GMT", kNow), 86400.0);
}

TEST(RetryAfter, ADateInThePastMeansNow) {
  EXPECT_DOUBLE_EQ(*parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", kNow), 0.0);
  EXPECT_DOUBLE_EQ(*parse_retry_after("Thu, 01 Jan 1970 00:00:00 GMT", kNow), 0.0);
}

TEST(RetryAfter, MalformedDatesAreUnparsable) {
  for (const char* bad : {
           "Sun, 31 Feb 1994 08:49:37 GMT",   // no such day
           "Sun, 06 Nov 1994 24:00:00 GMT",   // no such hour
           "Sun, 06 Nov 1994 08:61:00 GMT",   // no such minute
           "Sun, 06 Nov 1994 08:49:37 PST",   // HTTP-dates are in GMT
           "Sun, 06 Nov 1994 08:49:37",       // zone missing
           "Sun, 6 Nov 1994 08:49:37 GMT",    // IMF-fixdate's day has two digits
           "Sun, 06 Nov 94 08:49:37 GMT",     // nor a two-digit year
           "Sun, 06 Nov 1994 08:49:37 GMT x", // trailing text
           "Xyz, 06 Nov 1994 08:49:37 GMT",   // no such day name
           "Sun, 06 Foo 1994 08:49:37 GMT",   // no such month
           "Sun Nov  6 08:49:37 94",          // asctime has four-digit years
       }) {
    EXPECT_FALSE(parse_retry_after(bad, kNow).has_value()) << bad;
  }
}

TEST(RetryAfter, AnRfc850TwoDigitYearMoreThan50YearsAheadIsInThePast) {
  const system_clock::time_point now = sys_days{2026y / March / 1};
  // "27" is 2027 (ahead, but not by 50 years).
  const double to_2027 = duration<double>(sys_days{2027y / January / 1} - now).count();
  EXPECT_DOUBLE_EQ(*parse_retry_after("Friday, 01-Jan-27 00:00:00 GMT", now), to_2027);
  // "94" read as 2094 would be 68 years ahead, so it is 1994: in the past.
  EXPECT_DOUBLE_EQ(*parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now), 0.0);
  // "76" is 2076: 49.8 years ahead, not more than 50.
  EXPECT_GT(*parse_retry_after("Wednesday, 01-Jan-76 00:00:00 GMT", now), 49 * 365 * 86400.0);
}

// ---- full jitter ---------------------------------------------------------------------------------

TEST(FullJitter, EveryDrawLiesBetweenZeroAndTheCappedExponential) {
  std::mt19937_64 rng(2015);
  for (int attempt = 0; attempt <= 12; ++attempt) {
    const double ceiling = std::min(60.0, std::ldexp(1.0, attempt));
    double largest = 0;
    for (int i = 0; i < 500; ++i) {
      const double d = full_jitter_delay_s(attempt, 1.0, 60.0, rng);
      ASSERT_GE(d, 0.0);
      ASSERT_LE(d, ceiling);
      largest = std::max(largest, d);
    }
    EXPECT_GT(largest, 0.9 * ceiling) << attempt;  // it does spread over the whole range
  }
  EXPECT_LE(full_jitter_delay_s(5000, 1.0, 60.0, rng), 60.0);  // 2^5000 does not overflow into NaN
}

TEST(FullJitter, TheMeanIsHalfTheCeiling) {
  // Uniform on [0, 8]: mean 4, sd 8/√12 ≈ 2.31, so the mean of 20000 draws has sd ≈ 0.016.
  std::mt19937_64 rng(42);
  double sum = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) sum += full_jitter_delay_s(3, 1.0, 60.0, rng);
  EXPECT_NEAR(sum / n, 4.0, 0.08);
}

TEST(FullJitter, TheSameSeedGivesTheSameDelays) {
  std::mt19937_64 a(9), b(9);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(full_jitter_delay_s(i, 0.5, 30, a), full_jitter_delay_s(i, 0.5, 30, b));
}

TEST(FullJitter, BadArgumentsAreRefused) {
  std::mt19937_64 rng(1);
  EXPECT_THROW(full_jitter_delay_s(-1, 1, 60, rng), std::invalid_argument);
  EXPECT_THROW(full_jitter_delay_s(0, -1, 60, rng), std::invalid_argument);
  EXPECT_THROW(full_jitter_delay_s(0, 1, std::nan(""), rng), std::invalid_argument);
}

// ---- challenge pages -----------------------------------------------------------------------------

// Shaped like Cloudflare's managed-challenge interstitial (served with 403 or 503, sometimes 200).
constexpr const char* kCloudflareInterstitial = R"(<!DOCTYPE html><html lang="en-US"><head>
<title>Just a moment...</title><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta name="robots" content="noindex,nofollow"><meta name="viewport" content="width=device-width,initial-scale=1">
</head><body><div class="main-wrapper" role="main"><div class="main-content">
<h1 class="zone-name-title h1">tickets.example.com</h1>
<h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2>
<noscript><div id="challenge-error-title">Enable JavaScript and cookies to continue</div></noscript>
</div></div><script>(function(){window._cf_chl_opt={cvId: '3',cZone: "tickets.example.com",cType: 'managed'};
var cpo=document.createElement('script');cpo.src='/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8a1b2c3d4e5f6789';
document.getElementsByTagName('head')[0].appendChild(cpo);}());</script></body></html>)";

constexpr const char* kHcaptchaForm = R"(<html><head><title>Security check</title>
<script src="https://js.hcaptcha.com/1/api.js" async defer></script></head>
<body><h1>One more step</h1><p>Please complete the security check to access tickets.example.com.</p>
<form action="/verify" method="POST">
  <div class="h-captcha" data-sitekey="10000000-ffff-ffff-ffff-000000000001"></div>
  <input type="submit" value="Continue">
</form></body></html>)";

constexpr const char* kRecaptchaForm = R"(<html><head><title>Unusual traffic</title>
<script src="https://www.google.com/recaptcha/api.js" async defer></script></head>
<body><p>Our systems have detected unusual traffic from your network.</p>
<form id="captcha-form" action="/sorry/index" method="post">
  <div class="g-recaptcha" data-sitekey="6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI"></div>
  <button type="submit">Submit</button>
</form></body></html>)";

constexpr const char* kTurnstileForm = R"(<html><head>
<script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer></script></head>
<body><h1>Checking your browser</h1>
<form method="post" action="/continue"><div class="cf-turnstile" data-sitekey="1x00000000000000000000AA"></div>
<input type="submit" value="Continue"></form></body></html>)";

constexpr const char* kVerifyHuman = R"(<html><head><title>Access check</title></head>
<body><h1>Please verify you are human</h1><p>Press and hold the button.</p>
<div id="px-captcha"></div></body></html>)";

constexpr const char* kRobotQuestion = "<html><body><h1>Are you a robot?</h1><p>Sorry, we need to check.</p></body></html>";

// An ordinary listings page that mentions CAPTCHAs in passing, loads reCAPTCHA v3 and Cloudflare's
// bot-detection script (both present on many ordinary pages), has a search form and a newsletter
// form, and links to hCaptcha's and Google's privacy policies. Nothing here is a challenge.
constexpr const char* kOrdinaryPage = R"(<!DOCTYPE html><html><head><title>Game 1 listings | Tickets</title>
<script src="https://www.google.com/recaptcha/api.js?render=6Lc_aBcDeFgHiJkLmNoPqRsTuVwXyZ"></script>
<script src="/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script></head>
<body><form action="/search" method="get"><input name="q" placeholder="Search events"></form>
<ul class="listings">
  <li class="listing"><span class="section">101</span><span class="price">$85.00</span></li>
  <li class="listing"><span class="section">102</span><span class="price">$120.00</span></li>
</ul>
<p>Just a moment of your time: rate your experience!</p>
<form action="/newsletter" method="post"><input name="email"><button>Subscribe</button></form>
<footer>This site is protected by reCAPTCHA and the Google
<a href="https://policies.google.com/privacy">Privacy Policy</a> applies.
<a href="/privacy#captcha">How we use CAPTCHA</a> ·
<a href="https://www.hcaptcha.com/privacy">hCaptcha privacy</a></footer></body></html>)";

TEST(ChallengeDetection, RealisticChallengePagesAreRecognised) {
  EXPECT_EQ(challenge_reason(answer(403, kCloudflareInterstitial)), "Cloudflare challenge page (\"Just a moment...\")");
  EXPECT_EQ(challenge_reason(answer(200, kHcaptchaForm)), "hCaptcha form");
  EXPECT_EQ(challenge_reason(answer(200, kRecaptchaForm)), "reCAPTCHA form");
  EXPECT_EQ(challenge_reason(answer(200, kTurnstileForm)), "Turnstile form");
  EXPECT_EQ(challenge_reason(answer(200, kVerifyHuman)), "challenge page (\"verify you are human\")");
  EXPECT_EQ(challenge_reason(answer(200, kRobotQuestion)), "challenge page (\"are you a robot\")");
}

TEST(ChallengeDetection, EachCloudflareMarkerAloneIsEnough) {
  EXPECT_TRUE(challenge_reason(answer(503, "<html><script>window._cf_chl_opt={}</script></html>")));
  EXPECT_TRUE(challenge_reason(answer(200, "<div id=\"cf-chl-widget-x1\"></div>")));
  EXPECT_TRUE(challenge_reason(answer(200, "<script src=\"/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1\"></script>")));
  EXPECT_TRUE(challenge_reason(answer(200, "<HTML><TITLE>JUST A MOMENT...</TITLE></HTML>")));  // any case
}

TEST(ChallengeDetection, TheCfMitigatedHeaderIsEnoughWhateverTheBody) {
  EXPECT_EQ(challenge_reason(answer(403, "", {{"cf-mitigated", "challenge"}})), "cf-mitigated: challenge header");
  EXPECT_EQ(challenge_reason(answer(200, "{}", {{"server", "cloudflare"}, {"cf-mitigated", "Challenge"}})),
            "cf-mitigated: challenge header");
  EXPECT_FALSE(challenge_reason(answer(200, "{}", {{"server", "cloudflare"}, {"cf-ray", "8a1b2c3d-AMS"}})));
}

TEST(ChallengeDetection, OrdinaryPagesThatMentionCaptchaAreNotFlagged) {
  EXPECT_EQ(challenge_reason(answer(200, kOrdinaryPage)), std::nullopt);
  EXPECT_EQ(challenge_reason(answer(200, R"({"listings":[{"price":85,"note":"no captcha needed"}]})")), std::nullopt);
  EXPECT_EQ(challenge_reason(answer(200, "<html><body><formula>x</formula>g-recaptcha</body></html>")), std::nullopt);
  EXPECT_EQ(challenge_reason(answer(200, "")), std::nullopt);
}

// ---- decide --------------------------------------------------------------------------------------

class Decide : public ::testing::Test {
 protected:
  RetryDecision run(const HttpAnswer& a, int attempt) { return decide(a, attempt, policy_, kNow, rng_); }
  RetryPolicy policy_;  // 4 retries, 1 s base, 60 s cap
  std::mt19937_64 rng_{15};
};

TEST_F(Decide, A2xxWithoutAChallengeIsAccepted) {
  EXPECT_EQ(run(answer(200, kOrdinaryPage), 0).kind, Kind::accept);
  EXPECT_EQ(run(answer(204), 3).kind, Kind::accept);
}

TEST_F(Decide, AChallengeIsABlockAtAnyStatus) {
  for (int status : {200, 403, 429, 503}) {
    const RetryDecision d = run(answer(status, kCloudflareInterstitial), 0);
    EXPECT_EQ(d.kind, Kind::blocked) << status;
    EXPECT_NE(d.reason.find("challenge page"), std::string::npos) << d.reason;
  }
  EXPECT_EQ(run(answer(200, kRecaptchaForm), 0).reason, "challenge page: reCAPTCHA form");
  EXPECT_EQ(run(answer(403, "", {{"cf-mitigated", "challenge"}}), 0).reason, "challenge page: cf-mitigated: challenge header");
}

TEST_F(Decide, A403IsABlockAtOnce) {
  const RetryDecision d = run(answer(403, "<html>Forbidden</html>"), 0);
  EXPECT_EQ(d.kind, Kind::blocked);
  EXPECT_EQ(d.reason, "HTTP 403 Forbidden");
  EXPECT_EQ(run(answer(451), 0).kind, Kind::blocked);
}

TEST_F(Decide, A429IsRetriedAfterRetryAfterThenABlock) {
  const RetryDecision first = run(answer(429, "", {{"retry-after", "7"}}), 0);
  EXPECT_EQ(first.kind, Kind::retry);
  EXPECT_DOUBLE_EQ(first.delay_s, 7.0);
  EXPECT_EQ(first.reason, "HTTP 429 Too Many Requests; retry 1 of 4 in 7.0 s (Retry-After)");
  // An HTTP-date, a minute after now.
  const RetryDecision dated = run(answer(429, "", {{"retry-after", "Sun, 06 Nov 1994 08:49:37 GMT"}}), 1);
  EXPECT_EQ(dated.kind, Kind::retry);
  EXPECT_DOUBLE_EQ(dated.delay_s, 60.0);
  // Without Retry-After: full jitter.
  const RetryDecision jitter = run(answer(429), 2);
  EXPECT_EQ(jitter.kind, Kind::retry);
  EXPECT_GE(jitter.delay_s, 0.0);
  EXPECT_LE(jitter.delay_s, 4.0);
  // Retries spent: blocked.
  const RetryDecision spent = run(answer(429, "", {{"retry-after", "7"}}), 4);
  EXPECT_EQ(spent.kind, Kind::blocked);
  EXPECT_EQ(spent.reason, "HTTP 429 Too Many Requests after 4 retries");
}

TEST_F(Decide, ARetryAfterLongerThanTheCapIsNotWaitedOutNorCutShort) {
  const RetryDecision d = run(answer(429, "", {{"retry-after", "3600"}}), 0);
  EXPECT_EQ(d.kind, Kind::blocked);
  EXPECT_DOUBLE_EQ(d.delay_s, 3600.0);  // for the caller's pause_until
  const RetryDecision busy = run(answer(503, "", {{"retry-after", "120"}}), 0);
  EXPECT_EQ(busy.kind, Kind::failed);
  EXPECT_DOUBLE_EQ(busy.delay_s, 120.0);
}

TEST_F(Decide, TheLongestOfSeveralRetryAftersIsHonouredAndGarbageIgnored) {
  EXPECT_DOUBLE_EQ(run(answer(503, "", {{"retry-after", "3"}, {"retry-after", "9"}}), 0).delay_s, 9.0);
  const RetryDecision garbage = run(answer(503, "", {{"retry-after", "later, please"}}), 0);
  EXPECT_EQ(garbage.kind, Kind::retry);
  EXPECT_LE(garbage.delay_s, 1.0);  // full jitter at attempt 0: [0, 1]
  EXPECT_NE(garbage.reason.find("(backoff)"), std::string::npos);
}

TEST_F(Decide, ServerErrorsAndTimeoutsAreRetriedWithBackoffThenFailed) {
  for (int status : {500, 502, 503, 504, 408}) {
    for (int attempt = 0; attempt < 4; ++attempt) {
      const RetryDecision d = run(answer(status), attempt);
      EXPECT_EQ(d.kind, Kind::retry) << status << " " << attempt;
      EXPECT_LE(d.delay_s, std::ldexp(1.0, attempt)) << status;
    }
    const RetryDecision spent = run(answer(status), 4);
    EXPECT_EQ(spent.kind, Kind::failed) << status;
  }
  EXPECT_DOUBLE_EQ(run(answer(503, "", {{"retry-after", "5"}}), 0).delay_s, 5.0);

  HttpAnswer refused;  // status 0: no answer
  refused.error = "Couldn't connect to server";
  const RetryDecision r = run(refused, 0);
  EXPECT_EQ(r.kind, Kind::retry);
  EXPECT_EQ(r.reason.find("no answer (Couldn't connect to server)"), 0u) << r.reason;
  EXPECT_EQ(run(refused, 4).kind, Kind::failed);

  HttpAnswer timeout;
  timeout.timed_out = true;
  timeout.error = "Operation timed out after 30000 milliseconds";
  EXPECT_EQ(run(timeout, 1).kind, Kind::retry);
  EXPECT_EQ(run(timeout, 4).reason, "timed out (Operation timed out after 30000 milliseconds) after 4 retries");

  HttpAnswer cut_off = answer(200, "{\"listings\": [");  // the body was cut by the timeout
  cut_off.timed_out = true;
  EXPECT_EQ(run(cut_off, 0).kind, Kind::retry);
}

TEST_F(Decide, OtherStatusesFailAtOnce) {
  for (int status : {301, 304, 400, 401, 404, 410, 501, 505}) {
    const RetryDecision d = run(answer(status), 0);
    EXPECT_EQ(d.kind, Kind::failed) << status;
  }
  EXPECT_EQ(run(answer(404), 0).reason, "HTTP 404");
}

TEST_F(Decide, ZeroRetriesAllowedMeansNoRetry) {
  policy_.max_retries = 0;
  EXPECT_EQ(run(answer(503), 0).kind, Kind::failed);
  EXPECT_EQ(run(answer(429), 0).kind, Kind::blocked);
}

TEST_F(Decide, BadArgumentsAreRefused) {
  EXPECT_THROW(run(answer(200), -1), std::invalid_argument);
  policy_.max_retries = -1;
  EXPECT_THROW(run(answer(200), 0), std::invalid_argument);
}

}  // namespace
}  // namespace seatsync
