// The kiosk staff PIN: its hash, its record's text form, the rules for a new PIN, and the
// lock after five wrong tries, on a clock the test passes in.
#include <doctest/doctest.h>

#include "core/app/staff_pin.h"
#include "core/util/pbkdf2.h"

using namespace canvass;

namespace {

constexpr std::array<std::uint8_t, 16> kSalt = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

}  // namespace

TEST_CASE("a PIN is kept as PBKDF2-HMAC-SHA-256 of 100,000 rounds over a random salt, never as itself") {
    const PinRecord record = make_pin_record("482915", kSalt);
    CHECK(record.iterations == 100'000);
    CHECK(record.salt_hex == "0102030405060708090a0b0c0d0e0f10");
    CHECK(record.hash_hex == hex_of(pbkdf2_hmac_sha256("482915", record.salt_hex, 100'000, 32)));
    const std::string text = encode_pin_record(record);
    CHECK(text.rfind("pbkdf2-sha256$100000$0102030405060708090a0b0c0d0e0f10$", 0) == 0);
    CHECK(text.find("482915") == std::string::npos);
    const Result<PinRecord> parsed = parse_pin_record(text);
    REQUIRE(parsed.ok());
    CHECK(*parsed == record);
}

TEST_CASE("a damaged or weakened PIN record is refused with a message saying what to do") {
    PinRecord strong = make_pin_record("482915", kSalt, 1);
    strong.iterations = 100'000;  // the text form is what is checked here, not the hash
    const std::string good = encode_pin_record(strong);
    const std::string weakened = "pbkdf2-sha256$1000$" + good.substr(good.find('$', 14) + 1);
    const std::string freezing = "pbkdf2-sha256$4000000000$" + good.substr(good.find('$', 14) + 1);  // a try would take hours
    for (const std::string& text : {std::string(""), std::string("482915"), good.substr(0, good.size() - 1), weakened, freezing,
                                    "md5$100000$0102030405060708090a0b0c0d0e0f10$" + std::string(64, 'a')}) {
        CAPTURE(text);
        const Result<PinRecord> parsed = parse_pin_record(text);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().to_string() == "device setting staff_pin: the staff PIN record is damaged; set a new PIN");
    }
}

TEST_CASE("a new PIN is 6 to 12 digits and not easy to guess") {
    struct Row {
        std::string pin, error;
    };
    const Row rows[] = {
        {"482915", ""},
        {"903817264501", ""},
        {"48291", "a staff PIN is 6 to 12 digits"},
        {"9038172645012", "a staff PIN is 6 to 12 digits"},
        {"48a915", "a staff PIN is 6 to 12 digits"},
        {"111111", "that PIN is too easy to guess; choose digits that are not all the same or in a row"},
        {"123456", "that PIN is too easy to guess; choose digits that are not all the same or in a row"},
        {"876543", "that PIN is too easy to guess; choose digits that are not all the same or in a row"},
    };
    for (const Row& row : rows) {
        CAPTURE(row.pin);
        const Status checked = check_new_pin(row.pin);
        CHECK((checked.ok() ? std::string() : checked.error().message) == row.error);
    }
}

// One round: the lock's rules do not depend on the hash's cost, and 100,000 rounds per try would
// make this test slow under the sanitizers.
TEST_CASE("five wrong PINs lock staff access for five minutes, even against the right PIN") {
    const PinRecord record = make_pin_record("482915", kSalt, 1);
    constexpr std::int64_t kStart = 1'800'000'000'000;
    PinLock lock;
    const char* expected[] = {
        "Wrong PIN. 4 tries left before staff access locks for 5 minutes.",
        "Wrong PIN. 3 tries left before staff access locks for 5 minutes.",
        "Wrong PIN. 2 tries left before staff access locks for 5 minutes.",
        "Wrong PIN. 1 try left before staff access locks for 5 minutes.",
        "Wrong PIN. Staff access is now locked for 5 minutes.",
    };
    for (int i = 0; i < 5; ++i) {
        CAPTURE(i);
        const PinAttempt attempt = try_pin(record, lock, "000000", kStart + i);
        CHECK_FALSE(attempt.accepted);
        CHECK(attempt.message == expected[i]);
        lock = attempt.lock;
    }
    CHECK(lock.locked_until_ms == kStart + 4 + kPinLockMs);
    PinAttempt locked = try_pin(record, lock, "482915", kStart + 60'000);
    CHECK_FALSE(locked.accepted);
    CHECK(locked.message == "Staff access is locked after 5 wrong PINs. Try again in 5 minutes.");
    locked = try_pin(record, lock, "482915", kStart + kPinLockMs - 30'000);
    CHECK(locked.message == "Staff access is locked after 5 wrong PINs. Try again in 1 minute.");

    const PinAttempt after = try_pin(record, lock, "482915", kStart + 4 + kPinLockMs);
    CHECK(after.accepted);
    CHECK(after.lock == PinLock{});
}

TEST_CASE("the right PIN clears earlier wrong tries") {
    const PinRecord record = make_pin_record("482915", kSalt, 1);
    PinAttempt attempt = try_pin(record, {}, "111111", 0);
    attempt = try_pin(record, attempt.lock, "482915", 1);
    CHECK(attempt.accepted);
    CHECK(attempt.lock.failures == 0);
    CHECK(attempt.message.empty());
}
