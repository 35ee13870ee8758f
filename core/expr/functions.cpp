// Built-in functions, ported from survey-core's functionsfactory.ts: aggregates, rounding,
// iif, substring, dates (taking "now" from the caller's Context) and the *InArray family.
#include <cmath>
#include <algorithm>
#include <functional>
#include <optional>
#include <limits>

#include "core/expr/internal.h"
#include "core/text/unicode.h"

namespace canvass::expr::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kMaxConditionDepth = 16;

const Value& param(const Array& p, std::size_t i) {
    static const Value undefined;
    return i < p.size() ? p[i] : undefined;
}

bool is_text(const Value& v, std::u16string_view s) { return v.is_string() && v.string == s; }

// getParamsAsArray: flattens nested arrays, drops null/undefined, turns numeric text into numbers.
void flatten(const Value& v, Array& out, EvalState& st) {
    if (v.is_nullish()) return;
    if (v.is_array()) {
        for (const auto& e : *v.array) flatten(e, out, st);
        return;
    }
    if (helpers_is_number(v, st)) out.push_back(Value::from_number(helpers_get_number(v, st)));
    else out.push_back(v);
}

Array flat_params(const Array& params, EvalState& st) {
    Array out;
    for (const auto& p : params) flatten(p, out, st);
    return out;
}

Value sum(const Array& params, EvalState& st) {
    Array arr = flat_params(params, st);
    Value res = Value::from_number(0);
    for (const auto& x : arr) res = correct_after_plus_minus(res, x, js_add(res, x, st), st);
    return res;
}

Value min_max(const Array& params, bool is_min, EvalState& st) {
    Array arr = flat_params(params, st);
    Value res;
    for (const auto& x : arr) {
        if (res.is_undefined()) res = x;
        if (is_min ? less_than(x, res, st) : less_than(res, x, st)) res = x;
    }
    return res;
}

Value avg(const Array& params, EvalState& st) {
    Array arr = flat_params(params, st);
    Value s = sum(params, st);
    if (arr.empty()) return Value::from_number(0);
    return Value::from_number(to_number(s) / static_cast<double>(arr.size()));
}

Value round_fn(const Array& params, EvalState& st) {
    Array arr = flat_params(params, st);
    if (!arr.empty()) {
        const Value& num = arr[0];
        Value precision = truthy(param(arr, 1)) ? arr[1] : Value::from_number(0);
        if (helpers_is_number(num, st) && helpers_is_number(precision, st)) {
            double p = js_pow(10, to_number(precision));
            double n = (to_number(num) * p) * (1 + std::numeric_limits<double>::epsilon());
            return Value::from_number(js_round(n) / p);
        }
    }
    return Value::from_number(kNaN);
}

Value trunc_fn(const Array& params, EvalState& st) {
    Array arr = flat_params(params, st);
    if (arr.empty()) return Value::from_number(kNaN);
    const Value& num = arr[0];
    Value precision = truthy(param(arr, 1)) ? arr[1] : Value::from_number(-1);
    if (!helpers_is_number(num, st) || !helpers_is_number(precision, st)) return Value::from_number(kNaN);
    // new RegExp("^-?\\d+(?:.\\d{0," + precision + "})?") applied to num.toString(); a
    // precision that is not a plain non-negative integer makes "{0,p}" literal text.
    std::u16string s = to_js_string(num, st);
    std::u16string p = to_js_string(precision, st);
    bool quantifier = !p.empty() && std::all_of(p.begin(), p.end(), [](char16_t c) { return c >= u'0' && c <= u'9'; });
    std::size_t i = 0;
    if (i < s.size() && s[i] == u'-') ++i;
    std::size_t digits_start = i;
    while (i < s.size() && s[i] >= u'0' && s[i] <= u'9') ++i;
    if (i == digits_start) {
        st.thrown = true;  // match() returned null
        return {};
    }
    if (quantifier && i < s.size() && s[i] != u'\n' && s[i] != u'\r' && s[i] != 0x2028 && s[i] != 0x2029) {
        double limit = parse_float(p);
        std::size_t j = i + 1;
        double taken = 0;
        while (j < s.size() && s[j] >= u'0' && s[j] <= u'9' && taken < limit) ++j, ++taken;
        i = j;
    }
    return Value::from_number(string_to_number(s.substr(0, i)));
}

Value iif(const Array& params) {
    if (params.size() < 2) return Value::null();
    return truthy(params[0]) ? params[1] : param(params, 2);
}

Value substring_fn(const Array& params, EvalState& st) {
    if (params.size() < 2) return Value::from_string(u"");
    const Value& s = params[0];
    if (!truthy(s) || !s.is_string()) return Value::from_string(u"");
    if (!helpers_is_number(params[1], st)) return Value::from_string(u"");
    auto clamp = [&](const Value& v) {
        double d = to_number(v);
        if (std::isnan(d)) d = 0;
        d = std::trunc(d);
        return std::min(std::max(d, 0.0), static_cast<double>(s.string.size()));
    };
    double start = clamp(params[1]);
    double end = static_cast<double>(s.string.size());
    if (params.size() > 2 && helpers_is_number(params[2], st)) end = clamp(params[2]);
    if (start > end) std::swap(start, end);
    return Value::from_string(s.string.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
}

// ---- dates ---------------------------------------------------------------------------------

Value now_date(EvalState& st) { return create_date(Value::undefined(), st); }

// Date's setters (setDate, setMonth, ...) recompute the time value from all fields.
Value set_parts(double /*time*/, double y, double mo, double d, double h, double mi, double s, double ms) {
    return Value::from_date(time_clip(make_time_value(y, mo, d, h, mi, s, ms)));
}

Value today(const Array* params, EvalState& st) {
    Value res = now_date(st);
    DateParts p = date_parts(res.number);
    res = set_parts(res.number, p.year, p.month, p.day, 0, 0, 0, 0);
    if (params && params->size() == 1) {
        p = date_parts(res.number);
        double day = to_number(js_add(Value::from_number(p.day), (*params)[0], st));
        res = set_parts(res.number, p.year, p.month, day, p.hours, p.minutes, p.seconds, p.ms);
    }
    return res;
}

Value date_from_first_or_today(const Array& params, EvalState& st) {
    Value date = today(nullptr, st);
    if (!params.empty() && truthy(params[0])) date = create_date(params[0], st);
    return date;
}

double diff_days(const Value& a, const Value& b, EvalState& st) {
    if (!truthy(a) || !truthy(b)) return 0;
    DateParts p1 = date_parts(create_date(a, st).number);
    DateParts p2 = date_parts(create_date(b, st).number);
    double utc1 = time_clip(make_time_value(p1.year, p1.month, p1.day, 0, 0, 0, 0));
    double utc2 = time_clip(make_time_value(p2.year, p2.month, p2.day, 0, 0, 0, 0));
    return std::ceil(std::fabs(utc2 - utc1) / 86400000.0);
}

double to_int32(double d) {
    if (!std::isfinite(d)) return 0;
    double t = std::fmod(std::trunc(d), 4294967296.0);
    if (t < 0) t += 4294967296.0;
    if (t >= 2147483648.0) t -= 4294967296.0;
    return t;
}

Value date_diff_months(const Value& d1, const Value& d2, Value type, EvalState& st) {
    if (is_text(type, u"days")) return Value::from_number(diff_days(d1, d2, st));
    DateParts a = date_parts(create_date(d1, st).number);
    DateParts b = date_parts(create_date(d2, st).number);
    double age = b.year - a.year;
    if (!truthy(type)) type = Value::from_string(u"years");
    double months = age * 12 + b.month - a.month;
    if (b.day < a.day) months -= 1;
    if (is_text(type, u"months")) return Value::from_number(months);
    return Value::from_number(to_int32(months / 12) + 0.0);
}

Value age(const Array& params, EvalState& st) {
    if (params.empty() || !truthy(params[0])) return Value::null();
    Value type = params.size() > 1 ? params[1] : Value::from_string(u"");
    if (!truthy(type)) type = Value::from_string(u"years");
    return date_diff_months(params[0], Value::undefined(), type, st);
}

Value date_diff(const Array& params, EvalState& st) {
    if (params.size() < 2 || !truthy(params[0]) || !truthy(params[1])) return Value::null();
    Value type = params.size() > 2 ? params[2] : Value::from_string(u"");
    if (!truthy(type)) type = Value::from_string(u"days");
    double unit = is_text(type, u"hours") ? 3600000.0 : is_text(type, u"minutes") ? 60000.0 : is_text(type, u"seconds") ? 1000.0 : 0;
    if (unit > 0) {
        double a = create_date(params[0], st).number, b = create_date(params[1], st).number;
        return Value::from_number(std::ceil(std::fabs(b - a) / unit));
    }
    return date_diff_months(params[0], params[1], type, st);
}

Value date_add(const Array& params, EvalState& st) {
    if (params.size() < 2 || !truthy(params[0]) || !truthy(params[1])) return Value::null();
    Value date = create_date(params[0], st);
    const Value& add = params[1];
    Value interval = truthy(param(params, 2)) ? params[2] : Value::from_string(u"days");
    auto plus = [&](double v) { return to_number(js_add(Value::from_number(v), add, st)); };
    DateParts p = date_parts(date.number);
    if (is_text(interval, u"days")) date = set_parts(0, p.year, p.month, plus(p.day), p.hours, p.minutes, p.seconds, p.ms);
    if (is_text(interval, u"months")) date = set_parts(0, p.year, plus(p.month), p.day, p.hours, p.minutes, p.seconds, p.ms);
    if (is_text(interval, u"years")) date = set_parts(0, plus(p.year), p.month, p.day, p.hours, p.minutes, p.seconds, p.ms);
    if (is_text(interval, u"hours")) date = set_parts(0, p.year, p.month, p.day, plus(p.hours), p.minutes, p.seconds, p.ms);
    if (is_text(interval, u"minutes")) date = set_parts(0, p.year, p.month, p.day, p.hours, plus(p.minutes), p.seconds, p.ms);
    if (is_text(interval, u"seconds")) date = set_parts(0, p.year, p.month, p.day, p.hours, p.minutes, plus(p.seconds), p.ms);
    return date;
}

// ---- *InArray ------------------------------------------------------------------------------

struct InArrayParams {
    Value data;
    std::u16string name;
    std::u16string return_name;
    std::optional<std::u16string> condition;
};

std::optional<InArrayParams> in_array_params(const Array& params, const Node& call, EvalState& st) {
    if (params.size() < 2 || params.size() > 4) return std::nullopt;
    if (!truthy(params[0]) || !params[1].is_string()) return std::nullopt;
    InArrayParams r{params[0], params[1].string, params[1].string, std::nullopt};
    std::size_t expression_index = 2;
    if (params.size() > 2) {
        const Node* operand = call.children.size() > 2 ? call.children[2].get() : nullptr;
        const Value& p = params[2];
        bool column = operand && operand->kind == Node::Kind::Const && p.is_string() &&
                      p.string.find_first_of(u"{}><=!") == std::u16string::npos;
        if (column) {
            r.return_name = p.string;
            expression_index = 3;
        }
    }
    const Value& e = param(params, expression_index);
    if (e.is_string() && !e.string.empty()) {
        r.condition = e.string;
    } else if (call.children.size() > expression_index) {
        // An unquoted condition was evaluated as a parameter; survey-core re-reads its text.
        std::u16string text = node_to_string(*call.children[expression_index], st);
        if (!text.empty()) r.condition = text;
    }
    return r;
}

Array items_of(const Value& data) {
    if (data.is_array()) return *data.array;
    Array out;
    for (const auto& k : own_keys(data)) out.push_back(get_property(data, k));
    return out;
}

// ConditionRunner(expression).runValues(item, properties): the item first, then the survey.
bool run_condition(const std::optional<std::shared_ptr<const Expression>>& cond, const Value& item, EvalState& st) {
    if (!cond) return true;
    if (!*cond) return false;  // unparsable: ConditionRunner returns null, and null == true is false
    if (st.depth >= kMaxConditionDepth) {
        st.thrown = true;
        return false;
    }
    const Value* saved = st.item;
    st.item = &item;
    ++st.depth;
    Value v = evaluate_node(*(*cond)->root, st);
    --st.depth;
    st.item = saved;
    return !st.thrown && loose_equals(v, Value::from_bool(true), st);
}

std::optional<std::shared_ptr<const Expression>> compile_condition(const InArrayParams& p) {
    if (!p.condition) return std::nullopt;
    auto parsed = parse_u16(*p.condition);
    if (!parsed.ok()) return std::shared_ptr<const Expression>();
    return parsed.value();
}

Value convert_to_number(const Value& v, EvalState& st) {
    if (v.is_string()) return helpers_is_number(v, st) ? Value::from_number(helpers_get_number(v, st)) : Value::undefined();
    return v;
}

Value calc_in_array(const Array& params, const Node& call, bool count_only, EvalState& st) {
    auto p = in_array_params(params, call, st);
    if (!p) return {};
    auto cond = compile_condition(*p);
    Value res;
    for (const auto& item : items_of(p->data)) {
        if (st.thrown) return {};
        Value field = get_property(item, p->name);
        if (!truthy(item) || is_value_empty(field)) continue;
        if (!run_condition(cond, item, st)) continue;
        Value val = count_only ? Value::from_number(1) : convert_to_number(field, st);
        if (res.is_undefined()) res = Value::from_number(0);
        if (val.is_nullish()) continue;
        res = count_only ? js_add(res, Value::from_number(1), st) : correct_after_plus_minus(res, val, js_add(res, val, st), st);
    }
    return res;
}

Value sum_in_array(const Array& params, const Node& call, EvalState& st) {
    Value r = calc_in_array(params, call, false, st);
    return r.is_undefined() ? Value::from_number(0) : r;
}

Value count_in_array(const Array& params, const Node& call, EvalState& st) {
    Value r = calc_in_array(params, call, true, st);
    return r.is_undefined() ? Value::from_number(0) : r;
}

Value min_max_in_array(const Array& params, const Node& call, bool is_min, EvalState& st) {
    auto p = in_array_params(params, call, st);
    if (!p) return {};
    auto cond = compile_condition(*p);
    Value best_val;
    Value best_item;
    bool has_best = false;
    for (const auto& item : items_of(p->data)) {
        if (st.thrown) return {};
        Value field = get_property(item, p->name);
        if (!truthy(item) || is_value_empty(field)) continue;
        if (!run_condition(cond, item, st)) continue;
        Value val = convert_to_number(field, st);
        if (val.is_nullish()) continue;
        if (best_val.is_nullish() || (is_min ? less_than(val, best_val, st) : less_than(best_val, val, st))) {
            best_val = val;
            best_item = item;
            has_best = true;
        }
    }
    if (!has_best || !truthy(best_item)) return {};
    if (p->return_name != p->name) return get_property(best_item, p->return_name);
    return best_val;
}

Value avg_in_array(const Array& params, const Node& call, EvalState& st) {
    Value count = count_in_array(params, call, st);
    if (loose_equals(count, Value::from_number(0), st)) return Value::from_number(0);
    Value total = sum_in_array(params, call, st);
    return Value::from_number(to_number(total) / to_number(count));
}

using Fn = std::function<Value(const Array&, const Node&, EvalState&)>;

const std::vector<std::pair<std::u16string, Fn>>& registry() {
    static const std::vector<std::pair<std::u16string, Fn>> fns = {
        {u"sum", [](const Array& p, const Node&, EvalState& st) { return sum(p, st); }},
        {u"min", [](const Array& p, const Node&, EvalState& st) { return min_max(p, true, st); }},
        {u"max", [](const Array& p, const Node&, EvalState& st) { return min_max(p, false, st); }},
        {u"count", [](const Array& p, const Node&, EvalState& st) {
             return Value::from_number(static_cast<double>(flat_params(p, st).size()));
         }},
        {u"avg", [](const Array& p, const Node&, EvalState& st) { return avg(p, st); }},
        {u"round", [](const Array& p, const Node&, EvalState& st) { return round_fn(p, st); }},
        {u"trunc", [](const Array& p, const Node&, EvalState& st) { return trunc_fn(p, st); }},
        {u"sumInArray", [](const Array& p, const Node& c, EvalState& st) { return sum_in_array(p, c, st); }},
        {u"minInArray", [](const Array& p, const Node& c, EvalState& st) { return min_max_in_array(p, c, true, st); }},
        {u"maxInArray", [](const Array& p, const Node& c, EvalState& st) { return min_max_in_array(p, c, false, st); }},
        {u"countInArray", [](const Array& p, const Node& c, EvalState& st) { return count_in_array(p, c, st); }},
        {u"avgInArray", [](const Array& p, const Node& c, EvalState& st) { return avg_in_array(p, c, st); }},
        {u"iif", [](const Array& p, const Node&, EvalState&) { return iif(p); }},
        {u"getDate", [](const Array& p, const Node&, EvalState& st) {
             return p.empty() || !truthy(p[0]) ? Value::null() : create_date(p[0], st);
         }},
        {u"age", [](const Array& p, const Node&, EvalState& st) { return age(p, st); }},
        {u"dateDiff", [](const Array& p, const Node&, EvalState& st) { return date_diff(p, st); }},
        {u"dateAdd", [](const Array& p, const Node&, EvalState& st) { return date_add(p, st); }},
        {u"currentDate", [](const Array&, const Node&, EvalState& st) { return now_date(st); }},
        {u"today", [](const Array& p, const Node&, EvalState& st) { return today(&p, st); }},
        {u"getYear", [](const Array& p, const Node&, EvalState& st) {
             if (p.size() != 1 || !truthy(p[0])) return Value::undefined();
             return Value::from_number(date_parts(create_date(p[0], st).number).year);
         }},
        {u"currentYear", [](const Array&, const Node&, EvalState& st) {
             return Value::from_number(date_parts(now_date(st).number).year);
         }},
        {u"diffDays", [](const Array& p, const Node&, EvalState& st) {
             if (p.size() != 2) return Value::from_number(0);
             return Value::from_number(diff_days(p[0], p[1], st));
         }},
        {u"year", [](const Array& p, const Node&, EvalState& st) {
             return Value::from_number(date_parts(date_from_first_or_today(p, st).number).year);
         }},
        {u"month", [](const Array& p, const Node&, EvalState& st) {
             return Value::from_number(date_parts(date_from_first_or_today(p, st).number).month + 1);
         }},
        {u"day", [](const Array& p, const Node&, EvalState& st) {
             return Value::from_number(date_parts(date_from_first_or_today(p, st).number).day);
         }},
        {u"weekday", [](const Array& p, const Node&, EvalState& st) {
             return Value::from_number(date_parts(date_from_first_or_today(p, st).number).weekday);
         }},
        {u"substring", [](const Array& p, const Node&, EvalState& st) { return substring_fn(p, st); }},
    };
    return fns;
}

}  // namespace

Value call_function(const std::u16string& name, const Node& call, Array params, EvalState& st) {
    for (const auto& [fn_name, fn] : registry())
        if (fn_name == name) return fn(params, call, st);
    return Value::null();  // FunctionFactory.run: unknown function
}

}  // namespace canvass::expr::detail

namespace canvass::expr {

bool is_known_function(std::string_view name) {
    std::u16string n = text::utf8_to_utf16(name);
    for (const auto& entry : detail::registry())
        if (entry.first == n) return true;
    return false;
}

}  // namespace canvass::expr
