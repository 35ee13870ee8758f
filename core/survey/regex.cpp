// ECMAScript (non-unicode) regular expressions for regex validators: a strict parser of the
// supported syntax, a compiler to a small instruction set and a Thompson (Pike) simulation,
// so matching never backtracks, never recurses per input character and never throws.
//
// Sections:
//   1. Character sets (\d \w \s, classes) and JavaScript case folding
//   2. Parser: pattern text to syntax tree, refusing what is not supported
//   3. Compiler: syntax tree to instructions
//   4. Matcher: Pike VM with lookahead
#include "core/survey/regex.h"

#include <unordered_map>
#include <utility>

#include "core/text/unicode.h"

namespace canvass::survey {

// --- 1. Character sets and case folding ----------------------------------------------------

namespace {

enum class Builtin : std::uint8_t { Digit, Word, Space };

bool in_builtin(Builtin b, char16_t c) {
    switch (b) {
    case Builtin::Digit: return c >= '0' && c <= '9';
    case Builtin::Word: return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    case Builtin::Space: return text::is_js_whitespace(c);
    }
    return false;
}

// Canonicalize (ES2023 22.2.2.7.3) without the u flag.
char16_t canonicalize(char16_t c) {
    const char32_t u = text::simple_upper(c);
    if (u > 0xFFFF) return c;
    if (c >= 128 && u < 128) return c;
    return char16_t(u);
}

bool is_line_terminator(char16_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }

}  // namespace

struct ClassSet {
    std::vector<std::pair<char16_t, char16_t>> ranges;
    std::vector<std::pair<Builtin, bool>> builtins;  // (set, negated)
    bool negated = false;

    bool contains_raw(char16_t c) const {
        for (const auto& [lo, hi] : ranges) {
            if (c >= lo && c <= hi) return true;
        }
        for (const auto& [b, neg] : builtins) {
            if (in_builtin(b, c) != neg) return true;
        }
        return false;
    }
    bool matches(char16_t c, bool ci) const {
        bool found = contains_raw(c);
        if (!found && ci) {
            const char16_t canon = canonicalize(c);
            const char32_t lower = text::simple_lower(c);
            const char32_t upper = text::simple_upper(c);
            if (lower <= 0xFFFF && canonicalize(char16_t(lower)) == canon && contains_raw(char16_t(lower))) found = true;
            if (!found && upper <= 0xFFFF && canonicalize(char16_t(upper)) == canon && contains_raw(char16_t(upper))) found = true;
            if (!found && canon != c && contains_raw(canon)) found = true;
        }
        return found != negated;
    }
};

enum class Op : std::uint8_t { Char, Any, Class, Split, Jmp, Begin, End, WordB, NotWordB, Look, NegLook, Match };

struct Inst {
    Op op = Op::Match;
    char16_t c = 0;
    int x = 0, y = 0;
};

struct Regex::Impl {
    std::vector<Inst> program;
    std::vector<ClassSet> classes;
    bool case_insensitive = false;
};

Regex::Regex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Regex::~Regex() = default;

// --- 2. Parser -----------------------------------------------------------------------------

namespace {

struct Node {
    enum class Kind : std::uint8_t { Empty, Char, Any, Class, Begin, End, WordB, NotWordB, Concat, Alt, Repeat, Group, Look, NegLook };
    Kind kind = Kind::Empty;
    char16_t c = 0;
    int cls = -1;
    int min = 0, max = -1;  // Repeat; max -1 is unbounded
    std::vector<std::unique_ptr<Node>> kids;
};
using NodePtr = std::unique_ptr<Node>;

constexpr int kMaxNesting = 64;
constexpr int kMaxRepeat = 1000;
constexpr std::size_t kMaxProgram = 50000;

NodePtr make(Node::Kind kind) {
    auto n = std::make_unique<Node>();
    n->kind = kind;
    return n;
}

int hex_value(char16_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_letter(char16_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

class Parser {
public:
    Parser(std::u16string pattern, std::vector<ClassSet>& classes) : p_(std::move(pattern)), classes_(classes) {}

    NodePtr parse() {
        NodePtr n = disjunction(0);
        if (!error_.empty()) return nullptr;
        if (i_ < p_.size()) {  // only a stray ')' stops a top-level disjunction
            fail("invalid regex: unmatched ')'");
            return nullptr;
        }
        return n;
    }
    const std::string& error() const { return error_; }

private:
    void fail(const std::string& message) {
        if (error_.empty()) error_ = message + " at " + std::to_string(i_);
    }
    void refuse(const std::string& message) {
        if (error_.empty()) error_ = message;
    }
    bool at_end() const { return i_ >= p_.size(); }
    char16_t peek(std::size_t ahead = 0) const { return i_ + ahead < p_.size() ? p_[i_ + ahead] : 0; }

    NodePtr disjunction(int depth) {
        if (depth > kMaxNesting) {
            refuse("regex nests groups more than " + std::to_string(kMaxNesting) + " deep");
            return nullptr;
        }
        auto alt = make(Node::Kind::Alt);
        alt->kids.push_back(alternative(depth));
        while (error_.empty() && !at_end() && peek() == '|') {
            ++i_;
            alt->kids.push_back(alternative(depth));
        }
        if (alt->kids.size() == 1) return std::move(alt->kids[0]);
        return alt;
    }

    NodePtr alternative(int depth) {
        auto seq = make(Node::Kind::Concat);
        while (error_.empty() && !at_end() && peek() != '|' && peek() != ')') {
            NodePtr t = term(depth);
            if (!t) break;
            seq->kids.push_back(std::move(t));
        }
        return seq;
    }

    // Reads {n}, {n,} or {n,m} at i_ without consuming when it is not one.
    bool read_braces(int& lo, int& hi, std::size_t& end) const {
        std::size_t j = i_;
        if (j >= p_.size() || p_[j] != '{') return false;
        ++j;
        auto digits = [&](long long& out) {
            const std::size_t start = j;
            out = 0;
            while (j < p_.size() && p_[j] >= '0' && p_[j] <= '9') {
                if (out < 100000000) out = out * 10 + (p_[j] - '0');
                ++j;
            }
            return j > start;
        };
        long long a = 0, b = -1;
        if (!digits(a)) return false;
        if (j < p_.size() && p_[j] == ',') {
            ++j;
            long long tmp = 0;
            if (digits(tmp)) b = tmp; else b = -1;
        } else {
            b = a;
        }
        if (j >= p_.size() || p_[j] != '}') return false;
        end = j + 1;
        lo = int(a > 100000000 ? 100000000 : a);
        hi = b < 0 ? -1 : int(b > 100000000 ? 100000000 : b);
        return true;
    }

    NodePtr term(int depth) {
        const char16_t c = peek();
        NodePtr atom;
        bool assertion = false;
        switch (c) {
        case '^': ++i_; atom = make(Node::Kind::Begin); assertion = true; break;
        case '$': ++i_; atom = make(Node::Kind::End); assertion = true; break;
        case '.': ++i_; atom = make(Node::Kind::Any); break;
        case '[': atom = char_class(); break;
        case '(': atom = group(depth); break;
        case '*': case '+': case '?': fail("invalid regex: nothing to repeat"); return nullptr;
        case '{': {
            int lo, hi;
            std::size_t end;
            if (read_braces(lo, hi, end)) { fail("invalid regex: nothing to repeat"); return nullptr; }
            ++i_;
            atom = make(Node::Kind::Char);
            atom->c = '{';
            break;
        }
        case '\\': {
            if (peek(1) == 'b' || peek(1) == 'B') {
                atom = make(peek(1) == 'b' ? Node::Kind::WordB : Node::Kind::NotWordB);
                i_ += 2;
                assertion = true;
            } else {
                atom = atom_escape();
            }
            break;
        }
        default: ++i_; atom = make(Node::Kind::Char); atom->c = c; break;
        }
        if (!atom || !error_.empty()) return nullptr;
        // Quantifier.
        int lo = -2, hi = -1;
        std::size_t end = 0;
        if (peek() == '*' && !at_end()) { lo = 0; hi = -1; end = i_ + 1; }
        else if (peek() == '+' && !at_end()) { lo = 1; hi = -1; end = i_ + 1; }
        else if (peek() == '?' && !at_end()) { lo = 0; hi = 1; end = i_ + 1; }
        else if (!at_end() && peek() == '{') { if (!read_braces(lo, hi, end)) lo = -2; }
        if (lo == -2) return atom;
        if (assertion) { fail("invalid regex: nothing to repeat"); return nullptr; }
        if (hi >= 0 && lo > hi) { fail("invalid regex: numbers out of order in {} quantifier"); return nullptr; }
        if (lo > kMaxRepeat || hi > kMaxRepeat) {
            refuse("regex repeat counts above " + std::to_string(kMaxRepeat) + " are not supported");
            return nullptr;
        }
        i_ = end;
        if (peek() == '?' && !at_end()) ++i_;  // lazy: same language, so the same for test()
        auto rep = make(Node::Kind::Repeat);
        rep->min = lo;
        rep->max = hi;
        rep->kids.push_back(std::move(atom));
        return rep;
    }

    NodePtr group(int depth) {
        ++i_;  // '('
        Node::Kind kind = Node::Kind::Group;
        if (peek() == '?') {
            if (peek(1) == ':') { i_ += 2; }
            else if (peek(1) == '=') { i_ += 2; kind = Node::Kind::Look; }
            else if (peek(1) == '!') { i_ += 2; kind = Node::Kind::NegLook; }
            else if (peek(1) == '<' && (peek(2) == '=' || peek(2) == '!')) {
                refuse("lookbehind (?<= or (?<! is not supported in regex validators");
                return nullptr;
            } else if (peek(1) == '<') {
                refuse("named groups (?<name> are not supported in regex validators");
                return nullptr;
            } else {
                fail("invalid regex: invalid group");
                return nullptr;
            }
        }
        NodePtr inner = disjunction(depth + 1);
        if (!error_.empty()) return nullptr;
        if (peek() != ')' || at_end()) { fail("invalid regex: unterminated group"); return nullptr; }
        ++i_;
        auto g = make(kind);
        g->kids.push_back(std::move(inner));
        return g;
    }

    // An escape after '\\' (i_ at the backslash) that is a single character or a builtin set.
    // Returns false when it produced a set (in `builtin`, `negated`).
    bool escape(bool in_class, char16_t& out, Builtin& builtin, bool& negated) {
        ++i_;  // '\\'
        if (at_end()) { fail("invalid regex: \\ at end of pattern"); return true; }
        const char16_t e = p_[i_++];
        switch (e) {
        case 'd': builtin = Builtin::Digit; negated = false; return false;
        case 'D': builtin = Builtin::Digit; negated = true; return false;
        case 'w': builtin = Builtin::Word; negated = false; return false;
        case 'W': builtin = Builtin::Word; negated = true; return false;
        case 's': builtin = Builtin::Space; negated = false; return false;
        case 'S': builtin = Builtin::Space; negated = true; return false;
        case 't': out = '\t'; return true;
        case 'n': out = '\n'; return true;
        case 'v': out = '\v'; return true;
        case 'f': out = '\f'; return true;
        case 'r': out = '\r'; return true;
        case 'b': out = 0x08; return true;  // only reached inside a class
        case 'c':
            if (is_letter(peek()) || (in_class && ((peek() >= '0' && peek() <= '9') || peek() == '_'))) {
                out = char16_t(peek() % 32);
                ++i_;
                return true;
            }
            --i_;  // Annex B: "\c" not followed by a letter is a backslash, then 'c' as itself
            out = '\\';
            return true;
        case '0':
            if (peek() >= '0' && peek() <= '9') {
                refuse("octal escapes such as \\01 are not supported in regex validators");
                return true;
            }
            out = 0;
            return true;
        case 'x':
            if (hex_value(peek()) >= 0 && hex_value(peek(1)) >= 0) {
                out = char16_t(hex_value(peek()) * 16 + hex_value(peek(1)));
                i_ += 2;
                return true;
            }
            out = 'x';
            return true;
        case 'u':
            if (peek() == '{') {
                refuse("\\u{...} escapes are not supported in regex validators (write \\uXXXX)");
                return true;
            }
            if (hex_value(peek()) >= 0 && hex_value(peek(1)) >= 0 && hex_value(peek(2)) >= 0 && hex_value(peek(3)) >= 0) {
                out = char16_t(((hex_value(peek()) * 16 + hex_value(peek(1))) * 16 + hex_value(peek(2))) * 16 + hex_value(peek(3)));
                i_ += 4;
                return true;
            }
            out = 'u';
            return true;
        case 'p': case 'P':
            if (peek() == '{') {
                refuse("Unicode property escapes \\p{...} are not supported in regex validators");
                return true;
            }
            out = e;
            return true;
        case 'k':
            if (peek() == '<') {
                refuse("named backreferences \\k<name> are not supported in regex validators");
                return true;
            }
            out = e;
            return true;
        default:
            if (e >= '1' && e <= '9') {
                refuse("backreferences and octal escapes such as \\1 are not supported in regex validators");
                return true;
            }
            out = e;  // identity escape
            return true;
        }
    }

    NodePtr atom_escape() {
        char16_t ch = 0;
        Builtin b = Builtin::Digit;
        bool neg = false;
        if (escape(false, ch, b, neg)) {
            auto n = make(Node::Kind::Char);
            n->c = ch;
            return n;
        }
        ClassSet set;
        set.builtins.push_back({b, neg});
        classes_.push_back(std::move(set));
        auto n = make(Node::Kind::Class);
        n->cls = int(classes_.size() - 1);
        return n;
    }

    // One class atom: a character (returns true) or a builtin set.
    bool class_atom(char16_t& ch, Builtin& b, bool& neg) {
        if (peek() == '\\') return escape(true, ch, b, neg);
        ch = p_[i_++];
        return true;
    }

    NodePtr char_class() {
        ++i_;  // '['
        ClassSet set;
        if (peek() == '^' && !at_end()) { set.negated = true; ++i_; }
        while (error_.empty()) {
            if (at_end()) { fail("invalid regex: missing ] for character class"); return nullptr; }
            if (peek() == ']') { ++i_; break; }
            char16_t a = 0; Builtin ba = Builtin::Digit; bool na = false;
            const bool a_char = class_atom(a, ba, na);
            if (!error_.empty()) return nullptr;
            if (peek() == '-' && i_ + 1 < p_.size() && p_[i_ + 1] != ']') {
                ++i_;  // '-'
                char16_t z = 0; Builtin bz = Builtin::Digit; bool nz = false;
                const bool z_char = class_atom(z, bz, nz);
                if (!error_.empty()) return nullptr;
                if (a_char && z_char) {
                    if (a > z) { fail("invalid regex: range out of order in character class"); return nullptr; }
                    set.ranges.push_back({a, z});
                } else {  // Annex B: a set next to '-' is a union with '-'
                    if (a_char) set.ranges.push_back({a, a}); else set.builtins.push_back({ba, na});
                    set.ranges.push_back({u'-', u'-'});
                    if (z_char) set.ranges.push_back({z, z}); else set.builtins.push_back({bz, nz});
                }
                continue;
            }
            if (a_char) set.ranges.push_back({a, a}); else set.builtins.push_back({ba, na});
        }
        classes_.push_back(std::move(set));
        auto n = make(Node::Kind::Class);
        n->cls = int(classes_.size() - 1);
        return n;
    }

    std::u16string p_;
    std::size_t i_ = 0;
    std::vector<ClassSet>& classes_;
    std::string error_;
};

// --- 3. Compiler ---------------------------------------------------------------------------

class Compiler {
public:
    explicit Compiler(std::vector<Inst>& out) : out_(out) {}
    bool too_big() const { return too_big_; }

    void emit(const Node& n) {
        if (too_big_) return;
        if (out_.size() > kMaxProgram) { too_big_ = true; return; }
        switch (n.kind) {
        case Node::Kind::Empty: break;
        case Node::Kind::Char: out_.push_back({Op::Char, n.c, 0, 0}); break;
        case Node::Kind::Any: out_.push_back({Op::Any, 0, 0, 0}); break;
        case Node::Kind::Class: out_.push_back({Op::Class, 0, n.cls, 0}); break;
        case Node::Kind::Begin: out_.push_back({Op::Begin, 0, 0, 0}); break;
        case Node::Kind::End: out_.push_back({Op::End, 0, 0, 0}); break;
        case Node::Kind::WordB: out_.push_back({Op::WordB, 0, 0, 0}); break;
        case Node::Kind::NotWordB: out_.push_back({Op::NotWordB, 0, 0, 0}); break;
        case Node::Kind::Concat:
            for (const auto& k : n.kids) emit(*k);
            break;
        case Node::Kind::Group: emit(*n.kids[0]); break;
        case Node::Kind::Alt: {
            std::vector<std::size_t> jumps;
            for (std::size_t k = 0; k < n.kids.size(); ++k) {
                if (k + 1 < n.kids.size()) {
                    const std::size_t split = out_.size();
                    out_.push_back({Op::Split, 0, int(split + 1), 0});
                    emit(*n.kids[k]);
                    jumps.push_back(out_.size());
                    out_.push_back({Op::Jmp, 0, 0, 0});
                    out_[split].y = int(out_.size());
                } else {
                    emit(*n.kids[k]);
                }
            }
            for (std::size_t j : jumps) out_[j].x = int(out_.size());
            break;
        }
        case Node::Kind::Look: case Node::Kind::NegLook: {
            const std::size_t at = out_.size();
            out_.push_back({n.kind == Node::Kind::Look ? Op::Look : Op::NegLook, 0, int(at + 1), 0});
            emit(*n.kids[0]);
            out_.push_back({Op::Match, 0, 0, 0});
            out_[at].y = int(out_.size());
            break;
        }
        case Node::Kind::Repeat: {
            const Node& kid = *n.kids[0];
            for (int k = 0; k < n.min && !too_big_; ++k) emit(kid);
            if (n.max < 0) {
                const std::size_t loop = out_.size();
                out_.push_back({Op::Split, 0, int(loop + 1), 0});
                emit(kid);
                out_.push_back({Op::Jmp, 0, int(loop), 0});
                out_[loop].y = int(out_.size());
            } else {
                std::vector<std::size_t> splits;
                for (int k = n.min; k < n.max && !too_big_; ++k) {
                    splits.push_back(out_.size());
                    out_.push_back({Op::Split, 0, int(out_.size() + 1), 0});
                    emit(kid);
                }
                for (std::size_t s : splits) out_[s].y = int(out_.size());
            }
            break;
        }
        }
    }

private:
    std::vector<Inst>& out_;
    bool too_big_ = false;
};

}  // namespace

Result<std::shared_ptr<const Regex>> Regex::compile(std::string_view pattern, bool case_insensitive) {
    std::u16string p = text::utf8_to_utf16(pattern);
    if (p.size() > kMaxRegexPatternLength) {
        return make_error("regex is longer than " + std::to_string(kMaxRegexPatternLength) + " characters");
    }
    auto impl = std::make_unique<Impl>();
    impl->case_insensitive = case_insensitive;
    Parser parser(std::move(p), impl->classes);
    NodePtr root = parser.parse();
    if (!root) return make_error(parser.error());
    Compiler compiler(impl->program);
    compiler.emit(*root);
    if (compiler.too_big()) return make_error("regex is too complex (its repeats expand past " + std::to_string(kMaxProgram) + " steps)");
    impl->program.push_back({Op::Match, 0, 0, 0});
    if (case_insensitive) {
        for (Inst& inst : impl->program) {
            if (inst.op == Op::Char) inst.c = canonicalize(inst.c);
        }
    }
    return std::shared_ptr<const Regex>(new Regex(std::move(impl)));
}

// --- 4. Matcher ----------------------------------------------------------------------------

namespace {

class Vm {
public:
    Vm(const std::vector<Inst>& prog, const std::vector<ClassSet>& classes, bool ci, const std::u16string& in)
        : prog_(prog), classes_(classes), ci_(ci), in_(in) {}

    // Does the program starting at `start` match (anchored at `pos0` when `anchored`)?
    bool run(int start, std::size_t pos0, bool anchored) {
        std::vector<int> clist, nlist;
        std::vector<std::uint32_t> mark(prog_.size(), 0);
        std::uint32_t gen = 0;
        for (std::size_t pos = pos0;; ++pos) {
            ++gen;
            // Threads carried over from the previous step were added with the previous gen;
            // re-mark them so additions do not duplicate.
            for (int pc : clist) mark[pc] = gen;
            if (!anchored || pos == pos0) {
                if (add(clist, mark, gen, start, pos)) return true;
            }
            if (pos >= in_.size() || (anchored && clist.empty())) return false;
            const char16_t c = in_[pos];
            ++gen;
            nlist.clear();
            for (int pc : clist) {
                const Inst& inst = prog_[pc];
                bool ok = false;
                switch (inst.op) {
                case Op::Char: ok = ci_ ? canonicalize(c) == inst.c : c == inst.c; break;
                case Op::Any: ok = !is_line_terminator(c); break;
                case Op::Class: ok = classes_[inst.x].matches(c, ci_); break;
                default: break;
                }
                if (ok && add(nlist, mark, gen, pc + 1, pos + 1)) return true;
            }
            std::swap(clist, nlist);
            if (++steps_ > kMaxSteps) return false;
        }
    }

private:
    static constexpr long kMaxSteps = 20'000'000;

    bool word_at(std::size_t i) const { return i < in_.size() && in_builtin(Builtin::Word, in_[i]); }

    bool look(int start, std::size_t pos) {
        const long long key = (static_cast<long long>(start) << 32) | static_cast<long long>(pos);
        const auto it = look_cache_.find(key);
        if (it != look_cache_.end()) return it->second;
        const bool r = run(start, pos, true);
        look_cache_[key] = r;
        return r;
    }

    // Follows empty transitions from `pc` at `pos`, adding consuming instructions to `list`.
    // Returns true when a Match is reached.
    bool add(std::vector<int>& list, std::vector<std::uint32_t>& mark, std::uint32_t gen, int pc0, std::size_t pos) {
        std::vector<int> stack{pc0};
        while (!stack.empty()) {
            const int pc = stack.back();
            stack.pop_back();
            if (mark[pc] == gen) continue;
            mark[pc] = gen;
            ++steps_;
            const Inst& inst = prog_[pc];
            switch (inst.op) {
            case Op::Match: return true;
            case Op::Jmp: stack.push_back(inst.x); break;
            case Op::Split: stack.push_back(inst.y); stack.push_back(inst.x); break;
            case Op::Begin: if (pos == 0) stack.push_back(pc + 1); break;
            case Op::End: if (pos == in_.size()) stack.push_back(pc + 1); break;
            case Op::WordB: case Op::NotWordB: {
                const bool boundary = (pos > 0 && word_at(pos - 1)) != word_at(pos);
                if (boundary == (inst.op == Op::WordB)) stack.push_back(pc + 1);
                break;
            }
            case Op::Look: case Op::NegLook: {
                const bool r = look(inst.x, pos);
                if (r == (inst.op == Op::Look)) stack.push_back(inst.y);
                break;
            }
            default: list.push_back(pc); break;
            }
        }
        return false;
    }

    const std::vector<Inst>& prog_;
    const std::vector<ClassSet>& classes_;
    bool ci_;
    const std::u16string& in_;
    long steps_ = 0;
    std::unordered_map<long long, bool> look_cache_;
};

}  // namespace

bool Regex::test(std::string_view utf8) const {
    const std::u16string in = text::utf8_to_utf16(utf8);
    if (in.size() > kMaxRegexInputLength) return false;
    Vm vm(impl_->program, impl_->classes, impl_->case_insensitive, in);
    return vm.run(0, 0, false);
}

}  // namespace canvass::survey
