// Parser: a hand-written copy of survey-core's Peggy grammar (same ordered choices, no word
// boundaries, optional closing parentheses), so the same texts parse the same way, and
// error positions match survey-core's (the furthest position where a token was expected).
#include <algorithm>
#include <string>

#include "core/expr/internal.h"
#include "core/text/unicode.h"

namespace canvass::expr::detail {
namespace {

constexpr int kMaxNesting = 256;    // parenthesis/function/array/! levels: bounds parser recursion
constexpr int kMaxHeight = 1024;    // tree height incl. operator chains: bounds evaluation recursion
// The grammar backtracks without memoising (as survey-core's generated parser does), which is
// exponential on hostile texts such as "((((( ee(((" repeated: a fuzzer found a 192-character
// expression that took minutes. Real expressions need a few thousand steps; past this budget
// parsing stops with an error instead of hanging the page.
constexpr long kMaxParseSteps = 200'000;

struct Patched {
    std::u16string text;
    std::vector<std::size_t> origin;  // origin[i]: index in the original text of text[i]
};

// ConditionsParser.patchExpression: global, case-sensitive replacements applied even inside
// quotes and braces, exactly as survey-core does before parsing.
Patched patch(std::u16string_view original) {
    Patched p;
    p.text.assign(original);
    p.origin.resize(original.size());
    for (std::size_t i = 0; i < original.size(); ++i) p.origin[i] = i;
    auto replace_all = [&](std::u16string_view from, std::u16string_view to) {
        Patched out;
        std::size_t i = 0;
        while (i < p.text.size()) {
            if (p.text.compare(i, from.size(), from) == 0) {
                for (std::size_t k = 0; k < to.size(); ++k) {
                    out.text.push_back(to[k]);
                    out.origin.push_back(p.origin[i + std::min(k, from.size() - 1)]);
                }
                i += from.size();
            } else {
                out.text.push_back(p.text[i]);
                out.origin.push_back(p.origin[i]);
                ++i;
            }
        }
        p = std::move(out);
    };
    replace_all(u"=>", u">=");
    replace_all(u"=<", u"<=");
    replace_all(u"<>", u"!=");
    replace_all(u"equals", u"equal ");
    replace_all(u"notequals", u"notequal ");
    return p;
}

std::unique_ptr<Node> make_node(Node::Kind kind) {
    auto n = std::make_unique<Node>();
    n->kind = kind;
    return n;
}


class Parser {
public:
    explicit Parser(std::u16string_view in) : in_(in) {}

    // Returns true on success; `out` may hold a Null node (the literal null).
    bool parse(NodePtr& out) {
        bool ok = expression(out);
        if (abort_) return false;
        if (ok && pos_ < in_.size()) fail();
        return ok && pos_ == in_.size();
    }
    std::size_t error_pos() const { return abort_ ? abort_pos_ : max_fail_; }
    const char* abort_reason() const { return abort_ ? abort_reason_ : nullptr; }

private:
    using Fn = bool (Parser::*)(NodePtr&);

    void fail() { max_fail_ = std::max(max_fail_, pos_); }
    void abort(const char* reason) {
        if (!abort_) {
            abort_ = true;
            abort_reason_ = reason;
            abort_pos_ = pos_;
        }
    }

    bool lit(std::u16string_view s) {
        if (in_.compare(pos_, s.size(), s) == 0 && pos_ + s.size() <= in_.size()) {
            pos_ += s.size();
            return true;
        }
        fail();
        return false;
    }
    // input.substr(pos, n).toLowerCase() === s; only ASCII letters can lower-case to ASCII
    // letters of equal length in these keywords.
    bool lit_i(std::u16string_view s) {
        if (pos_ + s.size() <= in_.size()) {
            bool eq = true;
            for (std::size_t k = 0; k < s.size() && eq; ++k) {
                char16_t c = in_[pos_ + k];
                if (c >= u'A' && c <= u'Z') c = static_cast<char16_t>(c + 32);
                eq = c == s[k];
            }
            if (eq) {
                pos_ += s.size();
                return true;
            }
        }
        fail();
        return false;
    }
    bool char_class(bool (*pred)(char16_t)) {
        if (pos_ < in_.size() && pred(in_[pos_])) {
            ++pos_;
            return true;
        }
        fail();
        return false;
    }
    void ws() {
        while (pos_ < in_.size() && (in_[pos_] == u' ' || in_[pos_] == u'\t' || in_[pos_] == u'\n' || in_[pos_] == u'\r')) ++pos_;
    }

    NodePtr binary(std::u16string op, NodePtr left, NodePtr right, bool arithmetic) {
        auto n = make_node(Node::Kind::Binary);
        n->name = std::move(op);
        n->arithmetic = arithmetic;
        n->children.push_back(left ? std::move(left) : make_node(Node::Kind::Null));
        n->children.push_back(right ? std::move(right) : make_node(Node::Kind::Null));
        check_height(*n);
        return n;
    }
    void check_height(Node& n) {
        int h = 0;
        for (const auto& c : n.children) h = std::max(h, c->height);
        n.height = h + 1;
        if (n.height > kMaxHeight) abort("more than 1024 nested operations");
    }

    // head (_ op _ operand)* built left-associatively; `optional_right` for BinFunctions.
    bool chain(NodePtr& out, Fn operand, bool (Parser::*op)(std::u16string&), bool arithmetic, bool optional_right) {
        if (++steps_ > kMaxParseSteps) abort("too complex to parse (it backtracks too much)");
        if (abort_) return false;
        if (!(this->*operand)(out)) return false;
        while (!abort_) {
            std::size_t save = pos_;
            ws();
            std::u16string name;
            if (!(this->*op)(name)) {
                pos_ = save;
                break;
            }
            ws();
            NodePtr right;
            if (!(this->*operand)(right)) {
                if (abort_) return false;
                if (!optional_right) {
                    pos_ = save;
                    break;
                }
                right = nullptr;
            }
            out = binary(std::move(name), std::move(out), std::move(right), arithmetic);
        }
        return !abort_;
    }

    bool expression(NodePtr& out) {
        std::size_t start = pos_;
        ws();
        if (!chain(out, &Parser::logic_or, &Parser::or_sign, true, false)) {
            pos_ = start;
            return false;
        }
        ws();
        return true;
    }
    bool or_sign(std::u16string& name) {
        if (lit(u"||") || lit_i(u"or")) return name = u"or", true;
        return false;
    }
    bool logic_or(NodePtr& out) { return chain(out, &Parser::logic_and, &Parser::and_sign, true, false); }
    bool and_sign(std::u16string& name) {
        if (lit(u"&&") || lit_i(u"and")) return name = u"and", true;
        return false;
    }
    bool logic_and(NodePtr& out) { return chain(out, &Parser::comp_ops, &Parser::comparison, false, false); }
    bool comparison(std::u16string& name) {
        if (lit(u"<=") || lit_i(u"lessorequal")) return name = u"lessorequal", true;
        if (lit(u">=") || lit_i(u"greaterorequal")) return name = u"greaterorequal", true;
        if (lit(u"==") || lit_i(u"equal")) return name = u"equal", true;
        if (lit(u"=") || lit_i(u"equal")) return name = u"equal", true;
        if (lit(u"!=") || lit_i(u"notequal")) return name = u"notequal", true;
        if (lit(u"<") || lit_i(u"less")) return name = u"less", true;
        if (lit(u">") || lit_i(u"greater")) return name = u"greater", true;
        return false;
    }
    bool comp_ops(NodePtr& out) { return chain(out, &Parser::plus_minus_ops, &Parser::plus_minus, true, false); }
    bool plus_minus(std::u16string& name) {
        if (lit(u"+")) return name = u"plus", true;
        if (lit(u"-")) return name = u"minus", true;
        return false;
    }
    bool plus_minus_ops(NodePtr& out) { return chain(out, &Parser::mul_div_ops, &Parser::mul_div, true, false); }
    bool mul_div(std::u16string& name) {
        if (lit(u"*")) return name = u"mul", true;
        if (lit(u"/")) return name = u"div", true;
        if (lit(u"%")) return name = u"mod", true;
        return false;
    }
    bool mul_div_ops(NodePtr& out) { return chain(out, &Parser::binary_func_op, &Parser::power, true, false); }
    bool power(std::u16string& name) {
        if (lit(u"^") || lit_i(u"power")) return name = u"power", true;
        return false;
    }
    bool binary_func_op(NodePtr& out) { return chain(out, &Parser::factor, &Parser::bin_function, false, true); }
    bool bin_function(std::u16string& name) {
        if (lit(u"*=") || lit_i(u"contains") || lit_i(u"contain")) return name = u"contains", true;
        if (lit_i(u"notcontains") || lit_i(u"notcontain")) return name = u"notcontains", true;
        if (lit_i(u"anyof")) return name = u"anyof", true;
        if (lit_i(u"allof")) return name = u"allof", true;
        if (lit_i(u"noneof")) return name = u"noneof", true;
        return false;
    }

    bool factor(NodePtr& out) {
        if (++depth_ > kMaxNesting) {
            abort("nesting deeper than 256 levels");
            return false;
        }
        bool ok = factor_core(out);
        --depth_;
        return ok && !abort_;
    }
    bool factor_core(NodePtr& out) {
        std::size_t start = pos_;
        if (lit(u"(")) {
            ws();
            if (expression(out)) {
                ws();
                lit(u")");  // optional in survey-core's grammar
                return true;
            }
            if (abort_) return false;
            pos_ = start;
        }
        if (function_op(out) || abort_) return !abort_;
        if (unary_function_op(out) || abort_) return !abort_;
        if (atom(out)) return true;
        return array_op(out);
    }
    bool function_op(NodePtr& out) {
        std::size_t start = pos_;
        std::u16string name;
        if (!letters_and_digits(name)) return false;
        if (!lit(u"(")) {
            pos_ = start;
            return false;
        }
        auto n = make_node(Node::Kind::Function);
        n->name = std::move(name);
        if (!sequence(n->children)) return false;
        lit(u")");  // optional in survey-core's grammar
        check_height(*n);
        out = std::move(n);
        return true;
    }
    bool unary_function_op(NodePtr& out) {
        std::size_t start = pos_;
        if (lit(u"!") || lit_i(u"negate")) {
            ws();
            NodePtr operand;
            if (factor(operand)) {
                auto n = make_node(Node::Kind::Unary);
                n->name = u"negate";
                n->children.push_back(operand ? std::move(operand) : make_node(Node::Kind::Null));
                check_height(*n);
                out = std::move(n);
                return true;
            }
            if (abort_) return false;
            pos_ = start;
        }
        NodePtr operand;
        if (atom(operand)) {
            ws();
            std::u16string op;
            if (lit_i(u"empty")) op = u"empty";
            else if (lit_i(u"notempty")) op = u"notempty";
            if (!op.empty()) {
                auto n = make_node(Node::Kind::Unary);
                n->name = std::move(op);
                n->children.push_back(operand ? std::move(operand) : make_node(Node::Kind::Null));
                out = std::move(n);
                return true;
            }
        }
        pos_ = start;
        return false;
    }
    bool atom(NodePtr& out) {
        std::size_t start = pos_;
        ws();
        if (lit(u"undefined") || lit(u"null")) {
            out = make_node(Node::Kind::Null);
            return true;
        }
        pos_ = start;
        ws();
        Value constant;
        if (const_value(constant)) {
            auto n = make_node(Node::Kind::Const);
            n->constant = std::move(constant);
            out = std::move(n);
            return true;
        }
        pos_ = start;
        ws();
        if (lit(u"{")) {
            std::size_t name_start = pos_;
            while (pos_ < in_.size() && in_[pos_] != u'{' && in_[pos_] != u'}') ++pos_;
            fail();  // where the run of [^{}] ended
            std::size_t name_end = pos_;
            if (name_end > name_start && lit(u"}")) {
                std::u16string name(in_.substr(name_start, name_end - name_start));
                auto n = make_node(Node::Kind::Variable);
                if (name.size() > 1 && name[0] == u'#') {
                    n->as_is = true;
                    name.erase(0, 1);
                }
                n->name = std::move(name);
                out = std::move(n);
                return true;
            }
        }
        pos_ = start;
        return false;
    }
    bool const_value(Value& out) {
        std::size_t start = pos_;
        if (lit_i(u"true")) return out = Value::from_bool(true), true;
        if (lit_i(u"false")) return out = Value::from_bool(false), true;
        if (arithmetic_value(out)) return true;
        pos_ = start;
        std::u16string word;
        if (letters_and_digits(word)) return out = Value::from_string(std::move(word)), true;
        if (lit(u"''") || lit(u"\"\"")) return out = Value::from_string(u""), true;
        for (char16_t quote : {u'\'', u'"'}) {
            pos_ = start;
            if (!lit(std::u16string_view(&quote, 1))) continue;
            std::u16string body;
            if (any_input(body) && lit(std::u16string_view(&quote, 1))) {
                out = Value::from_string(u"'" + body + u"'");
                return true;
            }
        }
        pos_ = start;
        return false;
    }
    bool any_input(std::u16string& out) {
        std::size_t start = pos_;
        while (true) {
            if (in_.compare(pos_, 2, u"\\'") == 0 && pos_ + 2 <= in_.size()) {
                out += u'\'';
                pos_ += 2;
                continue;
            }
            fail();
            if (in_.compare(pos_, 2, u"\\\"") == 0 && pos_ + 2 <= in_.size()) {
                out += u'"';
                pos_ += 2;
                continue;
            }
            if (pos_ < in_.size() && in_[pos_] != u'"' && in_[pos_] != u'\'') {
                out += in_[pos_++];
                continue;
            }
            fail();
            break;
        }
        return pos_ > start;
    }
    bool arithmetic_value(Value& out) {
        std::size_t start = pos_;
        if (lit(u"0x")) {
            std::size_t digits_start = pos_;
            if (digits()) {
                // parseInt("0x" + digits, 16): the digits are read as hexadecimal
                out = Value::from_number(parse_int(u"0x" + std::u16string(in_.substr(digits_start, pos_ - digits_start))));
                return true;
            }
            pos_ = start;
        }
        bool negative = false;
        if (pos_ < in_.size() && in_[pos_] == u'-') {
            negative = true;
            ++pos_;
        } else {
            fail();
        }
        double value;
        if (number(value)) {
            out = Value::from_number(negative ? -value : value);
            return true;
        }
        pos_ = start;
        return false;
    }
    bool number(double& value) {
        std::size_t start = pos_;
        if (digits() && lit(u".") && digits()) {
            value = parse_float(in_.substr(start, pos_ - start));
            return true;
        }
        pos_ = start;
        if (non_zero_digits()) {
            digits();
            value = parse_int(in_.substr(start, pos_ - start));
            return true;
        }
        pos_ = start;
        if (lit(u"0")) {
            value = 0;
            return true;
        }
        return false;
    }
    static bool is_digit(char16_t c) { return c >= u'0' && c <= u'9'; }
    static bool is_non_zero_digit(char16_t c) { return c >= u'1' && c <= u'9'; }
    static bool is_letter(char16_t c) { return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_'; }
    bool repeat(bool (*pred)(char16_t)) {
        if (!char_class(pred)) return false;
        while (char_class(pred)) {
        }
        return true;
    }
    bool digits() { return repeat(is_digit); }
    bool non_zero_digits() { return repeat(is_non_zero_digit); }
    bool letters_and_digits(std::u16string& out) {
        std::size_t start = pos_;
        if (!repeat(is_letter)) return false;
        while (digits()) {
            while (repeat(is_letter)) {
            }
        }
        out.assign(in_.substr(start, pos_ - start));
        return true;
    }
    bool array_op(NodePtr& out) {
        std::size_t start = pos_;
        if (!lit(u"[")) return false;
        auto n = make_node(Node::Kind::Array);
        if (!sequence(n->children)) return false;
        if (!lit(u"]")) {
            pos_ = start;
            return false;
        }
        check_height(*n);
        out = std::move(n);
        return true;
    }
    // Expression? (_ "," _ Expression)*; survey-core drops everything when the first item is
    // missing or is the null literal.
    bool sequence(std::vector<NodePtr>& items) {
        NodePtr first;
        bool has_first = expression(first);
        if (abort_) return false;
        std::vector<NodePtr> rest;
        while (true) {
            std::size_t save = pos_;
            ws();
            if (!lit(u",")) {
                pos_ = save;
                break;
            }
            ws();
            NodePtr item;
            if (!expression(item)) {
                if (abort_) return false;
                pos_ = save;
                break;
            }
            rest.push_back(item ? std::move(item) : make_node(Node::Kind::Null));
        }
        if (!has_first || !first || first->kind == Node::Kind::Null) return true;
        items.push_back(std::move(first));
        for (auto& r : rest) items.push_back(std::move(r));
        return true;
    }

    std::u16string_view in_;
    std::size_t pos_ = 0;
    std::size_t max_fail_ = 0;
    int depth_ = 0;
    long steps_ = 0;
    bool abort_ = false;
    const char* abort_reason_ = nullptr;
    std::size_t abort_pos_ = 0;
};

std::string describe(std::u16string_view text, std::size_t pos) {
    if (pos >= text.size()) return "end of expression";
    std::size_t end = pos + 1;
    if (text[pos] >= 0xD800 && text[pos] <= 0xDBFF && end < text.size() && text[end] >= 0xDC00 && text[end] <= 0xDFFF) ++end;
    char16_t c = text[pos];
    if (c < 0x20 || c == 0x7F) {
        static const char* hex = "0123456789ABCDEF";
        return std::string("'\\x") + hex[(c >> 4) & 0xF] + hex[c & 0xF] + "'";
    }
    return "'" + text::utf16_to_utf8(text.substr(pos, end - pos)) + "'";
}

}  // namespace

Result<std::shared_ptr<const Expression>> parse_u16(std::u16string_view original) {
    Patched p = patch(original);
    Parser parser(p.text);
    NodePtr root;
    if (!parser.parse(root)) {
        std::size_t pos = parser.error_pos();
        std::size_t orig = pos < p.origin.size() ? p.origin[pos] : original.size();
        if (const char* reason = parser.abort_reason())
            return make_error(std::string("expression too complex: ") + reason + " at " + std::to_string(orig));
        return make_error("unexpected " + describe(original, orig) + " at " + std::to_string(orig));
    }
    auto expr = std::make_shared<Expression>();
    expr->root = root ? std::move(root) : make_node(Node::Kind::Null);
    return std::shared_ptr<const Expression>(std::move(expr));
}

}  // namespace canvass::expr::detail

namespace canvass::expr {

Result<std::shared_ptr<const Expression>> parse(std::string_view text) {
    return detail::parse_u16(text::utf8_to_utf16(text));
}

}  // namespace canvass::expr
