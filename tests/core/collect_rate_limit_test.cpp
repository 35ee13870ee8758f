// The collector's per-client token buckets (core/collect/rate_limit.h), on a clock passed in.
#include <doctest/doctest.h>

#include <string>

#include "core/collect/rate_limit.h"

using namespace canvass::collect;

TEST_CASE("a client gets its burst at once, then the sustained rate, and others are not affected") {
    RateLimiter limiter(RateLimit{2, 3, 100});
    for (int i = 0; i < 3; ++i) {
        CAPTURE(i);
        CHECK(limiter.take("10.0.0.1", 1000).allowed);
    }
    const RateLimiter::Decision refused = limiter.take("10.0.0.1", 1000);
    CHECK_FALSE(refused.allowed);
    CHECK(refused.retry_after_ms == 500);  // one token at 2 per second
    CHECK(limiter.take("10.0.0.2", 1000).allowed);
    CHECK(limiter.take("10.0.0.1", 1500).allowed);
    CHECK_FALSE(limiter.take("10.0.0.1", 1500).allowed);
    // A clock that goes back gives nothing back and takes nothing away.
    CHECK_FALSE(limiter.take("10.0.0.1", 900).allowed);
}

TEST_CASE("idle clients are forgotten, and a full table refuses new clients instead of growing") {
    RateLimiter limiter(RateLimit{1, 2, 2});
    CHECK(limiter.take("a", 0).allowed);
    CHECK(limiter.take("b", 0).allowed);
    CHECK(limiter.clients() == 2);
    CHECK_FALSE(limiter.take("c", 0).allowed);  // a and b are not idle yet
    CHECK(limiter.take("c", 5000).allowed);     // they are now: forgotten to make room
    CHECK(limiter.clients() == 1);
    limiter.forget_idle(60'000);
    CHECK(limiter.clients() == 0);
}

TEST_CASE("a rate of 0 turns the limit off") {
    RateLimiter limiter(RateLimit{0, 0, 1});
    for (int i = 0; i < 100; ++i) CHECK(limiter.take("x" + std::to_string(i), 0).allowed);
    CHECK(limiter.clients() == 0);
}
