// Tests for the SurveyJS expression language. Every expected value in the tables was produced
// by npm survey-core@3.1.1 (ExpressionRunner / ConditionRunner under TZ=UTC, with a survey
// whose dateProvider returns kNow), so a failure here means we no longer match SurveyJS.
#include <doctest/doctest.h>

#include <string>

#include "core/expr/expression.h"

using canvass::expr::DataContext;
using canvass::expr::evaluate;
using canvass::expr::evaluate_condition;
using canvass::expr::parse;

namespace {

// 2024-06-15T13:45:30.250Z, a Saturday.
constexpr std::int64_t kNow = 1718459130250;

const nlohmann::json& data() {
    static const nlohmann::json d = nlohmann::json::parse(R"j({"a": 5, "b": "5", "c": "abc", "d": "ABC ", "e": "", "f": null, "g": [1, 2, 3], "h": ["a", "b"], "i": true, "j": false, "k": 0, "l": "0", "m": 1.5, "n": "1,5", "o": {"x": 1, "Y": "two"}, "p": [], "q": {}, "r": "true", "s": "2024-06-15", "t": "2024-06-15T10:30", "u": "0x1A", "v": "007", "w": " 12 ", "x": -3, "y": "1e3", "z": [{"name": "A", "price": 10, "qty": "2"}, {"name": "B", "price": "20", "qty": 0}, {"name": "c", "price": 5.5}], "Upper": 7, "a.b": "dotted", "arr2": [[1, 2], [3]], "ł": "Łódź", "greek": "ΟΔΟΣ", "big": 123456789012, "neg": "-7", "frac": 0.1, "obj2": {"inner": {"deep": [10, 20, 30]}}, "date2": "2000-02-29", "dt": "2024-06-15T00:00:00Z"})j");
    return d;
}

struct EvalRow {
    const char* expression;
    const char* expected;  // JSON of ExpressionRunner.runValues (undefined shown as null)
    bool condition;        // ConditionRunner.runValues
};

// Operators, precedence, coercion, missing values, arrays, functions and dates.
const EvalRow kRows[] = {
    {"-2 ^ 2", R"j(4)j", false},
    {"2 ^ 3 ^ 2", R"j(64)j", false},
    {"2 * 3 ^ 2", R"j(18)j", false},
    {"2 + 3 * 4 - 1", R"j(13)j", false},
    {"(2 + 3) * 4", R"j(20)j", false},
    {"10 % 4 + 1", R"j(3)j", false},
    {"1 / 3", R"j(0.3333333333333333)j", false},
    {"0.1 + 0.2", R"j(0.3)j", false},
    {"0.1 * 3", R"j(0.3)j", false},
    {"1.1 * 1.1", R"j(1.21)j", false},
    {"3 - 1.1", R"j(1.9)j", false},
    {"{m} + 1.25", R"j(2.75)j", false},
    {"sum(1.1, 2.2, 3.3)", R"j(6.6)j", false},
    {"avg(1, 2, 4)", R"j(2.3333333333333335)j", false},
    {"round(2.345, 2)", R"j(2.35)j", false},
    {"round(2.5)", R"j(3)j", false},
    {"round(-2.5)", R"j(-3)j", false},
    {"round(1.005, 2)", R"j(1.01)j", false},
    {"trunc(3.789, 2)", R"j(3.78)j", false},
    {"trunc(-3.789)", R"j(-3)j", false},
    {"trunc(123.456, 0)", R"j(123)j", false},
    {"{a} = 5 and {b} = 5", R"j(true)j", true},
    {"{a} = 5 && {c} = 'abc' || false", R"j(true)j", true},
    {"!({a} > 3)", R"j(false)j", false},
    {"!{a} > 3", R"j(false)j", false},
    {"negate {i}", R"j(false)j", false},
    {"{c} = 'ABC'", R"j(true)j", true},
    {"{d} = 'abc'", R"j(true)j", true},
    {"{c} contains 'B'", R"j(true)j", true},
    {"{c} contains", R"j(false)j", false},
    {"{h} contains 'A'", R"j(true)j", true},
    {"{g} contains 2", R"j(true)j", true},
    {"{g} contains [1, 3]", R"j(true)j", true},
    {"{g} allof [1, 3]", R"j(true)j", true},
    {"{g} anyof [4, 3]", R"j(true)j", true},
    {"{g} noneof [4, 5]", R"j(true)j", true},
    {"{h} anyof ['b']", R"j(true)j", true},
    {"'b' anyof {h}", R"j(true)j", true},
    {"{g} = [3, 2, 1]", R"j(true)j", true},
    {"{g} = [1, 2]", R"j(false)j", false},
    {"{p} = {missing}", R"j(false)j", false},
    {"{p} = null", R"j(false)j", false},
    {"{e} = {missing}", R"j(true)j", true},
    {"{f} = ''", R"j(true)j", true},
    {"{o.x} = 1", R"j(true)j", true},
    {"{o.y}", R"j("two")j", false},
    {"{O.X}", R"j(1)j", true},
    {"{upper}", R"j(7)j", false},
    {"{UPPER} + 1", R"j(8)j", false},
    {"{a.b}", R"j("dotted")j", false},
    {"{g[0]}", R"j(1)j", true},
    {"{g[-1]}", R"j(3)j", false},
    {"{g[5]}", R"j(null)j", false},
    {"{g.length}", R"j(3)j", false},
    {"{c.length}", R"j(3)j", false},
    {"{missing.length}", R"j(0)j", false},
    {"{z[1].name}", R"j("B")j", false},
    {"{z.length}", R"j(3)j", false},
    {"{obj2.inner.deep[1]}", R"j(20)j", false},
    {"{obj2.inner.deep.2}", R"j(30)j", false},
    {"{arr2[0]}", R"j([1,2])j", false},
    {"{#b} + 1", R"j("51")j", false},
    {"{b} + 1", R"j(6)j", false},
    {"{#v}", R"j("007")j", false},
    {"{v} + 1", R"j("0071")j", false},
    {"{u} + 1", R"j(27)j", false},
    {"{n} + 1", R"j(2.5)j", false},
    {"{w} + 1", R"j(13)j", false},
    {"{y} + 1", R"j(1001)j", false},
    {"{r} = true", R"j(true)j", true},
    {"{l} = 0", R"j(true)j", true},
    {"{k} = ''", R"j(false)j", false},
    {"{k} empty", R"j(false)j", false},
    {"{j} empty", R"j(false)j", false},
    {"{ł} = 'łódź'", R"j(true)j", true},
    {"{Ł} = 'ŁÓDŹ'", R"j(true)j", true},
    {"{greek} = 'οδος'", R"j(true)j", true},
    {"{greek} = 'οδοσ'", R"j(false)j", false},
    {"{greek} = 'ΟΔΟς'", R"j(true)j", true},
    {"sumInArray({z}, 'price')", R"j(35.5)j", false},
    {"sumInArray({z}, 'qty')", R"j(2)j", false},
    {"countInArray({z}, 'price')", R"j(3)j", false},
    {"countInArray({z}, 'qty')", R"j(2)j", false},
    {"minInArray({z}, 'price')", R"j(5.5)j", false},
    {"maxInArray({z}, 'price')", R"j(20)j", false},
    {"maxInArray({z}, 'price', 'name')", R"j("B")j", false},
    {"minInArray({z}, 'price', 'name')", R"j("c")j", false},
    {"avgInArray({z}, 'price')", R"j(11.833333333333334)j", false},
    {"sumInArray({z}, 'price', '{price} > 6')", R"j(30)j", false},
    {"sumInArray({z}, 'price', {price} > 6)", R"j(30)j", false},
    {"countInArray({z}, 'name', '{a} = 5')", R"j(3)j", false},
    {"maxInArray({z}, 'price', 'name', '{price} < 15')", R"j("A")j", false},
    {"sumInArray({missing}, 'price')", R"j(0)j", false},
    {"minInArray({missing}, 'price')", R"j(null)j", false},
    {"avgInArray({z}, 'nothing')", R"j(0)j", false},
    {"sumInArray({o}, 'x')", R"j(0)j", false},
    {"today()", R"j("2024-06-15T00:00:00.000Z")j", false},
    {"today(1)", R"j("2024-06-16T00:00:00.000Z")j", false},
    {"today(-1)", R"j("2024-06-14T00:00:00.000Z")j", false},
    {"today('1')", R"j("2024-10-29T00:00:00.000Z")j", false},
    {"currentDate()", R"j("2024-06-15T13:45:30.250Z")j", false},
    {"age('2000-06-16')", R"j(23)j", false},
    {"age('2000-06-15')", R"j(24)j", false},
    {"age('2000-06-15', 'months')", R"j(288)j", false},
    {"age({date2})", R"j(24)j", false},
    {"dateDiff('2024-01-01', '2024-03-01')", R"j(60)j", false},
    {"dateDiff('2024-01-01', '2024-03-01', 'months')", R"j(2)j", false},
    {"dateDiff('2024-01-01', '2025-03-01', 'years')", R"j(1)j", true},
    {"dateDiff('2024-01-01T00:00', '2024-01-01T05:30', 'hours')", R"j(6)j", false},
    {"dateDiff('2024-01-01T00:00', '2024-01-01T05:30', 'minutes')", R"j(330)j", false},
    {"dateDiff('2024-01-01T00:00', '2024-01-01T05:30:10', 'seconds')", R"j(19810)j", false},
    {"dateAdd('2024-01-31', 1, 'months')", R"j("2024-03-02T00:00:00.000Z")j", false},
    {"dateAdd('2024-01-31', 1)", R"j("2024-02-01T00:00:00.000Z")j", false},
    {"dateAdd('2024-02-29', 1, 'years')", R"j("2025-03-01T00:00:00.000Z")j", false},
    {"dateAdd('2024-01-31T10:00', 5, 'hours')", R"j("2024-01-31T15:00:00.000Z")j", false},
    {"year('2024-06-15')", R"j(2024)j", false},
    {"month('2024-06-15')", R"j(6)j", false},
    {"day('2024-06-15')", R"j(15)j", false},
    {"weekday('2024-06-15')", R"j(6)j", false},
    {"year()", R"j(2024)j", false},
    {"month()", R"j(6)j", false},
    {"day()", R"j(15)j", false},
    {"getYear('1999-12-31')", R"j(1999)j", false},
    {"currentYear()", R"j(2024)j", false},
    {"diffDays('2024-01-01', '2024-02-01')", R"j(31)j", false},
    {"today() = '2024-06-15'", R"j(true)j", true},
    {"today() > '2024-06-14'", R"j(true)j", true},
    {"today() >= '2024-06-15'", R"j(true)j", true},
    {"currentDate() > '2024-06-15'", R"j(false)j", false},
    {"currentDate() = '2024-06-15'", R"j(true)j", true},
    {"currentDate() <= '2024-06-15T13:45'", R"j(true)j", true},
    {"{s} = today()", R"j(true)j", true},
    {"{t} < currentDate()", R"j(true)j", true},
    {"'2024-06-15' = today()", R"j(true)j", true},
    {"getDate('2024/06/15')", R"j("2024-06-15T00:00:00.000Z")j", false},
    {"getDate('06/15/2024')", R"j("2024-06-15T00:00:00.000Z")j", false},
    {"getDate('2024-06-15 10:30')", R"j(null)j", false},
    {"getDate('Jun 15 2024')", R"j("2024-06-15T00:00:00.000Z")j", false},
    {"getDate('15 June 2024 10:30')", R"j("2024-06-15T10:30:00.000Z")j", false},
    {"getDate('2024-06-15T10:30:00+02:00')", R"j("2024-06-15T08:30:00.000Z")j", false},
    {"getDate('2024-06')", R"j("2024-06-01T00:00:00.000Z")j", false},
    {"getDate('2024')", R"j("2024-01-01T00:00:00.000Z")j", false},
    {"getDate('garbage')", R"j(null)j", false},
    {"getDate('2024-02-30')", R"j("2024-03-01T00:00:00.000Z")j", false},
    {"getDate(0)", R"j(null)j", false},
    {"getDate(86400000)", R"j("1970-01-02T00:00:00.000Z")j", false},
    {"substring('hello', 1, 3)", R"j("el")j", false},
    {"substring('hello', 3, 1)", R"j("el")j", false},
    {"substring('hello', -1)", R"j("hello")j", false},
    {"substring('hello', '1')", R"j("ello")j", false},
    {"substring({c}, 1)", R"j("bc")j", false},
    {"substring(5, 1)", R"j("")j", false},
    {"substring('héllo wörld', 4)", R"j("o wörld")j", false},
    {"iif({a} > 3, 'big', 'small')", R"j("big")j", false},
    {"iif({a} > 10, 'big')", R"j(null)j", false},
    {"iif(null, 1, 2)", R"j(null)j", false},
    {"iif(1)", R"j(null)j", false},
    {"sum()", R"j(0)j", false},
    {"sum(,1)", R"j(0)j", false},
    {"count()", R"j(0)j", false},
    {"min()", R"j(null)j", false},
    {"max(1, 'a', 3)", R"j(3)j", false},
    {"min('b', 'a')", R"j("a")j", false},
    {"sum('a', 1)", R"j("0a1")j", false},
    {"sum([1, [2, [3]]], '4')", R"j(10)j", false},
    {"sum('1,5', 1)", R"j(2.5)j", false},
    {"sum(true, 1)", R"j(2)j", false},
    {"avg()", R"j(0)j", false},
    {"[1, 2] + [3]", R"j([1,2,3])j", false},
    {"[1, 2] + 'x'", R"j("1, 2x")j", false},
    {"'x' + [1, 2]", R"j("x1, 2")j", false},
    {"[1, 2.5] + 1", R"j(4.5)j", false},
    {"{g} + 1", R"j(7)j", false},
    {"'5' + 1", R"j("51")j", false},
    {"'5' - 1", R"j(4)j", false},
    {"'5' * '2'", R"j(10)j", false},
    {"{missing} + 1", R"j(1)j", true},
    {"{missing} + 'a'", R"j("a")j", false},
    {"{missing} + {missing}", R"j(0)j", false},
    {"{missing} * 3", R"j(0)j", false},
    {"{e} + 1", R"j(1)j", true},
    {"5 / 0", R"j(null)j", false},
    {"5 % 0", R"j(null)j", false},
    {"-5 % 3", R"j(-2)j", false},
    {"5 / {missing}", R"j(null)j", false},
    {"2 ^ 0.5", R"j(1.4142135623730951)j", false},
    {"(-8) ^ (1/3)", R"j(null)j", false},
    {"1 = 1 = true", R"j(true)j", true},
    {"1 < 2 < 3", R"j(true)j", true},
    {"3 > 2 > 1", R"j(false)j", false},
    {"{x} orange", R"j(-3)j", false},
    {"{a} = orange", R"j(false)j", false},
    {"5 equals 5", R"j(true)j", true},
    {"5 notequals 6", R"j(true)j", true},
    {"5 => 3", R"j(true)j", true},
    {"3 =< 5", R"j(true)j", true},
    {"5 <> 6", R"j(true)j", true},
    {"5 lessorequal 6", R"j(true)j", true},
    {"6 greaterorequal 5", R"j(true)j", true},
    {"5 equal 5", R"j(true)j", true},
    {"5 notequal 5", R"j(false)j", false},
    {"5 less 6", R"j(true)j", true},
    {"5 greater 6", R"j(false)j", false},
    {"2 power 3", R"j(8)j", false},
    {"{c} *= 'b'", R"j(true)j", true},
    {"{c} contain 'b'", R"j(true)j", true},
    {"{c} notcontain 'b'", R"j(false)j", false},
    {"0x10 + 1", R"j(17)j", false},
    {"(1 + 2", R"j(3)j", false},
    {"sum(1, 2", R"j(3)j", false},
    {"\"double\" = 'double'", R"j(true)j", true},
    {"'a\\b'", R"j("a\\b")j", false},
    {"{\"q\": 1}", R"j({"q":1})j", false},
    {"{\"q\": 1} = {\"q\": 1}", R"j(true)j", true},
    {"null", R"j(null)j", false},
    {"undefined", R"j(null)j", false},
    {"!null", R"j(null)j", false},
    {"null empty", R"j(null)j", false},
    {"[null]", R"j([])j", false},
    {"[1, null]", R"j(null)j", false},
    {"sum(1, null)", R"j(null)j", false},
    {"{a} = null", R"j(false)j", false},
    {"{a} = undefined", R"j(false)j", false},
    {"{f} = null", R"j(true)j", true},
    {"{f} = undefined", R"j(true)j", true},
    {"{missing} = undefined", R"j(true)j", true},
    {"{missing} = 'undefined'", R"j(true)j", true},
    {"'undefined' = {e}", R"j(true)j", true},
    {"TRUE", R"j(true)j", true},
    {"True = 'TRUE'", R"j(true)j", true},
    {"{i} = 'True'", R"j(true)j", true},
    {"{i} = 1", R"j(true)j", true},
    {"1 = '1.0'", R"j(true)j", true},
    {"'1e3' = 1000", R"j(true)j", true},
    {"{y} = 1000", R"j(true)j", true},
    {"'abc' < 'abd'", R"j(true)j", true},
    {"'B' < 'a'", R"j(true)j", true},
    {"'10' < '9'", R"j(true)j", true},
    {"10 < '9'", R"j(false)j", false},
    {"{g} < 5", R"j(false)j", false},
    {"[2] = 2", R"j(false)j", false},
    {"[2] = '2'", R"j(false)j", false},
    {"{o} = {\"x\": 1, \"y\": \"two\"}", R"j(false)j", false},
    {"{q} empty", R"j(true)j", true},
    {"{o} empty", R"j(false)j", false},
    {"{obj2} notempty", R"j(true)j", true},
    {"{p} empty", R"j(true)j", true},
    {"{h} = ['B', 'A']", R"j(true)j", true},
    {"{h} = ['b']", R"j(false)j", false},
    {"{h} contains ['a', 'b']", R"j(true)j", true},
    {"{h} anyof []", R"j(true)j", true},
    {"{p} anyof []", R"j(true)j", true},
    {"{p} allof ['a']", R"j(false)j", false},
    {"'' contains ''", R"j(false)j", false},
    {"{c} contains ''", R"j(false)j", false},
    {"{c} contains 0", R"j(false)j", false},
    {"'a0' contains 0", R"j(false)j", false},
    {"5 contains 5", R"j(true)j", true},
    {"55 contains 5", R"j(true)j", true},
    {"true contains 'ru'", R"j(true)j", true},
    {"{z} contains {\"name\": \"A\"}", R"j(false)j", false},
    {"{frac} = {p}", R"j(false)j", false},
    {"abc = {m}", R"j(false)j", false},
    {"{frac} = {v}", R"j(false)j", false},
    {"{r} = {f}", R"j(false)j", false},
    {"{q} = abc", R"j(false)j", false},
    {"{ł} = 'łódź'", R"j(true)j", true},
    {"-2 != {a}", R"j(true)j", true},
    {"0 != {neg}", R"j(true)j", true},
    {"null != abc", R"j(true)j", true},
    {"{i} != {m}", R"j(true)j", true},
    {"{e} != 1.25", R"j(true)j", true},
    {"{v} != {r}", R"j(true)j", true},
    {"{n} < 0", R"j(false)j", false},
    {"{g} < 1.25", R"j(false)j", false},
    {"{d} < {f}", R"j(false)j", false},
    {"{y} < 5", R"j(false)j", false},
    {"null < ''", R"j(false)j", false},
    {"{neg} < 1.25", R"j(true)j", true},
    {"'abc' > 1.25", R"j(false)j", false},
    {"-2 > {j}", R"j(false)j", false},
    {"{b} > {missing}", R"j(false)j", false},
    {"'5' > {frac}", R"j(true)j", true},
    {"{r} > null", R"j(false)j", false},
    {"{v} > 'abc'", R"j(false)j", false},
    {"1.25 <= {o}", R"j(false)j", false},
    {"true <= {big}", R"j(true)j", true},
    {"0 <= 'true'", R"j(false)j", false},
    {"1.25 <= {p}", R"j(false)j", false},
    {"{h} <= {s}", R"j(false)j", false},
    {"-2 <= 1.25", R"j(true)j", true},
    {"{a} >= {m}", R"j(true)j", true},
    {"[] >= {big}", R"j(false)j", false},
    {"{y} >= {x}", R"j(true)j", true},
    {"{c} >= null", R"j(false)j", false},
    {"{c} >= {k}", R"j(false)j", false},
    {"{b} >= {frac}", R"j(true)j", true},
    {"{i} + {s}", R"j("true2024-06-15")j", false},
    {"{neg} + 'true'", R"j("-7true")j", false},
    {"{k} + 1.25", R"j(1.25)j", false},
    {"'5' + {i}", R"j("5true")j", false},
    {"{b} + {x}", R"j(2)j", false},
    {"false + abc", R"j("falseabc")j", false},
    {"{v} - {h}", R"j(null)j", false},
    {"{o} - 5", R"j(null)j", false},
    {"{u} - {j}", R"j(26)j", false},
    {"'5' - {w}", R"j(-7)j", false},
    {"'true' - {j}", R"j(null)j", false},
    {"{i} - {d}", R"j(null)j", false},
    {"{y} * '5'", R"j(5000)j", false},
    {"{k} * null", R"j(0)j", false},
    {"-2 * abc", R"j(null)j", false},
    {"{n} * {p}", R"j(0)j", false},
    {"{x} * -2", R"j(6)j", false},
    {"{a} * '5'", R"j(25)j", false},
    {"1.25 / {o}", R"j(null)j", false},
    {"{d} / 5", R"j(null)j", false},
    {"{u} / 'true'", R"j(null)j", false},
    {"1.25 / {missing}", R"j(null)j", false},
    {"{m} / {p}", R"j(null)j", false},
    {"{r} / -2", R"j(-0.5)j", false},
    {"{missing} % {big}", R"j(0)j", false},
    {"abc % {neg}", R"j(null)j", false},
    {"[] % 'abc'", R"j(null)j", false},
    {"{d} % {i}", R"j(null)j", false},
    {"'ABC' % 'true'", R"j(null)j", false},
    {"{k} % {w}", R"j(0)j", false},
    {"{n} and {v}", R"j("007")j", false},
    {"true and {big}", R"j(123456789012)j", false},
    {"{k} and false", R"j(0)j", false},
    {"{x} and 'true'", R"j("true")j", false},
    {"{m} and []", R"j(0)j", false},
    {"{b} and {v}", R"j("007")j", false},
    {"{d} or {o}", R"j("ABC ")j", false},
    {"5 or {w}", R"j(5)j", false},
    {"false or {s}", R"j("2024-06-15")j", false},
    {"{f} or null", R"j(0)j", false},
    {"{s} or {neg}", R"j("2024-06-15")j", false},
    {"{big} or {k}", R"j(123456789012)j", false},
    {"{n} contains {w}", R"j(false)j", false},
    {"{r} contains ''", R"j(false)j", false},
    {"{d} contains 'ABC'", R"j(true)j", true},
    {"{a} contains 1.25", R"j(false)j", false},
    {"{big} contains {l}", R"j(false)j", false},
    {"'abc' contains '5'", R"j(false)j", false},
    {"{a} notcontains {h}", R"j(true)j", true},
    {"{j} notcontains {r}", R"j(true)j", true},
    {"{j} notcontains 0", R"j(true)j", true},
    {"abc notcontains {j}", R"j(false)j", false},
    {"{frac} notcontains {p}", R"j(false)j", false},
    {"{c} notcontains {frac}", R"j(true)j", true},
    {"{w} anyof {r}", R"j(false)j", false},
    {"{q} anyof 'abc'", R"j(false)j", false},
    {"'ABC' anyof {missing}", R"j(true)j", true},
    {"{r} anyof {a}", R"j(false)j", false},
    {"{s} anyof {b}", R"j(false)j", false},
    {"{d} anyof 'true'", R"j(false)j", false},
    {"5 allof {s}", R"j(false)j", false},
    {"-2 allof {big}", R"j(false)j", false},
    {"{i} allof {q}", R"j(false)j", false},
    {"false allof {x}", R"j(false)j", false},
    {"'abc' allof 'abc'", R"j(true)j", true},
    {"{m} allof 'true'", R"j(false)j", false},
    {"{o} noneof {l}", R"j(true)j", true},
    {"{d} noneof true", R"j(true)j", true},
    {"{n} noneof {big}", R"j(true)j", true},
    {"{o} noneof ''", R"j(false)j", false},
    {"{a} noneof {c}", R"j(true)j", true},
    {"{s} noneof {e}", R"j(false)j", false},
};

struct ErrorRow {
    const char* expression;
    const char* message;  // positions equal survey-core's ConditionsParser error.at
};

const ErrorRow kErrors[] = {
    {"trunc(1e21)", "unexpected 'e' at 7"},
    {"not {a}", "unexpected '{' at 4"},
    {"countInArray({z}, 'name', '{name} = \"a\"')", "unexpected '\"' at 36"},
    {"true or", "unexpected end of expression at 7"},
    {"0x1F", "unexpected 'F' at 3"},
    {"007", "unexpected end of expression at 3"},
    {"1.5e3", "unexpected 'e' at 3"},
    {".5", "unexpected '.' at 0"},
    {"5.", "unexpected end of expression at 2"},
    {"--5", "unexpected '-' at 1"},
    {"- 5", "unexpected ' ' at 1"},
    {"-{a}", "unexpected '{' at 1"},
    {"sum(1,)", "unexpected ')' at 6"},
    {"[1, 2", "unexpected end of expression at 5"},
    {"{a", "unexpected end of expression at 2"},
    {"{a}}", "unexpected '}' at 3"},
    {"'unterminated", "unexpected end of expression at 13"},
    {"'it\\'s' = \"it's\"", "unexpected ''' at 13"},
    {"{}", "unexpected '}' at 1"},
    {"trueabc", "unexpected end of expression at 7"},
    {"(1 + ))", "unexpected ')' at 5"},
    {"{a} =", "unexpected end of expression at 5"},
    {"sum(1,)", "unexpected ')' at 6"},
    {"[1, 2", "unexpected end of expression at 5"},
    {"'unterminated", "unexpected end of expression at 13"},
    {"{a}}", "unexpected '}' at 3"},
    {"{a", "unexpected end of expression at 2"},
    {"a b", "unexpected 'b' at 2"},
    {"5 +", "unexpected end of expression at 3"},
    {"{a} ++ {b}", "unexpected '+' at 5"},
    {"1 2", "unexpected '2' at 2"},
    {"{a} = 'x' or", "unexpected end of expression at 12"},
    {"iif({a}, 1 2)", "unexpected '2' at 11"},
    {"!", "unexpected end of expression at 1"},
    {"{}", "unexpected '}' at 1"},
    {"{a} equals", "unexpected end of expression at 10"},
    {")", "unexpected ')' at 0"},
    {"1 + 2 ; 3", "unexpected ';' at 6"},
    {"{a} = ‘x’", "unexpected '‘' at 6"},
    {"5 € 3", "unexpected '€' at 2"},
    {"{a}\t=\t1 xor 2", "unexpected 'x' at 8"},
    {"", "unexpected end of expression at 0"},
    {"   ", "unexpected end of expression at 3"},
};

nlohmann::json run(const std::string& text, const nlohmann::json& values, std::int64_t now = kNow) {
    auto parsed = parse(text);
    REQUIRE(parsed.ok());
    DataContext ctx(&values, now);
    return evaluate(**parsed, ctx);
}

}  // namespace

TEST_CASE("expressions evaluate as survey-core 3.1.1 does") {
    DataContext ctx(&data(), kNow);
    for (const auto& row : kRows) {
        CAPTURE(row.expression);
        auto parsed = parse(row.expression);
        REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? "" : parsed.error().message));
        nlohmann::json expected = nlohmann::json::parse(row.expected);
        nlohmann::json actual = evaluate(**parsed, ctx);
        CAPTURE(actual.dump());
        CHECK(actual == expected);
        CHECK(evaluate_condition(**parsed, ctx) == row.condition);
    }
}

TEST_CASE("parse errors name the character and survey-core's position") {
    for (const auto& row : kErrors) {
        CAPTURE(row.expression);
        auto parsed = parse(row.expression);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().message == row.message);
        CHECK(parsed.error().location.empty());
    }
}

TEST_CASE("numbers serialize like JavaScript") {
    nlohmann::json empty = nlohmann::json::object();
    CHECK(run("2 * 3", empty).dump() == "6");
    CHECK(run("0.1 + 0.2", empty).dump() == "0.3");   // survey-core rounds to the operands' decimals
    CHECK(run("1 / 3", empty).dump() == "0.3333333333333333");
    CHECK(run("-0", empty).dump() == "0");
    CHECK(run("5 / 0", empty).is_null());
    CHECK(run("2 ^ 2000", empty).is_null());            // Infinity has no JSON form
    CHECK(run("{big} * 10", data()).dump() == "1234567890120");
}

TEST_CASE("dates use the caller's now, in UTC") {
    nlohmann::json values = {{"birth", "2000-06-16"}};
    CHECK(run("age({birth})", values) == 23);
    // One day later the birthday has come.
    CHECK(run("age({birth})", values, kNow + 86400000) == 24);
    CHECK(run("today()", values, 0) == "1970-01-01T00:00:00.000Z");
    CHECK(run("currentDate()", values, 86400000 + 1500) == "1970-01-02T00:00:01.500Z");
    CHECK(run("year()", values, 0) == 1970);
}

TEST_CASE("bindings and layers resolve {row.x}, {panel.x} and survey values") {
    nlohmann::json survey = {{"rate", 2}, {"Name", "Ann"}};
    nlohmann::json row = {{"price", "10"}, {"qty", 3}};
    nlohmann::json panel = {{"Amount", 7}};
    DataContext ctx(&survey, kNow);
    ctx.bindings.emplace_back("row", &row);
    ctx.bindings.emplace_back("panel", &panel);
    auto eval = [&](const char* text) {
        auto parsed = parse(text);
        REQUIRE(parsed.ok());
        return evaluate(**parsed, ctx);
    };
    CHECK(eval("{row.price} * {row.qty} * {rate}") == 60);
    CHECK(eval("{ROW.Price} + {panel.amount}") == 17);
    CHECK(eval("{name} = 'ann'") == true);
    CHECK(eval("{row.missing} empty") == true);
    CHECK(eval("{row}") == row);
}

TEST_CASE("referenced names, functions and canonical text") {
    auto parsed = parse("{a} + {B.c} > sum({a}, {#d}) and iif({row.x}, 1, 0) or countInArray({m}, 'p', '{q} > 1')");
    REQUIRE(parsed.ok());
    CHECK(canvass::expr::referenced_names(**parsed) == std::vector<std::string>{"a", "B.c", "d", "row.x", "m"});
    CHECK(canvass::expr::referenced_functions(**parsed) == std::vector<std::string>{"sum", "iif", "countInArray"});
    CHECK(canvass::expr::is_known_function("dateDiff"));
    CHECK_FALSE(canvass::expr::is_known_function("displayValue"));
    auto canon = parse("{a}+1 >= 2 and !{b} or {c} empty");
    REQUIRE(canon.ok());
    CHECK(canvass::expr::to_string(**canon) == "(((({a} + 1) >= 2) and ! {b}) or {c} empty)");
}

TEST_CASE("hostile input is rejected or evaluated without crashing") {
    std::string deep(300, '(');
    auto parsed = parse(deep + "1");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == "expression too complex: nesting deeper than 256 levels at 256");
    std::string nots(300, '!');
    CHECK_FALSE(parse(nots + "{a}").ok());
    std::string chain = "1";
    for (int i = 0; i < 1100; ++i) chain += "+1";
    auto long_chain = parse(chain);
    REQUIRE_FALSE(long_chain.ok());
    CHECK(long_chain.error().message.rfind("expression too complex: more than 1024 nested operations at ", 0) == 0);
    std::string ok_chain = "1";
    for (int i = 0; i < 500; ++i) ok_chain += "+1";
    CHECK(run(ok_chain, data()) == 501);
    CHECK_FALSE(parse(std::string("\xff\xfe{a}")).ok());
    CHECK(run("!null", data()).is_null());             // survey-core throws a TypeError here
    CHECK(run("[1, null]", data()).is_null());
    CHECK(run("sum(1.5, 'x', 2.5)", data()).is_null()); // "1.5x".toFixed throws in survey-core
    nlohmann::json items = {{"z", {{{"name", "A"}}, {{"name", "B"}}}}};
    CHECK(run("countInArray({z}, 'name', '{name} = \\'A\\'')", items) == 1);
}

TEST_CASE("text lengths and indexes count UTF-16 code units") {
    nlohmann::json values = {{"s", "a\xF0\x9F\x98\x80" "b"}};  // "a😀b"
    CHECK(run("{s.length}", values) == 4);
    CHECK(run("substring({s}, 3)", values) == "b");
    // survey-core returns "a\ud83d"; a lone surrogate cannot be UTF-8, so it becomes U+FFFD
    CHECK(run("substring({s}, 0, 2)", values) == "a\xEF\xBF\xBD");
}

TEST_CASE("a backtracking-heavy text fails fast with a clear error instead of hanging") {
    // Found by fuzz_expression: without the parse-step budget this took over three minutes.
    const std::string hostile =
        "datealue -! (((((( ee((( eealue - ([((3<((aluee( (((((( ee((( eea-! (((((( ee((( eealue - ([((3<((aluee( "
        "(((((( ee((( eealue - ([((3<((alue - ([((3<((aluee((( eeale - ([(( eeale - ([((2<((\"emp";
    auto parsed = canvass::expr::parse(hostile);
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().message == "expression too complex: too complex to parse (it backtracks too much) at 188");
}
