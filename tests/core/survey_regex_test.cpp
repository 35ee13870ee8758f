// Tests for regex validators' ECMAScript regular expressions (core/survey/regex.cpp). Every
// expected match was computed by Node's RegExp (new RegExp(pattern, flags).test(value)), the
// engine survey-core's RegexValidator uses; refusals name what is not supported.
#include <doctest/doctest.h>

#include <string>

#include "core/survey/regex.h"

using canvass::survey::Regex;

namespace {

struct MatchRow {
    const char8_t* pattern;
    bool case_insensitive;
    const char8_t* input;
    bool expected;
};

const char* chars(const char8_t* s) { return reinterpret_cast<const char*>(s); }

}  // namespace

TEST_CASE("regex matches as JavaScript's RegExp.test does") {
    const MatchRow rows[] = {
        {u8"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", false, u8"CM20 2JU", true},
        {u8"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", false, u8"cm20 2ju", false},
        {u8"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$", true, u8"cm20 2ju", true},
        {u8"\\d{3}", false, u8"ab1234", true},
        {u8"^\\d{3}$", false, u8"ab1234", false},
        {u8"colou?r", false, u8"The color", true},
        {u8"^(?:a|b)+$", false, u8"abba", true},
        {u8"^(?:a|b)+$", false, u8"abca", false},
        {u8"^(?=.*\\d)(?=.*[a-z]).{6,}$", false, u8"abc123", true},
        {u8"^(?=.*\\d)(?=.*[a-z]).{6,}$", false, u8"abcdef", false},
        {u8"^(?!test)\\w+$", false, u8"testing", false},
        {u8"^(?!test)\\w+$", false, u8"hello_1", true},
        {u8"\\bcat\\b", false, u8"concat cat", true},
        {u8"\\bcat\\b", false, u8"concatenate", false},
        {u8"^\\s*$", false, u8" \t", true},
        {u8"^.$", false, u8"\n", false},
        {u8"^[^]$", false, u8"\n", true},
        {u8"^[]$", false, u8"a", false},
        {u8"^a{2,}$", false, u8"aaaa", true},
        {u8"^a{2,3}$", false, u8"aaaa", false},
        {u8"x{", false, u8"x{", true},
        {u8"a]", false, u8"a]", true},
        {u8"^\\u0141\\x41$", false, u8"ŁA", true},
        {u8"^[ą-ż]+$", false, u8"łódź", false},
        {u8"^ŁÓDŹ$", true, u8"łódź", true},
        {u8"^(a+)+$", false, u8"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", false},
        {u8"^[\\w.-]+@[\\w-]+\\.[a-z]{2,}$", false, u8"jo.doe@ex-ample.org", true},
        {u8"\\cJ", false, u8"\n", true},
        {u8"^[\\d-x]+$", false, u8"1-x2", true},
        {u8"^.$", false, u8"😀", false},
        {u8"^..$", false, u8"😀", true},
        {u8"^\\W+$", true, u8"ſ", true},
        {u8"^k$", true, u8"K", false},
        {u8"^$", false, u8"", true},
        {u8"a|", false, u8"zzz", true},
    };
    for (const MatchRow& row : rows) {
        const std::string pattern = chars(row.pattern), input = chars(row.input);
        CAPTURE(pattern);
        CAPTURE(input);
        const auto compiled = Regex::compile(chars(row.pattern), row.case_insensitive);
        REQUIRE(compiled.ok());
        CHECK((*compiled)->test(chars(row.input)) == row.expected);
    }
}

TEST_CASE("regex refuses what it cannot match exactly, and invalid patterns") {
    struct Row {
        const char* pattern;
        const char* message;
    };
    const Row rows[] = {
        {"(?<=a)b", "lookbehind (?<= or (?<! is not supported in regex validators"},
        {"(?<!a)b", "lookbehind (?<= or (?<! is not supported in regex validators"},
        {"(?<year>\\d{4})", "named groups (?<name> are not supported in regex validators"},
        {"(a)\\1", "backreferences and octal escapes such as \\1 are not supported in regex validators"},
        {"\\u{41}", "\\u{...} escapes are not supported in regex validators (write \\uXXXX)"},
        {"\\p{L}+", "Unicode property escapes \\p{...} are not supported in regex validators"},
        {"\\k<a>", "named backreferences \\k<name> are not supported in regex validators"},
        {"a**", "invalid regex: nothing to repeat at 2"},
        {"*a", "invalid regex: nothing to repeat at 0"},
        {"^*", "invalid regex: nothing to repeat at 1"},
        {"(a", "invalid regex: unterminated group at 2"},
        {"[a", "invalid regex: missing ] for character class at 2"},
        {"a{3,1}", "invalid regex: numbers out of order in {} quantifier at 1"},
        {"[z-a]", "invalid regex: range out of order in character class at 4"},
        {"a)", "invalid regex: unmatched ')' at 1"},
        {"a{1001}", "regex repeat counts above 1000 are not supported"},
    };
    for (const Row& row : rows) {
        const std::string pattern = row.pattern;
        CAPTURE(pattern);
        const auto compiled = Regex::compile(row.pattern, false);
        REQUIRE_FALSE(compiled.ok());
        CHECK(compiled.error().message == row.message);
    }
    const auto too_long = Regex::compile(std::string(1001, 'a'), false);
    REQUIRE_FALSE(too_long.ok());
    CHECK(too_long.error().message == "regex is longer than 1000 characters");
}

TEST_CASE("regex runs in linear time and bounds its input") {
    // Catastrophic for a backtracking engine; a Thompson simulation answers at once.
    const auto evil = Regex::compile("^(a+)+$", false);
    REQUIRE(evil.ok());
    CHECK_FALSE((*evil)->test(std::string(5000, 'a') + "!"));
    CHECK((*evil)->test(std::string(5000, 'a')));
    // Input over kMaxRegexInputLength UTF-16 units does not match.
    const auto any = Regex::compile("a", false);
    REQUIRE(any.ok());
    CHECK((*any)->test(std::string(canvass::survey::kMaxRegexInputLength, 'a')));
    CHECK_FALSE((*any)->test(std::string(canvass::survey::kMaxRegexInputLength + 1, 'a')));
}

