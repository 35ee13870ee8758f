// Unicode text helpers shared by core modules: UTF-8/UTF-16 conversion, validity, lengths as
// JavaScript counts them, and JavaScript-compatible lower-casing and trimming.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace canvass::text {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view text);

// Length in UTF-16 code units, which is what JavaScript's String.length reports. Each invalid
// UTF-8 sequence counts as one U+FFFD, as a browser's TextDecoder would produce.
std::size_t utf16_length(std::string_view utf8);

// Decoding replaces each maximal invalid subsequence with U+FFFD (the WHATWG rule), so any
// byte string converts; encoding replaces lone surrogates with U+FFFD so the result is valid.
std::u16string utf8_to_utf16(std::string_view utf8);
std::string utf16_to_utf8(std::u16string_view utf16);

// String.prototype.toLowerCase() in the root locale: full Unicode mappings (İ becomes "i̇"),
// including the context-dependent final sigma. Tables generated from ICU 78 / Unicode 17.
std::u16string to_lower(std::u16string_view text);
std::string to_lower(std::string_view utf8);

// Simple (one code point to one code point) mappings. `simple_upper` returns the code point
// unchanged when the upper-case form is not a single UTF-16 unit (ß becomes "SS").
char32_t simple_lower(char32_t c);
char32_t simple_upper(char32_t c);

// The whitespace String.prototype.trim() removes (WhiteSpace and LineTerminator).
bool is_js_whitespace(char16_t c);
std::u16string_view trim_js(std::u16string_view text);

}  // namespace canvass::text
