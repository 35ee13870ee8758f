// The collector's staff token (core/collect/staff_token.h): made from random bytes, kept as a
// hash, checked from an Authorization header.
#include <doctest/doctest.h>

#include <array>
#include <string>

#include "core/collect/staff_token.h"

using namespace canvass;
using namespace canvass::collect;

TEST_CASE("a token is the prefix and 64 hex digits, and only its hash is needed to check it") {
    std::array<std::uint8_t, 32> random{};
    for (std::size_t i = 0; i < random.size(); ++i) random[i] = static_cast<std::uint8_t>(i * 7);
    const std::string token = make_staff_token(random);
    CHECK(token == "canvass-staff-00070e151c232a31383f464d545b626970777e858c939aa1a8afb6bdc4cbd2d9");
    const std::string hash = staff_token_hash(token);
    CHECK(hash.size() == 64);
    struct Case {
        std::string header;
        Access access;
    };
    const Case cases[] = {
        {"Bearer " + token, Access::Granted},
        {"", Access::Missing},
        {"Bearer " + token + "x", Access::Wrong},
        {"Basic " + token, Access::Wrong},
        {"Bearer ", Access::Wrong},
        {token, Access::Wrong},
    };
    for (const Case& c : cases) {
        CAPTURE(c.header);
        CHECK(check_bearer(c.header, hash) == c.access);
    }
    CHECK(check_bearer("Bearer " + token, "") == Access::Wrong);  // no token made yet
}

TEST_CASE("the stored hash file is read strictly") {
    const std::string hash(64, 'a');
    CHECK(read_staff_token_hash(hash + "\n").value() == hash);
    const Result<std::string> bad = read_staff_token_hash("not a hash");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message ==
          "the staff token file does not hold a token's hash; make a new token with 'canvass serve --new-token --data DIR'");
}
