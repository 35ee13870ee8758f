// Internals shared by the expression parser, evaluator and functions: a JavaScript-like value
// model (survey-core's semantics are JavaScript's, quirks included) and the syntax tree.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/expr/expression.h"

namespace canvass::expr::detail {

struct Value;
using Array = std::vector<Value>;
using Object = std::vector<std::pair<std::u16string, Value>>;

// One JavaScript value. Strings are UTF-16 so lengths, indexes and ordering are JavaScript's.
// Arrays and objects are shared and never mutated after construction.
struct Value {
    enum class Type : std::uint8_t { Undefined, Null, Bool, Number, String, Array, Object, Date };
    Type type = Type::Undefined;
    bool boolean = false;
    double number = 0;  // a Number, or a Date's time value (ms since the epoch, NaN if invalid)
    std::u16string string;
    std::shared_ptr<const detail::Array> array;
    std::shared_ptr<const detail::Object> object;

    static Value undefined() { return {}; }
    static Value null() { Value v; v.type = Type::Null; return v; }
    static Value from_bool(bool b) { Value v; v.type = Type::Bool; v.boolean = b; return v; }
    static Value from_number(double n) { Value v; v.type = Type::Number; v.number = n; return v; }
    static Value from_string(std::u16string s) { Value v; v.type = Type::String; v.string = std::move(s); return v; }
    static Value from_array(detail::Array a) {
        Value v; v.type = Type::Array; v.array = std::make_shared<const detail::Array>(std::move(a)); return v;
    }
    static Value from_date(double time) { Value v; v.type = Type::Date; v.number = time; return v; }

    bool is_undefined() const { return type == Type::Undefined; }
    bool is_nullish() const { return type == Type::Undefined || type == Type::Null; }
    bool is_string() const { return type == Type::String; }
    bool is_number() const { return type == Type::Number; }
    bool is_array() const { return type == Type::Array; }
    bool is_date() const { return type == Type::Date; }
    // JavaScript "instanceof Object": arrays, objects and dates.
    bool is_object_like() const { return type == Type::Array || type == Type::Object || type == Type::Date; }
};

// Evaluation state. survey-core sometimes throws a TypeError while evaluating (for example
// "x".toFixed); we record it and the whole evaluation yields null instead.
struct EvalState {
    const Context* context = nullptr;
    bool thrown = false;
    const Value* item = nullptr;  // the array item an *InArray condition runs against
    int depth = 0;                // nesting of *InArray conditions evaluated inside each other
    // Work budget: nested *InArray calls over big arrays are quadratic or worse, so an
    // evaluation that runs this many nodes gives up (null) instead of hanging the caller.
    long steps = 0;
    static constexpr long kMaxSteps = 1'000'000;
    // Context values already converted in this evaluation (conversions are deep copies).
    std::vector<std::pair<const nlohmann::json*, Value>> converted;
};

// ---- conversions between JSON and values ------------------------------------------------
Value from_json(const nlohmann::json& j);
nlohmann::json to_json(const Value& v);

// ---- JavaScript abstract operations (value.cpp) -----------------------------------------
std::u16string u16(std::string_view ascii_or_utf8);
bool truthy(const Value& v);
double to_number(const Value& v);
std::u16string to_js_string(const Value& v, EvalState& st);
std::u16string number_to_string(double d);
double string_to_number(std::u16string_view s);   // Number("...")
double parse_float(std::u16string_view s);         // parseFloat("...")
double parse_int(std::u16string_view s);           // parseInt("...") with no radix
Value to_primitive(const Value& v, bool hint_number, EvalState& st);
Value js_add(const Value& a, const Value& b, EvalState& st);
bool loose_equals(const Value& a, const Value& b, EvalState& st);
bool strict_equals(const Value& a, const Value& b);
// a < b as JavaScript computes it (false when either side converts to NaN).
bool less_than(const Value& a, const Value& b, EvalState& st);
// Number.prototype.toFixed; sets st.thrown for a non-number, like JavaScript's TypeError.
std::u16string to_fixed(double x, int digits);
// obj[key] for arrays ("length", indexes), strings ("length", indexes) and objects.
Value get_property(const Value& v, std::u16string_view key);
// Own enumerable keys, as for..in yields them.
std::vector<std::u16string> own_keys(const Value& v);
double js_round(double x);
double js_pow(double a, double b);
bool is_integer_index(std::u16string_view s);

// ---- survey-core helpers (helpers.cpp) ---------------------------------------------------
double helpers_get_number(const Value& v, EvalState& st);  // Helpers.getNumber
bool helpers_is_number(const Value& v, EvalState& st);     // Helpers.isNumber
bool is_value_empty(const Value& v);                       // Helpers.isValueEmpty
bool is_two_value_equals(const Value& x, const Value& y, bool ignore_order, EvalState& st);
Value correct_after_plus_minus(const Value& a, const Value& b, const Value& res, EvalState& st);
Value correct_after_multiple(const Value& a, const Value& b, const Value& res, EvalState& st);
Value sum_any_values(const Value& a, const Value& b, EvalState& st);
Value get_correct_value(const Value& v, EvalState& st);    // Const.getCorrectValue

// ---- dates (dates.cpp); local time is UTC ---------------------------------------------
struct DateParts {
    double year, month, day, hours, minutes, seconds, ms, weekday;  // month is 0-based
};
double make_time_value(double year, double month, double day, double h, double m, double s, double ms);
DateParts date_parts(double t);  // all NaN for an invalid date
double parse_date(std::u16string_view s);
// createDate(reason, val, owner): `now_ms` stands in for the survey's date provider.
Value create_date(const Value& val, EvalState& st);
std::u16string date_to_string(double t);      // Date.prototype.toString
std::u16string date_to_iso_string(double t);  // Date.prototype.toISOString
double time_clip(double t);

// ---- syntax tree (parser.cpp, evaluate.cpp) ----------------------------------------------
struct Node;
using NodePtr = std::unique_ptr<const Node>;

struct Node {
    enum class Kind : std::uint8_t { Null, Const, Variable, Binary, Unary, Array, Function };
    Kind kind = Kind::Null;
    // Const: the raw token as survey-core keeps it: number, bool, or string ('quoted' text
    // keeps its quotes; bare words do not). Variable/Function/operators: the name.
    Value constant;
    std::u16string name;
    bool arithmetic = false;   // Binary: built with isArithmeticOp (and/or/+ - * / % ^)
    bool as_is = false;        // Variable: '#' prefix disables value conversion
    int height = 1;            // longest path to a leaf; the parser bounds it to bound recursion
    std::vector<NodePtr> children;  // Binary: left, right (Null nodes stand for null); Unary: operand; Array/Function: items
};

Value evaluate_node(const Node& node, EvalState& st);
std::u16string node_to_string(const Node& node, EvalState& st);
Value call_function(const std::u16string& name, const Node& call, Array params, EvalState& st);
Result<std::shared_ptr<const Expression>> parse_u16(std::u16string_view text);
Value lookup_variable(const std::u16string& name, EvalState& st);

}  // namespace canvass::expr::detail

namespace canvass::expr {
struct Expression {
    detail::NodePtr root;  // Null node for the bare literal "null"/"undefined"
};
}  // namespace canvass::expr
