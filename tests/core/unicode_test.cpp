// Tests for core/text/unicode: expected lower-case forms and lengths were produced by Node 20
// (String.prototype.toLowerCase and .length), which is what survey-core relies on.
#include <doctest/doctest.h>

#include <string>

#include "core/text/unicode.h"

using namespace canvass::text;

TEST_CASE("to_lower matches JavaScript's toLowerCase") {
    struct Row {
        const char* input;
        const char* expected;
    };
    const Row rows[] = {
        {"ŁÓDŹ ĄĘ", "łódź ąę"},
        {"ΟΔΟΣ", "οδος"},               // final sigma
        {"ΣΑΣ ΣΑΣ.", "σας σας."},
        {"Σ", "σ"},                      // no cased letter before: not final
        {"AΣ", "aς"},
        {"ΑΣ\xCC\x81", "ας\xCC\x81"},   // a combining accent after the sigma is case-ignorable
        {"İstanbul", "i\xCC\x87stanbul"},  // İ lower-cases to two code points
        {"ПРИВЕТ Ёж", "привет ёж"},
        {"ÀÉÎÕÜ ÇÑ ß ẞ", "àéîõü çñ ß ß"},
        {"ǅ Ǆ", "ǆ ǆ"},
        {"\xF0\x90\x90\x80\xF0\x90\x90\x81", "\xF0\x90\x90\xA8\xF0\x90\x90\xA9"},  // Deseret, outside the BMP
        {"ABC xyz 123", "abc xyz 123"},
        {"Ω \xE2\x84\xAA Å", "ω k å"},  // Ohm, Kelvin and Angstrom signs
    };
    for (const auto& row : rows) {
        CAPTURE(row.input);
        CHECK(to_lower(std::string_view(row.input)) == row.expected);
    }
}

TEST_CASE("simple case mappings") {
    CHECK(simple_lower(U'Ł') == U'ł');
    CHECK(simple_lower(U'Ж') == U'ж');
    CHECK(simple_lower(U'7') == U'7');
    CHECK(simple_upper(U'ł') == U'Ł');
    CHECK(simple_upper(U'ß') == U'ß');  // "SS" is not a single unit
}

TEST_CASE("UTF-16 lengths count like JavaScript's String.length") {
    CHECK(utf16_length("a\xF0\x9F\x98\x80" "b") == 4);
    CHECK(utf16_length("") == 0);
    CHECK(utf16_length("Ł") == 1);
    CHECK(utf16_length("€") == 1);
    CHECK(utf16_length("\xFF") == 1);  // one U+FFFD
}

TEST_CASE("UTF-8 validity") {
    CHECK(is_valid_utf8("plain ascii"));
    CHECK(is_valid_utf8("Łódź \xF0\x9F\x98\x80"));
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // encoded surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
    CHECK_FALSE(is_valid_utf8("abc\xE2\x82"));       // truncated
}

TEST_CASE("conversions replace what cannot be represented") {
    CHECK(utf16_to_utf8(utf8_to_utf16("Łódź \xF0\x9F\x98\x80")) == "Łódź \xF0\x9F\x98\x80");
    CHECK(utf8_to_utf16("a\xE2\x82" "b") == u"a\uFFFDb");  // one U+FFFD per maximal invalid subpart
    std::u16string lone(1, static_cast<char16_t>(0xD83D));
    CHECK(utf16_to_utf8(lone) == "\xEF\xBF\xBD");
}

TEST_CASE("trim_js removes JavaScript whitespace") {
    CHECK(trim_js(u" \t\u00A0x y\u3000\uFEFF") == u"x y");
    CHECK(trim_js(u"   ").empty());
}
