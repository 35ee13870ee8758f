// SHA-256, UUIDs and time: the small value types the rest of core builds on.
#include <doctest/doctest.h>

#include <string>

#include "core/util/pbkdf2.h"
#include "core/util/sha256.h"
#include "core/util/time.h"
#include "core/util/uuid.h"

using namespace canvass;

TEST_CASE("sha256 matches the FIPS 180-4 and NIST test vectors") {
    struct Row { std::string input; const char* digest; };
    const Row rows[] = {
        {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {std::string(1000000, 'a'), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
        // 55 and 56 bytes: the padding boundary where the length no longer fits the last block.
        {std::string(55, 'x'), "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.input.size());
        CHECK(sha256_hex(row.input) == row.digest);
    }
}

TEST_CASE("sha256 agrees across block boundaries when fed in pieces") {
    std::string text;
    for (int i = 0; i < 300; ++i) text += static_cast<char>('a' + i % 26);
    for (std::size_t split : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 128u, 299u}) {
        CAPTURE(split);
        Sha256 pieces;
        pieces.update(std::string_view(text).substr(0, split));
        pieces.update(std::string_view(text).substr(split));
        Sha256 whole;
        whole.update(text);
        CHECK(pieces.finish() == whole.finish());
    }
}

TEST_CASE("uuid: version and variant bits, formatting and parsing") {
    std::array<std::uint8_t, 16> random{};
    for (std::size_t i = 0; i < random.size(); ++i) random[i] = static_cast<std::uint8_t>(0xF0 + i);
    const Uuid id = Uuid::from_random(random);
    CHECK(id.to_string() == "f0f1f2f3-f4f5-46f7-b8f9-fafbfcfdfeff");
    CHECK(id.short_reference() == "F0F1F2F3");
    Result<Uuid> parsed = Uuid::parse("F0F1F2F3-F4F5-46F7-B8F9-FAFBFCFDFEFF");
    REQUIRE(parsed.ok());
    CHECK(*parsed == id);
}

TEST_CASE("uuid: parse errors say what is wrong and where") {
    struct Row { const char* text; const char* message; };
    const Row rows[] = {
        {"", "not a UUID (length 0, not 36); expected the form 8-4-4-4-12 hex digits"},
        {"f0f1f2f3f4f5-46f7-b8f9-fafbfcfdfeff1", "not a UUID (no '-' at 9); expected the form 8-4-4-4-12 hex digits"},
        {"f0f1f2f3-f4f5-46f7-b8f9-fafbfcfdfeZf", "not a UUID ('Z' at 35 is not hex); expected the form 8-4-4-4-12 hex digits"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.text);
        Result<Uuid> parsed = Uuid::parse(row.text);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message == row.message);
    }
}

TEST_CASE("civil dates round-trip across leap years, centuries and before 1970") {
    struct Row { CivilDate date; std::int64_t days; };
    const Row rows[] = {
        {{1970, 1, 1}, 0}, {{1969, 12, 31}, -1}, {{2000, 2, 29}, 11016}, {{2000, 3, 1}, 11017},
        {{1900, 3, 1}, -25508}, {{2026, 11, 26}, 20783}, {{2100, 2, 28}, 47540},
    };
    for (const Row& row : rows) {
        CAPTURE(row.date.year);
        CAPTURE(row.date.month);
        CAPTURE(row.date.day);
        CHECK(days_from_civil(row.date) == row.days);
        CHECK(civil_from_days(row.days) == row.date);
    }
}

TEST_CASE("ISO-8601 parsing and formatting") {
    struct Row { const char* text; std::int64_t unix_ms; const char* formatted; };
    const Row rows[] = {
        {"2026-11-26", 1795651200000, "2026-11-26T00:00:00Z"},
        {"2026-11-26T23:59:01Z", 1795737541000, "2026-11-26T23:59:01Z"},
        {"2026-11-26T23:59:01.250Z", 1795737541250, "2026-11-26T23:59:01Z"},
        {"2026-06-01T10:00:00+01:00", 1780304400000, "2026-06-01T09:00:00Z"},
        {"1969-12-31T23:59:59Z", -1000, "1969-12-31T23:59:59Z"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.text);
        Result<TimePoint> parsed = parse_iso8601(row.text);
        REQUIRE(parsed.ok());
        CHECK(parsed->unix_ms == row.unix_ms);
        CHECK(format_iso8601(*parsed) == row.formatted);
    }
    CHECK(format_day(TimePoint{1795737541000}) == "2026-11-26");
}

TEST_CASE("ISO-8601 errors name the text, the place and the expected form") {
    struct Row { const char* text; const char* message; };
    const Row rows[] = {
        {"2026-13-01", "'2026-13-01' is not an ISO-8601 date-time: expected a month 01-12 at character 8 (expected e.g. 2026-11-26 or 2026-11-26T14:30:00Z)"},
        {"2026-02-29", "'2026-02-29' is not an ISO-8601 date-time: expected a valid day at character 11 (expected e.g. 2026-11-26 or 2026-11-26T14:30:00Z)"},
        {"2026-11-26T25:00", "'2026-11-26T25:00' is not an ISO-8601 date-time: expected an hour 00-23 at character 14 (expected e.g. 2026-11-26 or 2026-11-26T14:30:00Z)"},
        {"tomorrow", "'tomorrow' is not an ISO-8601 date-time: expected a 4-digit year at character 1 (expected e.g. 2026-11-26 or 2026-11-26T14:30:00Z)"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.text);
        Result<TimePoint> parsed = parse_iso8601(row.text);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message == row.message);
    }
}

TEST_CASE("HMAC-SHA-256 matches RFC 4231, including a key longer than a block") {
    struct Row {
        std::string key, message, hex;
    };
    const Row rows[] = {
        {std::string(20, '\x0b'), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
        {"Jefe", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
        {std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.message);
        const auto digest = hmac_sha256(row.key, row.message);
        CHECK(hex_of({reinterpret_cast<const char*>(digest.data()), digest.size()}) == row.hex);
    }
}

TEST_CASE("PBKDF2-HMAC-SHA-256 matches the published vectors (RFC 7914 and others)") {
    struct Row {
        std::string password, salt;
        std::uint32_t iterations;
        std::size_t length;
        std::string hex;
    };
    const Row rows[] = {
        {"password", "salt", 1, 32, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b"},
        {"password", "salt", 2, 32, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43"},
        {"password", "salt", 4096, 32, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a"},
        {"passwd", "salt", 1, 64,
         "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.password);
        CAPTURE(row.iterations);
        CHECK(hex_of(pbkdf2_hmac_sha256(row.password, row.salt, row.iterations, row.length)) == row.hex);
    }
}
