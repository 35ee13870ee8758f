// SurveyJS expression language (visibleIf, enableIf, requiredIf, expression questions,
// calculatedValues, expression validators), evaluated exactly as npm survey-core@3.1.1 does.
// See docs/expressions.md for the grammar and semantics.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace canvass::expr {

// A parsed expression: immutable, so one parse can be shared and evaluated many times,
// from several threads at once.
struct Expression;

// Parses `text`. Errors read like "unexpected ')' at 17" or "unexpected end of expression
// at 5"; the position is a 0-based offset in UTF-16 code units (what survey-core reports,
// and equal to the character index for text without emoji) into `text`. The error's
// location is left empty for the caller to fill with the element path.
Result<std::shared_ptr<const Expression>> parse(std::string_view text);

// What an expression can see while it runs. Implementations must not throw.
class Context {
public:
    virtual ~Context() = default;

    // The value stored at the top level under `name`, compared case-insensitively (Unicode
    // lower-casing), or nullptr. `name` may contain dots: {a.b} first asks for a key "a.b",
    // then for "a" and descends into it. The pointer must stay valid during the evaluation.
    virtual const nlohmann::json* find(std::string_view name) const = 0;

    // The current moment in milliseconds since 1970-01-01T00:00:00Z, used by today(),
    // currentDate(), age() and friends. Core never reads a clock itself.
    virtual std::int64_t now_ms() const = 0;
};

// The usual context: survey data plus named values such as "row", "panel" or "item" that
// a matrix row, dynamic panel or choice item provides. Lookups try `bindings` first (in
// order), then each object in `layers` (in order), like survey-core's chained contexts.
// Pointers are borrowed: they must outlive the evaluation.
class DataContext : public Context {
public:
    DataContext() = default;
    DataContext(const nlohmann::json* data, std::int64_t now_ms) : now_ms_(now_ms) {
        if (data) layers.push_back(data);
    }

    std::vector<const nlohmann::json*> layers;
    std::vector<std::pair<std::string, const nlohmann::json*>> bindings;

    void set_now_ms(std::int64_t now_ms) { now_ms_ = now_ms; }

    const nlohmann::json* find(std::string_view name) const override;
    std::int64_t now_ms() const override { return now_ms_; }

private:
    std::int64_t now_ms_ = 0;
};

// Finds `name` among the keys of `object` as survey-core does: the first key (in iteration
// order) whose lower-cased form equals the lower-cased name. nullptr when absent or when
// `object` is not an object. Useful for writing Context implementations.
const nlohmann::json* find_key(const nlohmann::json& object, std::string_view name);

// Evaluates the expression. Never throws. The result is JSON: undefined and NaN/Infinity
// become null, dates become ISO-8601 strings ("2024-06-15T00:00:00.000Z"), and integral
// numbers are stored as integers so they print without ".0".
nlohmann::json evaluate(const Expression& expression, const Context& context);

// Evaluates as a condition (visibleIf, enableIf, requiredIf, ...): true exactly when
// survey-core's ConditionRunner says true, i.e. when the result == true in JavaScript
// (true, 1, "1", [1] are true; 2 and "yes" are not).
bool evaluate_condition(const Expression& expression, const Context& context);

// Variable names used in {braces}, without braces and without a leading '#', in order of
// first appearance, each once. Names inside the condition string of the *InArray
// functions are not included: they refer to the array's items.
std::vector<std::string> referenced_names(const Expression& expression);

// Names of the functions the expression calls, in order of first appearance, each once.
std::vector<std::string> referenced_functions(const Expression& expression);

// True for functions this implementation knows (a call to anything else yields null, as
// survey-core does for an unregistered function). Names are case-sensitive.
bool is_known_function(std::string_view name);

// The expression in survey-core's canonical text form (Operand.toString()), e.g.
// "({a} + 1)" for "{a}+1". Used when an unquoted condition is passed to an *InArray function.
std::string to_string(const Expression& expression);

}  // namespace canvass::expr
