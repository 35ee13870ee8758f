// ECMAScript regular expressions for regex validators: the subset of JavaScript's RegExp
// (without the u flag) that survey-core's RegexValidator runs, matched exactly, in bounded
// time and memory, never throwing. Patterns using what is refused (lookbehind, named groups,
// backreferences, \u{...}, \p{...}) fail to compile with a message saying so.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace canvass::survey {

inline constexpr std::size_t kMaxRegexPatternLength = 1000;  // UTF-16 units in a pattern
inline constexpr std::size_t kMaxRegexInputLength = 10000;   // UTF-16 units a value may have to be tested

class Regex {
public:
    // Compiles `pattern` as `new RegExp(pattern, case_insensitive ? "i" : "")` would. The error
    // message reads like "invalid regex: nothing to repeat at 0" or "lookbehind (?<= ... ) is
    // not supported"; its location is left empty.
    static Result<std::shared_ptr<const Regex>> compile(std::string_view pattern, bool case_insensitive);

    // RegExp.prototype.test(value): true when the pattern matches somewhere in `utf8`.
    // Runs in time proportional to pattern size times input length (a Thompson simulation,
    // no backtracking). Input longer than kMaxRegexInputLength UTF-16 units does not match.
    bool test(std::string_view utf8) const;

    struct Impl;
    explicit Regex(std::unique_ptr<Impl> impl);
    ~Regex();

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace canvass::survey
