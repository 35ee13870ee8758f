// Evaluation: operators (survey-core's OperandMaker), variable lookup (its ValueGetter) and
// the public entry points.
#include <algorithm>
#include <cmath>
#include <optional>

#include "core/expr/internal.h"
#include "core/text/unicode.h"

namespace canvass::expr::detail {
namespace {

// ---- variable lookup ---------------------------------------------------------------------

struct PathItem {
    std::u16string name;
    std::optional<double> index;
};

// ValueGetter.getPath: split on '.', then a trailing "[n]" on a part is an index.
std::vector<PathItem> split_path(const std::u16string& name, EvalState& st) {
    std::vector<PathItem> path;
    std::size_t start = 0;
    while (true) {
        std::size_t dot = name.find(u'.', start);
        std::u16string part = name.substr(start, dot == std::u16string::npos ? std::u16string::npos : dot - start);
        PathItem item{part, std::nullopt};
        if (!part.empty() && part.back() == u']') {
            std::size_t open = part.rfind(u'[');
            if (open != std::u16string::npos) {
                double idx = helpers_get_number(Value::from_string(part.substr(open + 1, part.size() - open - 2)), st);
                if (!std::isnan(idx)) {
                    item.index = idx;
                    item.name = part.substr(0, open);
                }
            }
        }
        path.push_back(std::move(item));
        if (dot == std::u16string::npos) break;
        start = dot + 1;
    }
    return path;
}

bool key_matches(std::u16string_view key, std::u16string_view name, const std::u16string& name_lower) {
    if (key.empty() || name_lower.empty()) return false;
    char16_t first = key[0];
    char16_t a = name_lower[0];
    char16_t upper = static_cast<char16_t>(text::simple_upper(name[0]));
    if (first != a && first != upper) return false;
    return text::to_lower(key) == name_lower;
}

// VariableGetterContext.getValueByItemCore
std::optional<Value> value_by_item(const Value& obj, const std::u16string& name) {
    if (!truthy(obj) || name.empty()) return std::nullopt;
    if (name == u"length" && (obj.is_array() || obj.is_string()))
        return Value::from_number(static_cast<double>(obj.is_array() ? obj.array->size() : obj.string.size()));
    std::u16string lower = text::to_lower(name);
    if (obj.type == Value::Type::Object) {
        for (const auto& [key, v] : *obj.object) {
            if (key_matches(key, name, lower)) {
                if (v.is_undefined()) return std::nullopt;
                return v;
            }
        }
    } else if (obj.is_array() && is_integer_index(lower)) {
        // for..in over an array yields "0", "1", ...: only a canonical index can match
        double i = string_to_number(lower);
        if (i < static_cast<double>(obj.array->size())) {
            const Value& v = (*obj.array)[static_cast<std::size_t>(i)];
            if (!v.is_undefined()) return v;
        }
    }
    return std::nullopt;
}

std::u16string join_path(const std::vector<PathItem>& path, std::size_t from, std::size_t to) {
    std::u16string s;
    for (std::size_t i = from; i <= to; ++i) {
        if (i > from) s += u'.';
        s += path[i].name;
    }
    return s;
}

// ValueGetterContextCore.getValue with the longest-name-first search at each level.
template <class RootLookup>
std::optional<Value> resolve(const std::vector<PathItem>& path, RootLookup root_lookup) {
    std::optional<Value> current;
    std::size_t p = 0;
    while (p < path.size()) {
        std::size_t end = p;
        while (end < path.size() && !path[end].index) ++end;
        if (end == path.size()) end = path.size() - 1;
        std::optional<Value> found;
        std::size_t k = end + 1;
        while (k-- > p) {
            std::u16string name = join_path(path, p, k);
            found = current ? value_by_item(*current, name) : root_lookup(name);
            if (found) break;
        }
        if (!found) return std::nullopt;
        current = std::move(found);
        const PathItem& item = path[k];
        p = k + 1;
        if (item.index) {
            if (!current->is_array()) return std::nullopt;
            double idx = *item.index;
            double len = static_cast<double>(current->array->size());
            if (idx < 0) idx = len + idx;
            if (!(idx > -1 && idx < len)) return std::nullopt;
            // a fractional index reads as undefined but still counts as found, as in JavaScript
            current = idx == std::floor(idx) ? (*current->array)[static_cast<std::size_t>(idx)] : Value::undefined();
        }
    }
    return current;
}

Value parse_json_object(const std::u16string& name) {
    // Variable.returnJSONObject: {"a": 1} is an object literal, not a variable.
    if (name.size() < 2 || name.find(u':') == std::u16string::npos || name.find(u':') < 1) return Value::null();
    nlohmann::json j = nlohmann::json::parse("{" + text::utf16_to_utf8(name) + "}", nullptr, false);
    if (j.is_discarded()) return Value::null();
    return from_json(j);
}

// ---- operators ---------------------------------------------------------------------------

// OperandMaker.binaryFunctions.arithmeticOp's convertForArithmeticOp
Value convert_for_arithmetic(const Value& val, const Value& second) {
    if (!is_value_empty(val)) return val;
    if (second.is_number()) return Value::from_number(0);
    if (val.is_string()) return val;
    if (second.is_string()) return Value::from_string(u"");
    if (second.is_array()) return Value::from_array({});
    return Value::from_number(0);
}

// OperandMaker.convertValForDateCompare; mutates like the JavaScript Date methods do.
void convert_for_date_compare(Value& val, Value& second, EvalState& st) {
    if (second.is_date() && val.is_string()) {
        Value res = create_date(val, st);
        DateParts sp = date_parts(second.number);
        if (!std::isnan(second.number)) second.number -= sp.ms;  // setMilliseconds(0)
        if (sp.hours > 0 || sp.minutes > 0 || sp.seconds > 0) {
            val = res;
            return;
        }
        DateParts rp = date_parts(res.number);
        res.number = time_clip(make_time_value(rp.year, rp.month, rp.day, 0, 0, 0, rp.ms));  // setHours(0, 0, 0)
        val = res;
        return;
    }
    if (second.is_string() && val.is_date()) {
        std::size_t len = second.string.size();
        DateParts p = date_parts(val.number);
        if (len < 17) p.seconds = 0, p.ms = 0;
        if (len < 14) p.minutes = 0, p.seconds = 0;
        if (len < 11) p.hours = 0, p.minutes = 0;
        val.number = time_clip(make_time_value(p.year, p.month, p.day, p.hours, p.minutes, p.seconds, p.ms));
    }
}

bool op_equal(Value left, Value right, EvalState& st) {
    convert_for_date_compare(left, right, st);
    convert_for_date_compare(right, left, st);
    return is_two_value_equals(left, right, true, st);
}

bool op_greater_less(Value& left, Value& right, bool greater, EvalState& st) {
    if (left.is_nullish() || right.is_nullish()) return false;
    convert_for_date_compare(left, right, st);
    convert_for_date_compare(right, left, st);
    return greater ? less_than(right, left, st) : less_than(left, right, st);
}

// The equality half of <= and >=: in JavaScript its setHours()/setMilliseconds() calls
// change the Date operands the following < or > then sees; text operands stay text.
bool op_equal_in_place(Value& left, Value& right, EvalState& st) {
    Value l = left, r = right;
    convert_for_date_compare(l, r, st);
    convert_for_date_compare(r, l, st);
    if (left.is_date()) left.number = l.number;
    if (right.is_date()) right.number = r.number;
    return is_two_value_equals(l, r, true, st);
}

bool contains_core(Value left, Value right, bool is_contains, EvalState& st) {
    if (left.is_array() && left.array->empty()) return !is_contains;
    if (!truthy(left) && !(left.is_number() && left.number == 0) && !(left.type == Value::Type::Bool)) return false;
    Value length = get_property(left, u"length");
    if (!truthy(length)) {
        left = Value::from_string(to_js_string(left, st));
        length = get_property(left, u"length");
    }
    if (left.is_string()) {
        if (!truthy(right)) return false;
        std::u16string l = text::to_lower(left.string);
        std::u16string r = text::to_lower(to_js_string(right, st));
        bool found = l.find(r) != std::u16string::npos;
        return is_contains ? found : !found;
    }
    Array rights = right.is_array() ? *right.array : Array{right};
    for (const auto& r : rights) {
        bool hit = false;
        for (double i = 0; less_than(Value::from_number(i), length, st) && !st.thrown; ++i) {
            if (is_two_value_equals(get_property(left, number_to_string(i)), r, true, st)) {
                hit = true;
                break;
            }
            if (i > 1e7) break;  // an object's "length" can be any number; arrays are never this long
        }
        if (!hit) return !is_contains;
    }
    return is_contains;
}

bool op_contains(const Value& l, const Value& r, EvalState& st) { return contains_core(l, r, true, st); }

bool op_notcontains(const Value& l, const Value& r, EvalState& st) {
    if (!truthy(l) && !is_value_empty(r)) return true;
    return contains_core(l, r, false, st);
}

bool op_anyof(const Value& left, const Value& right, EvalState& st) {
    if (is_value_empty(left) && is_value_empty(right)) return true;
    if (is_value_empty(left)) return false;
    if (!left.is_array()) {
        Value len = get_property(left, u"length");
        if (len.is_number() && len.number == 0) return false;
    }
    if (is_value_empty(right)) return true;
    if (!left.is_array()) return op_contains(right, left, st);
    if (!right.is_array()) return op_contains(left, right, st);
    for (const auto& r : *right.array)
        if (op_contains(left, r, st)) return true;
    return false;
}

bool op_allof(const Value& left, const Value& right, EvalState& st) {
    if (!truthy(left) && !is_value_empty(right)) return false;
    if (!right.is_array()) return op_contains(left, right, st);
    for (const auto& r : *right.array)
        if (!op_contains(left, r, st)) return false;
    return true;
}

Value arithmetic(const std::u16string& op, Value a, Value b, EvalState& st) {
    a = convert_for_arithmetic(a, b);
    b = convert_for_arithmetic(b, a);
    if (op == u"and") return truthy(a) ? b : a;
    if (op == u"or") return truthy(a) ? a : b;
    if (op == u"plus") return sum_any_values(a, b, st);
    if (op == u"minus") return correct_after_plus_minus(a, b, Value::from_number(to_number(a) - to_number(b)), st);
    if (op == u"mul") return correct_after_multiple(a, b, Value::from_number(to_number(a) * to_number(b)), st);
    if (op == u"div") {
        if (!truthy(b)) return Value::null();
        return Value::from_number(to_number(a) / to_number(b));
    }
    if (op == u"mod") {
        if (!truthy(b)) return Value::null();
        double x = to_number(a), y = to_number(b);
        if (std::isinf(y) && std::isfinite(x)) return Value::from_number(x);
        return Value::from_number(std::fmod(x, y));
    }
    if (op == u"power") return Value::from_number(js_pow(to_number(a), to_number(b)));
    return Value::null();
}

Value comparison(const std::u16string& op, Value l, Value r, EvalState& st) {
    bool res = false;
    if (op == u"equal") res = op_equal(l, r, st);
    else if (op == u"notequal") res = !op_equal(l, r, st);
    else if (op == u"less") res = op_greater_less(l, r, false, st);
    else if (op == u"greater") res = op_greater_less(l, r, true, st);
    else if (op == u"lessorequal") res = op_equal_in_place(l, r, st) || op_greater_less(l, r, false, st);
    else if (op == u"greaterorequal") res = op_equal_in_place(l, r, st) || op_greater_less(l, r, true, st);
    else if (op == u"contains") res = op_contains(l, r, st);
    else if (op == u"notcontains") res = op_notcontains(l, r, st);
    else if (op == u"anyof") res = op_anyof(l, r, st);
    else if (op == u"noneof") res = !op_anyof(l, r, st);
    else if (op == u"allof") res = op_allof(l, r, st);
    return Value::from_bool(res);
}

const char* operator_sign(const std::u16string& op) {
    static const std::pair<const char16_t*, const char*> signs[] = {
        {u"less", "<"}, {u"lessorequal", "<="}, {u"greater", ">"}, {u"greaterorequal", ">="},
        {u"equal", "=="}, {u"notequal", "!="}, {u"plus", "+"}, {u"minus", "-"}, {u"mul", "*"},
        {u"div", "/"}, {u"and", "and"}, {u"or", "or"}, {u"power", "^"}, {u"mod", "%"}, {u"negate", "!"}};
    for (const auto& [name, sign] : signs)
        if (op == name) return sign;
    return nullptr;
}

void collect(const Node& n, Node::Kind kind, std::vector<std::string>& out) {
    if (n.kind == kind) {
        std::string name = text::utf16_to_utf8(n.name);
        if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
    }
    for (const auto& c : n.children) collect(*c, kind, out);
}

}  // namespace

Value lookup_variable(const std::u16string& name, EvalState& st) {
    // Trying every dotted prefix is quadratic in the number of parts; real names have few.
    if (std::count(name.begin(), name.end(), u'.') > 128) return Value::undefined();
    std::vector<PathItem> path = split_path(name, st);
    std::optional<Value> found;
    if (st.item) {
        found = resolve(path, [&](const std::u16string& key) { return value_by_item(*st.item, key); });
    }
    if (!found) {
        found = resolve(path, [&](const std::u16string& key) -> std::optional<Value> {
            const nlohmann::json* j = st.context->find(text::utf16_to_utf8(key));
            if (!j) return std::nullopt;
            for (const auto& [ptr, value] : st.converted)
                if (ptr == j) return value;
            Value v = from_json(*j);
            if (st.converted.size() < 64) st.converted.emplace_back(j, v);
            return v;
        });
    }
    if (!found) {
        std::u16string_view suffix = u".length";
        if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            return Value::from_number(0);
        return Value::undefined();  // caller turns this into returnJSONObject
    }
    return *found;
}

Value evaluate_node(const Node& node, EvalState& st) {
    if (st.thrown) return {};
    if (++st.steps > EvalState::kMaxSteps) {
        st.thrown = true;
        return {};
    }
    switch (node.kind) {
        case Node::Kind::Null: return Value::null();
        case Node::Kind::Const: return get_correct_value(node.constant, st);
        case Node::Kind::Variable: {
            Value v = lookup_variable(node.name, st);
            if (v.is_undefined()) {
                // lookup_variable reports "not found" as undefined; a found undefined (a
                // fractional index) behaves the same everywhere that matters, except here.
                Value probe = parse_json_object(node.name);
                return probe;
            }
            return node.as_is ? v : get_correct_value(v, st);
        }
        case Node::Kind::Binary: {
            Value l = evaluate_node(*node.children[0], st);
            Value r = evaluate_node(*node.children[1], st);
            if (st.thrown) return {};
            return node.arithmetic ? arithmetic(node.name, std::move(l), std::move(r), st)
                                   : comparison(node.name, std::move(l), std::move(r), st);
        }
        case Node::Kind::Unary: {
            const Node& operand = *node.children[0];
            if (operand.kind == Node::Kind::Null) {
                st.thrown = true;  // survey-core dereferences the missing operand
                return {};
            }
            Value v = evaluate_node(operand, st);
            if (node.name == u"negate") return Value::from_bool(!truthy(v));
            bool empty = is_value_empty(v);
            return Value::from_bool(node.name == u"empty" ? empty : !empty);
        }
        case Node::Kind::Array:
        case Node::Kind::Function: {
            Array items;
            items.reserve(node.children.size());
            for (const auto& c : node.children) {
                if (c->kind == Node::Kind::Null) {
                    st.thrown = true;  // survey-core calls evaluate() on the missing operand
                    return {};
                }
                items.push_back(evaluate_node(*c, st));
            }
            if (st.thrown) return {};
            if (node.kind == Node::Kind::Array) return Value::from_array(std::move(items));
            return call_function(node.name, node, std::move(items), st);
        }
    }
    return {};
}

std::u16string node_to_string(const Node& node, EvalState& st) {
    switch (node.kind) {
        case Node::Kind::Null: return u"";
        case Node::Kind::Const: {
            const Value& c = node.constant;
            if (c.is_string() && c.string.empty()) return u"''";
            return to_js_string(c, st);
        }
        case Node::Kind::Variable: return u"{" + std::u16string(node.as_is ? u"#" : u"") + node.name + u"}";
        case Node::Kind::Binary: {
            const char* sign = operator_sign(node.name);
            return u"(" + node_to_string(*node.children[0], st) + u" " + (sign ? u16(sign) : node.name) + u" " +
                   node_to_string(*node.children[1], st) + u")";
        }
        case Node::Kind::Unary: {
            const Node& operand = *node.children[0];
            if (operand.kind == Node::Kind::Null) {
                st.thrown = true;
                return u"";
            }
            const char* sign = operator_sign(node.name);
            std::u16string op = sign ? u16(sign) : node.name;
            std::u16string e = node_to_string(operand, st);
            return (node.name == u"empty" || node.name == u"notempty") ? e + u" " + op : op + u" " + e;
        }
        case Node::Kind::Array:
        case Node::Kind::Function: {
            std::u16string s;
            for (std::size_t i = 0; i < node.children.size(); ++i) {
                if (i > 0) s += u", ";
                if (node.children[i]->kind == Node::Kind::Null) st.thrown = true;
                s += node_to_string(*node.children[i], st);
            }
            return node.kind == Node::Kind::Array ? u"[" + s + u"]" : node.name + u"(" + s + u")";
        }
    }
    return u"";
}

}  // namespace canvass::expr::detail

namespace canvass::expr {

using detail::EvalState;
using detail::Value;

const nlohmann::json* find_key(const nlohmann::json& object, std::string_view name) {
    if (!object.is_object() || name.empty()) return nullptr;
    std::u16string name16 = text::utf8_to_utf16(name);
    std::u16string lower = text::to_lower(name16);
    for (auto it = object.begin(); it != object.end(); ++it) {
        const std::string& key = it.key();
        if (key.empty()) continue;
        // Cheap first-unit filter before lower-casing the whole key.
        std::u16string head = text::utf8_to_utf16(std::string_view(key).substr(0, std::min<std::size_t>(4, key.size())));
        char16_t first = head.empty() ? 0 : head[0];
        if (first != lower[0] && first != static_cast<char16_t>(text::simple_upper(name16[0]))) continue;
        if (text::to_lower(text::utf8_to_utf16(key)) == lower) return &it.value();
    }
    return nullptr;
}

const nlohmann::json* DataContext::find(std::string_view name) const {
    for (const auto& [bound, value] : bindings) {
        if (value && text::to_lower(bound) == text::to_lower(name)) return value;
    }
    for (const nlohmann::json* layer : layers) {
        if (!layer) continue;
        if (const nlohmann::json* v = find_key(*layer, name)) return v;
    }
    return nullptr;
}

nlohmann::json evaluate(const Expression& expression, const Context& context) {
    EvalState st;
    st.context = &context;
    Value v = detail::evaluate_node(*expression.root, st);
    if (st.thrown) return nullptr;
    return detail::to_json(v);
}

bool evaluate_condition(const Expression& expression, const Context& context) {
    EvalState st;
    st.context = &context;
    Value v = detail::evaluate_node(*expression.root, st);
    if (st.thrown) return false;
    return detail::loose_equals(v, Value::from_bool(true), st);
}

std::vector<std::string> referenced_names(const Expression& expression) {
    std::vector<std::string> out;
    detail::collect(*expression.root, detail::Node::Kind::Variable, out);
    return out;
}

std::vector<std::string> referenced_functions(const Expression& expression) {
    std::vector<std::string> out;
    detail::collect(*expression.root, detail::Node::Kind::Function, out);
    return out;
}

std::string to_string(const Expression& expression) {
    EvalState st;
    return text::utf16_to_utf8(detail::node_to_string(*expression.root, st));
}

}  // namespace canvass::expr
