// JavaScript-flavoured helpers on JSON answer values, as survey-core's Helpers class treats
// them: emptiness, equality of a value with a choice, number conversion and formatting.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace canvass::survey {

// Helpers.isValueEmpty: null, "", [] and objects whose every member is empty. With
// `trim_strings` (Question.isValueEmpty's default) a string of only whitespace is empty too.
bool is_value_empty(const nlohmann::json& value, bool trim_strings = false);

// Helpers.isTwoValueEquals(x, y, false, caseSensitive=true, trimStrings=false): how a value
// is matched against a choice's value (ItemValue.getItemByValue).
bool values_equal(const nlohmann::json& x, const nlohmann::json& y);

// JavaScript's loose equality (==) on JSON primitives; arrays/objects compare false.
bool loose_equal(const nlohmann::json& x, const nlohmann::json& y);

// Helpers.getNumber: the number a value stands for, NaN when it is not numeric.
double get_number(const nlohmann::json& value);

// JavaScript's relational comparison a < b (strings compare by UTF-16 units when both are
// strings, else both convert to numbers; NaN compares false).
bool js_less(const nlohmann::json& a, const nlohmann::json& b);

// JavaScript's String(value) for primitives (numbers as JS prints them, true/false, null).
std::string js_string(const nlohmann::json& value);

// JavaScript's array.join(separator): null items become "", others String(item).
std::string js_join(const nlohmann::json& array, std::string_view separator);

}  // namespace canvass::survey
