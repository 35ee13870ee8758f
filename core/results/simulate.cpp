// Simulated respondents (simulate.h).
//
// Sections:
//   1. The PRNG and weighted draws (integers only, so every platform draws alike)
//   2. Fixed texts: districts, comments, generic candidates
//   3. A respondent: live conditions within a page
//   4. A respondent: answers by question type
//   5. A respondent: walking the pages and settling the final data
//   6. Who, how and when: channel, device, locale, time, id
//   7. simulate_responses
#include "core/results/simulate.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

#include "core/expr/expression.h"
#include "core/survey/engine.h"
#include "core/survey/regex.h"
#include "core/survey/validation.h"
#include "core/survey/values.h"
#include "core/text/unicode.h"
#include "core/util/uuid.h"

namespace canvass::results {
namespace {

using nlohmann::json;
using survey::Element;
using survey::ElementType;
using survey::Survey;

// --- 1. The PRNG and weighted draws ---------------------------------------------------------

// splitmix64: seeds the generator, and hashes question names into stable choice weights.
std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 0xCBF29CE484222325ull;
    for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
    return h;
}

// xoshiro256**: small and fast, and the same sequence on every platform (no std:: engine or
// distribution, whose outputs differ between standard libraries).
class Prng {
public:
    explicit Prng(std::uint64_t seed) {
        for (std::uint64_t& word : s_) word = splitmix64(seed);
    }

    std::uint64_t next() {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, n) for n >= 1: multiply-shift on the top 32 bits, no division, no float.
    std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32); }
    bool percent(std::uint32_t p) { return below(100) < p; }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::array<std::uint64_t, 4> s_{};
};

// An index drawn with probability weights[i] / sum; weights must not all be 0.
std::size_t pick_weighted(Prng& rng, const std::vector<std::uint32_t>& weights) {
    std::uint32_t sum = 0;
    for (const std::uint32_t w : weights) sum += w;
    std::uint32_t r = rng.below(sum);
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (r < weights[i]) return i;
        r -= weights[i];
    }
    return weights.size() - 1;
}

// A choice's popularity: fixed by the question's name and the choice, so every seed samples
// the same "population" and only the sample changes. Answers people give less often (don't
// know, prefer not to say, other) weigh less.
std::uint32_t popularity(std::uint64_t name_hash, std::uint64_t salt, const json& value) {
    std::uint64_t state = name_hash ^ (salt * 0x9E3779B97F4A7C15ull);
    const std::uint32_t w = 1 + static_cast<std::uint32_t>(splitmix64(state) % 7);
    if (value.is_string()) {
        const std::string& v = value.get_ref<const std::string&>();
        if (v == "prefer_not_to_say" || v == "dont_know" || v == "other" || v == "none") return 4;
    }
    return w * w + 4;  // 5 .. 53
}

// --- 2. Fixed texts -------------------------------------------------------------------------

// The DIZ authorities' postcode districts, with a rough weight for each authority's population.
struct Authority {
    std::uint32_t weight;
    std::vector<std::string_view> districts;
};
const std::array<Authority, 5>& diz_authorities() {
    static const std::array<Authority, 5> kAuthorities = {{
        {9, {"CM17", "CM18", "CM19", "CM20"}},                                   // Harlow
        {13, {"CM16", "IG10", "EN9", "CM5"}},                                    // Epping Forest
        {15, {"SG9", "SG10", "SG11", "SG12", "SG13", "SG14", "CM21", "CM23"}},  // East Herts
        {9, {"CB10", "CB11", "CM6", "CM22", "CM24"}},                            // Uttlesford
        {10, {"EN8", "EN10", "EN11"}},                                           // Broxbourne
    }};
    return kAuthorities;
}
// Real districts outside the five: commuters and visitors.
constexpr std::array<std::string_view, 7> kElsewhereDistricts = {"E17", "N18", "CM1", "SG1", "EN1", "RM14", "CB1"};

constexpr std::array<std::string_view, 5> kEnglishComments = {
    "Faster broadband in the villages, please.", "More free Wi-Fi in the town centre.",
    "Help for older people to get online.", "Better phone signal on the train.", "Nothing to add."};
constexpr std::array<std::string_view, 2> kPolishComments = {"Szybszy internet na wsi.", "Lepszy zasięg w pociągu."};
constexpr std::array<std::string_view, 3> kOtherTexts = {"Something else", "Not listed here", "A mix of things"};

// Texts tried, in turn, for a text question the simulator knows nothing about: the first one
// its maxLength and validators accept is the answer. Harmless and obviously made up.
constexpr std::array<std::string_view, 10> kGenericTexts = {
    "Not sure", "Something else", "Harlow", "Alex Sample", "CM20", "ABC-123", "1990-05-17", "01632 960123",
    "https://example.org", "someone@example.org"};

// --- 3. A respondent: live conditions within a page ---------------------------------------

constexpr int kAttempts = 8;        // fresh draws before the survey is declared impossible
constexpr int kSettleRounds = 6;    // evaluations to reach data that evaluates to itself
constexpr std::uint32_t kSkipPercent = 12;          // optional questions left unanswered
constexpr std::uint32_t kCommentPercent = 25;       // comment boxes written in
constexpr std::uint32_t kBlankPostcodePercent = 10;

struct Plan {
    std::vector<std::uint64_t> name_hash;  // per element
    std::vector<char> page_answerable;     // per page: holds a question someone can answer
    // Whether a page's conditions can read more than the answers themselves (calculated
    // values, expression questions, values cleared as soon as they are hidden): then the
    // survey's state is built before each page; otherwise conditions run on the answers.
    bool engine_per_page = false;
    int segment = -1;                      // the segment checkbox, or -1
    int postcode = -1;                     // `postcode_district` (text), or -1
};

Plan make_plan(const Survey& s, const SimulateOptions& options) {
    Plan plan;
    plan.name_hash.reserve(s.elements.size());
    for (const Element& el : s.elements) plan.name_hash.push_back(fnv1a(el.name));
    plan.page_answerable.assign(s.pages.size(), 0);
    for (const Element& el : s.elements) {
        if (el.is_panel() || el.type == ElementType::Html || el.type == ElementType::Expression) continue;
        plan.page_answerable[el.page] = 1;
    }
    plan.engine_per_page = !s.calculated_values.empty() || s.clear_invisible_values == "onHidden" ||
                           s.clear_invisible_values == "onHiddenContainer" ||
                           std::any_of(s.elements.begin(), s.elements.end(), [](const Element& el) { return el.type == ElementType::Expression; });
    // The start page is the welcome screen: nobody answers questions there.
    if (s.first_page_is_start_page && !s.pages.empty()) plan.page_answerable[0] = 0;
    const int segment = s.find_question(options.segment_question);
    if (segment >= 0 && s.elements[segment].type == ElementType::Checkbox) plan.segment = segment;
    const int postcode = s.find_question("postcode_district");
    if (postcode >= 0 && s.elements[postcode].type == ElementType::Text) plan.postcode = postcode;
    return plan;
}

// One respondent going through the survey. The conditions of each question (visibleIf,
// enableIf, requiredIf, choicesVisibleIf) are evaluated directly against the answers so far,
// so a follow-up on the same page ("speed" after "broadband type") sees the answer before it.
// When conditions can read more than the answers (Plan::engine_per_page), the survey's state
// (evaluate_survey) is built before each page, and only when answers changed since the last
// one. Either way the engine has the last word: the final answers are evaluated and checked
// as `canvass check` does (settle), and a response that fails is drawn again.
class Respondent {
public:
    Respondent(const Survey& survey, const Plan& plan, Prng& rng, std::string locale, std::int64_t now_ms)
        : s_(survey), plan_(plan), rng_(rng), locale_(std::move(locale)), now_ms_(now_ms),
          locale_value_(locale_.empty() ? (survey.locale.empty() ? "en" : survey.locale) : locale_) {
        // The answers so far first; then what the engine computed before this page (the values
        // of expression questions, when Plan::engine_per_page).
        ctx_.layers = {&state_.variables, &data_, &state_.values};
        ctx_.bindings.push_back({"locale", &locale_value_});
        ctx_.set_now_ms(now_ms_);
        for (const int q : s_.questions) {
            const Element& el = s_.elements[q];
            if (!el.default_value.is_null()) initial_[el.name] = el.default_value;
        }
    }

    // The answers as Canvass would store them, or an error saying what could not be met.
    Result<json> run() {
        for (int attempt = 0; attempt < kAttempts; ++attempt) {
            data_ = initial_;
            state_ = survey::EvalState{};  // nothing of an earlier attempt's answers
            dirty_ = true;
            for (std::size_t p = 0; p < s_.pages.size(); ++p) {
                if (!plan_.page_answerable[p]) continue;
                const survey::Page& page = s_.pages[p];
                if (plan_.engine_per_page) {
                    evaluate_if_changed();
                    if (!state_.page_visible[p]) continue;
                    walk(page.children, bool(state_.page_required[p]), bool(state_.page_read_only[p]));
                } else {
                    if (!(page.visible_if ? condition(page.visible_if) : page.visible)) continue;
                    walk(page.children, page.required_if ? condition(page.required_if) : page.is_required,
                         page.enable_if ? !condition(page.enable_if) : page.read_only);
                }
            }
            if (settle()) return std::move(data_);
        }
        return make_error("cannot simulate a complete response to survey '" + s_.id + "': " + problem_);
    }

    Respondent(const Respondent&) = delete;  // the expression context points into it
    Respondent& operator=(const Respondent&) = delete;

private:
    void evaluate_if_changed() {
        if (!dirty_) return;
        state_ = survey::evaluate_survey(s_, data_, now_ms_, locale_);
        dirty_ = false;
    }

    bool condition(const survey::ExprPtr& e) { return expr::evaluate_condition(*e, ctx_); }

    bool item_condition(const survey::ExprPtr& e, const json& item) {
        ctx_.bindings.push_back({"item", &item});
        const bool r = expr::evaluate_condition(*e, ctx_);
        ctx_.bindings.pop_back();
        return r;
    }

    // The choices a respondent can tick now (visible and enabled), as indices into `choices`.
    std::vector<int> live_choices(const Element& el, const std::vector<survey::Choice>& choices, bool use_question_rule) {
        std::vector<int> out;
        out.reserve(choices.size());
        for (std::size_t c = 0; c < choices.size(); ++c) {
            const survey::Choice& choice = choices[c];
            const survey::ExprPtr& rule = choice.visible_if ? choice.visible_if : (use_question_rule ? el.choices_visible_if : nullptr);
            if (rule && !item_condition(rule, choice.value)) continue;
            if (choice.enable_if && !item_condition(choice.enable_if, choice.value)) continue;
            out.push_back(int(c));
        }
        return out;
    }

    // --- 4. Answers by question type ------------------------------------------------------

    void walk(const std::vector<int>& children, bool in_required, bool in_read_only) {
        for (const int e : children) {
            const Element& el = s_.elements[e];
            if (el.type == ElementType::Html || el.type == ElementType::Expression) continue;
            if (!(el.visible_if ? condition(el.visible_if) : el.visible)) continue;
            const bool read_only = in_read_only || (el.enable_if ? !condition(el.enable_if) : el.read_only);
            // A required panel needs one answer inside: answering all of its questions is simplest.
            const bool required = in_required || (el.required_if ? condition(el.required_if) : el.is_required);
            if (el.is_panel()) {
                walk(el.children, required, read_only);
            } else if (!read_only) {
                answer(e, required);
            }
        }
    }

    // Whether survey-core accepts the question unanswered when it is optional. It does not for
    // a matrix with isAllRowRequired, a checkbox with minSelectedChoices, or an expression
    // validator that fails on no value (they run on empty values too).
    bool may_stay_empty(int q) {
        const Element& el = s_.elements[q];
        if (el.type == ElementType::Matrix && el.all_rows_required) return false;
        if (el.type == ElementType::Checkbox && el.min_selected_choices >= 1) return false;
        const auto validated = [](const survey::Validator& v) { return v.kind == survey::ValidatorKind::Expression && v.expression; };
        if (std::none_of(el.validators.begin(), el.validators.end(), validated)) return true;
        json saved;
        if (const auto it = data_.find(el.name); it != data_.end()) {
            saved = std::move(*it);
            data_.erase(it);
        }
        bool ok = true;
        for (const survey::Validator& v : el.validators) ok = ok && (!validated(v) || condition(v.expression));
        if (!saved.is_null()) data_[el.name] = std::move(saved);
        return ok;
    }

    void answer(int q, bool required_now) {
        const Element& el = s_.elements[q];
        const bool required = required_now || !may_stay_empty(q);
        const std::string comment_key = el.name + "-Comment";
        data_.erase(comment_key);
        json value;
        switch (el.type) {
        case ElementType::Radiogroup:
        case ElementType::Dropdown: value = single_choice(q, required); break;
        case ElementType::Checkbox: value = q == plan_.segment ? segment_answer(q) : checkbox(q, required); break;
        case ElementType::Ranking: value = ranking(q, required); break;
        case ElementType::Boolean: value = boolean(q, required); break;
        case ElementType::Rating: value = rating(q, required); break;
        case ElementType::Matrix: value = matrix(q, required); break;
        case ElementType::Text: value = q == plan_.postcode ? postcode(q, required) : text(q, required); break;
        case ElementType::Comment: value = comment(q, required); break;
        default: break;
        }
        if (value.is_null()) return;  // skipped: a default value, if any, stays as it was
        if (other_text_) {
            data_[comment_key] = std::string(*other_text_);
            other_text_ = nullptr;
        }
        data_[el.name] = std::move(value);
        dirty_ = true;
    }

    bool skip(bool required) { return !required && rng_.percent(kSkipPercent); }

    std::vector<std::uint32_t> weights_of(int q, const std::vector<survey::Choice>& choices, const std::vector<int>& indices,
                                          std::uint64_t salt = 0) const {
        std::vector<std::uint32_t> w;
        w.reserve(indices.size());
        for (const int c : indices) w.push_back(popularity(plan_.name_hash[q], salt * 1000 + std::uint64_t(c) + 1, choices[c].value));
        return w;
    }

    // "other", with its text to go in NAME-Comment.
    json other() {
        other_text_ = &kOtherTexts[rng_.below(kOtherTexts.size())];
        return "other";
    }

    json single_choice(int q, bool required) {
        const Element& el = s_.elements[q];
        if (skip(required)) return {};
        if (el.show_none && rng_.percent(4)) return "none";
        const std::vector<int> visible = live_choices(el, el.choices, true);
        if (el.show_other && (visible.empty() || rng_.percent(5))) return other();
        if (visible.empty()) return el.show_none ? json("none") : json();
        return el.choices[visible[pick_weighted(rng_, weights_of(q, el.choices, visible))]].value;
    }

    // How many boxes to tick, from `lo` to `hi`: mostly one or two.
    std::uint32_t tick_count(std::uint32_t lo, std::uint32_t hi) {
        static const std::vector<std::uint32_t> kCountWeights = {40, 30, 16, 8, 4, 2};
        std::uint32_t k = 1 + static_cast<std::uint32_t>(pick_weighted(rng_, kCountWeights));
        return std::clamp(k, lo, std::max(lo, hi));
    }

    // Ticks `k` of `visible` (drawn by weight, without repeats), in the order the choices are listed.
    json tick(int q, std::vector<int> visible, std::vector<std::uint32_t> weights, std::size_t k) {
        const Element& el = s_.elements[q];
        std::vector<int> chosen;
        while (chosen.size() < k && !visible.empty()) {
            const std::size_t i = pick_weighted(rng_, weights);
            chosen.push_back(visible[i]);
            visible.erase(visible.begin() + std::ptrdiff_t(i));
            weights.erase(weights.begin() + std::ptrdiff_t(i));
        }
        std::sort(chosen.begin(), chosen.end());
        json out = json::array();
        for (const int c : chosen) out.push_back(el.choices[c].value);
        return out;
    }

    json checkbox(int q, bool required) {
        const Element& el = s_.elements[q];
        if (skip(required)) return {};
        // Bounds from minSelectedChoices / maxSelectedChoices and answercount validators.
        std::uint32_t lo = std::max(1, el.min_selected_choices), hi = el.max_selected_choices > 0 ? el.max_selected_choices : 1000;
        bool none_allowed = el.show_none;
        for (const survey::Validator& v : el.validators) {
            if (v.kind != survey::ValidatorKind::AnswerCount) continue;
            if (v.min_count > 0) {
                lo = std::max(lo, std::uint32_t(v.min_count));
                none_allowed = none_allowed && v.min_count <= 1;  // ["none"] counts as one answer
            }
            if (v.max_count > 0) hi = std::min(hi, std::uint32_t(v.max_count));
        }
        // "None" stands alone: choosing it clears the other ticks.
        if (none_allowed && rng_.percent(6)) return json::array({"none"});
        const std::vector<int> visible = live_choices(el, el.choices, true);
        const bool with_other = el.show_other && (visible.empty() || rng_.percent(8));
        const std::uint32_t available = std::uint32_t(visible.size()) + (with_other ? 1 : 0);
        const std::uint32_t k = std::min(tick_count(lo, hi), available);
        if (k == 0) return none_allowed ? json::array({"none"}) : json();
        json out = tick(q, visible, weights_of(q, el.choices, visible), with_other ? k - 1 : k);
        if (with_other) out.push_back(other());
        return out;
    }

    // The default survey's segment: mostly one, some two or three; residents most often.
    json segment_answer(int q) {
        const Element& el = s_.elements[q];
        const std::vector<int> visible = live_choices(el, el.choices, true);
        if (visible.empty()) return checkbox(q, true);
        static const std::vector<std::uint32_t> kHowMany = {76, 19, 5};
        const std::size_t k = 1 + pick_weighted(rng_, kHowMany);
        std::vector<std::uint32_t> w;
        for (const int c : visible) {
            const json& v = el.choices[c].value;
            w.push_back(v == "resident" ? 60 : v == "business" ? 22 : v == "commuter" ? 18 : 10);
        }
        return tick(q, visible, std::move(w), k);
    }

    // A SurveyJS ranking answer holds every visible item, most important first.
    json ranking(int q, bool required) {
        const Element& el = s_.elements[q];
        if (skip(required)) return {};
        std::vector<int> left = live_choices(el, el.choices, true);
        if (left.empty()) return {};
        std::vector<std::uint32_t> w = weights_of(q, el.choices, left);
        json out = json::array();
        while (!left.empty()) {
            const std::size_t i = pick_weighted(rng_, w);
            out.push_back(el.choices[left[i]].value);
            left.erase(left.begin() + std::ptrdiff_t(i));
            w.erase(w.begin() + std::ptrdiff_t(i));
        }
        return out;
    }

    json boolean(int q, bool required) {
        if (skip(required)) return {};
        const std::vector<std::uint32_t> w = {popularity(plan_.name_hash[q], 1, json(true)), popularity(plan_.name_hash[q], 2, json(false))};
        return pick_weighted(rng_, w) == 0;
    }

    // The values a rating offers, computed as the engine computes them so they compare equal.
    json rating(int q, bool required) {
        const Element& el = s_.elements[q];
        if (skip(required)) return {};
        std::vector<json> values;
        if (!el.rate_values.empty()) {
            for (const survey::Choice& c : el.rate_values) values.push_back(c.value);
        } else {
            for (int k = 0; k < 1000; ++k) {
                const double v = el.rate_min + k * el.rate_step;
                if (v > el.rate_max + 1e-9) break;
                values.push_back(v == double(static_cast<long long>(v)) ? json(static_cast<long long>(v)) : json(v));
            }
        }
        if (values.empty()) return {};
        std::vector<std::uint32_t> w;
        for (std::size_t i = 0; i < values.size(); ++i) w.push_back(popularity(plan_.name_hash[q], i + 1, values[i]));
        return values[pick_weighted(rng_, w)];
    }

    json matrix(int q, bool required) {
        const Element& el = s_.elements[q];
        if (skip(required)) return {};
        const std::vector<int> rows = live_choices(el, el.rows, false);
        std::vector<int> columns = live_choices(el, el.columns, false);
        // survey-core drops a cell holding 0, "" or false (clearIncorrectValues), so a row
        // answered with such a column would read as unanswered.
        std::erase_if(columns, [&](int c) {
            const json& v = el.columns[c].value;
            return v.is_null() || (v.is_number() && v.get<double>() == 0) || v == "" || v == false;
        });
        if (rows.empty() || columns.empty()) return {};
        json out = json::object();
        for (const int r : rows) {
            if (!el.all_rows_required && rng_.percent(8)) continue;
            const std::size_t c = pick_weighted(rng_, weights_of(q, el.columns, columns, std::uint64_t(r) + 1));
            out[survey::js_string(el.rows[r].value)] = el.columns[columns[c]].value;
        }
        if (out.empty()) {
            const int r = rows[rng_.below(std::uint32_t(rows.size()))];
            out[survey::js_string(el.rows[r].value)] = el.columns[columns[rng_.below(std::uint32_t(columns.size()))]].value;
        }
        return out;
    }

    // Whether the question would take `value` without an error: its maxLength, min and max,
    // the e-mail check and its validators, as survey-core runs them (core/survey/validation).
    // The value is put in the data first, so an expression validator sees it.
    bool acceptable(int q, const json& value) {
        const Element& el = s_.elements[q];
        const std::string text = survey::js_string(value);
        if (value.is_string() && el.max_length > 0 && text::utf16_length(text) > std::size_t(el.max_length)) return false;
        if (el.type == ElementType::Text) {
            if (!el.min.is_null() && !survey::is_value_empty(el.min) && survey::js_less(value, el.min)) return false;
            if (!el.max.is_null() && !survey::is_value_empty(el.max) && survey::js_less(el.max, value)) return false;
            const bool email_validator = std::any_of(el.validators.begin(), el.validators.end(), [](const survey::Validator& v) {
                return v.kind == survey::ValidatorKind::Email;
            });
            if (el.input_type == "email" && !email_validator && !survey::is_valid_email(text)) return false;
        }
        data_[el.name] = value;
        for (const survey::Validator& v : el.validators) {
            switch (v.kind) {
            case survey::ValidatorKind::Numeric: {
                const double n = survey::get_number(value);
                if (std::isnan(n) || (v.min_value && *v.min_value > n) || (v.max_value && *v.max_value < n)) return false;
                break;
            }
            case survey::ValidatorKind::Text: {
                if (!v.allow_digits && !text.empty() && text.back() >= '0' && text.back() <= '9') return false;
                const std::size_t len = text::utf16_length(text);
                if ((v.min_length > 0 && len < std::size_t(v.min_length)) || (v.max_length > 0 && len > std::size_t(v.max_length))) return false;
                break;
            }
            case survey::ValidatorKind::Regex:
                if (v.regex && !v.regex->test(text)) return false;
                break;
            case survey::ValidatorKind::Email:
                if (!survey::is_valid_email(text)) return false;
                break;
            case survey::ValidatorKind::Expression:
                if (v.expression && !condition(v.expression)) return false;
                break;
            case survey::ValidatorKind::AnswerCount: break;
            }
        }
        return true;
    }

    // The first of the candidates the question accepts, or null (the data left as before).
    template <class Candidates>
    json first_acceptable(int q, const Candidates& candidates) {
        const Element& el = s_.elements[q];
        const auto before = data_.find(el.name);
        const json saved = before == data_.end() ? json() : *before;
        for (const json& candidate : candidates) {
            if (acceptable(q, candidate)) return candidate;
        }
        if (saved.is_null()) data_.erase(el.name);
        else data_[el.name] = saved;
        return {};
    }

    json number(int q) {
        const Element& el = s_.elements[q];
        double lo = el.min.is_number() ? el.min.get<double>() : 0, hi = el.max.is_number() ? el.max.get<double>() : lo + 100;
        if (!el.min.is_number() && el.max.is_number()) lo = std::min(0.0, hi);
        for (const survey::Validator& v : el.validators) {
            if (v.kind != survey::ValidatorKind::Numeric) continue;
            if (v.min_value) lo = std::max(lo, *v.min_value);
            if (v.max_value) hi = std::min(hi, *v.max_value);
        }
        const std::int64_t first = std::int64_t(std::ceil(lo)), last = std::int64_t(std::floor(hi));
        if (last < first) return {};
        // Most answers sit in the lower part of a wide range ("how many staff", "minutes").
        const std::int64_t span = std::min<std::int64_t>(last - first, 1000);
        const std::int64_t n = first + std::int64_t(rng_.below(std::uint32_t(span + 1)));
        auto round_to = [&](std::int64_t step) { return std::clamp<std::int64_t>((n + step / 2) / step * step, first, last); };
        const std::array<json, 6> candidates = {json(n), json(round_to(10)), json(round_to(50)), json(round_to(100)), json(first),
                                                json(last)};
        return first_acceptable(q, candidates);
    }

    json text(int q, bool required) {
        const Element& el = s_.elements[q];
        if (skip(required)) return {};
        if (el.input_type == "number") return number(q);
        std::vector<json> candidates;
        if (el.input_type == "email") candidates.push_back("someone@example.org");
        if (el.input_type == "tel") candidates.push_back("01632 960" + std::to_string(100 + rng_.below(900)));
        if (el.input_type == "url") candidates.push_back("https://example.org");
        const std::size_t start = rng_.below(std::uint32_t(kGenericTexts.size()));
        for (std::size_t i = 0; i < kGenericTexts.size(); ++i) candidates.push_back(std::string(kGenericTexts[(start + i) % kGenericTexts.size()]));
        return first_acceptable(q, candidates);
    }

    // A postcode district as people type it: mostly in the five authorities, sometimes in
    // lower case or with spaces around it, a few from elsewhere, some left blank.
    json postcode(int q, bool required) {
        if (!required && rng_.percent(kBlankPostcodePercent)) return {};
        std::string district;
        if (rng_.percent(6)) {
            district = kElsewhereDistricts[rng_.below(kElsewhereDistricts.size())];
        } else {
            const auto& authorities = diz_authorities();
            std::vector<std::uint32_t> w;
            for (const Authority& a : authorities) w.push_back(a.weight);
            const Authority& a = authorities[pick_weighted(rng_, w)];
            district = a.districts[rng_.below(std::uint32_t(a.districts.size()))];
        }
        const std::uint32_t style = rng_.below(100);
        if (style >= 75 && style < 90) {
            for (char& c : district) c = char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        } else if (style >= 90 && style < 95) {
            district += " ";
        } else if (style >= 95) {
            district = " " + district;
        }
        const std::array<json, 1> candidate = {json(district)};
        json value = first_acceptable(q, candidate);
        return value.is_null() ? text(q, true) : value;  // a survey with other rules for the name
    }

    json comment(int q, bool required) {
        if (!required && !rng_.percent(kCommentPercent)) return {};
        std::vector<json> candidates;
        if (locale_ == "pl" && rng_.percent(50)) candidates.push_back(std::string(kPolishComments[rng_.below(kPolishComments.size())]));
        const std::size_t start = rng_.below(std::uint32_t(kEnglishComments.size()));
        for (std::size_t i = 0; i < kEnglishComments.size(); ++i) {
            candidates.push_back(std::string(kEnglishComments[(start + i) % kEnglishComments.size()]));
        }
        for (const std::string_view t : kGenericTexts) candidates.push_back(std::string(t));
        return first_acceptable(q, candidates);
    }

    // --- 5. Settling the final data --------------------------------------------------------

    // What Canvass stores on submit (flow::submitted_data): the values, and "other" texts, of
    // the questions shown at the end, as survey-core holds them after clearIncorrectValues.
    json stored_data() const {
        json out = json::object();
        for (const int q : s_.questions) {
            if (!state_.shown[q]) continue;
            const std::string& name = s_.elements[q].name;
            if (const auto it = state_.values.find(name); it != state_.values.end()) out[name] = *it;
            if (const auto it = state_.values.find(name + "-Comment"); it != state_.values.end()) out[name + "-Comment"] = *it;
        }
        return out;
    }

    // Brings the data to what it stores, and checks it as `canvass check` would. An invalid
    // optional answer (a later answer made it so) is dropped and the rest checked again;
    // false when the response cannot be completed with these draws.
    bool settle() {
        for (int round = 0; round < kSettleRounds; ++round) {
            evaluate_if_changed();
            json stored = stored_data();
            if (stored != data_) {
                data_ = std::move(stored);
                dirty_ = true;
                continue;
            }
            bool valid = true, dropped = false;
            for (const int q : s_.questions) {
                if (!state_.shown[q] || survey::question_errors(s_, state_, q, "").empty()) continue;
                valid = false;
                const std::string& name = s_.elements[q].name;
                if (state_.required[q] || !data_.contains(name)) {
                    problem_ = "question '" + name + "' stays invalid";
                    continue;
                }
                data_.erase(name);
                data_.erase(name + "-Comment");
                dropped = true;
            }
            if (valid) {
                if (survey::survey_is_complete(s_, state_)) return true;
                problem_ = "a required page or panel stays unanswered";
                return false;
            }
            if (!dropped) return false;
            dirty_ = true;
        }
        problem_ = "the answers do not settle";
        return false;
    }

    const Survey& s_;
    const Plan& plan_;
    Prng& rng_;
    std::string locale_;
    std::int64_t now_ms_;
    json locale_value_;
    json initial_ = json::object();
    json data_ = json::object();
    survey::EvalState state_;
    bool dirty_ = true;
    const std::string_view* other_text_ = nullptr;  // set when an answer chose "other"
    std::string problem_ = "no valid answers found";
    expr::DataContext ctx_;
};

// --- 6. Who, how and when --------------------------------------------------------------------

bool is_slug(std::string_view text) {
    return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

struct Meta {
    std::string channel, device, locale;
    std::int64_t submitted_ms = 0;
};

constexpr std::int64_t kDayMs = 24 * 60 * 60 * 1000;

Meta draw_meta(Prng& rng, std::int64_t first_day_ms, int days) {
    // Most answer online; kiosks at events; staff type in paper forms and phone interviews at a kiosk.
    static const std::vector<std::uint32_t> kChannels = {55, 28, 10, 7};
    static const std::array<const char*, 4> kChannelNames = {"online", "kiosk", "paper", "phone"};
    // Hours (UTC, which is UK time in November): online through the day and evening, the rest
    // while a kiosk is staffed.
    static const std::vector<std::uint32_t> kOnlineHours = {1, 1, 0, 0, 0, 0, 1, 3, 5, 6, 6, 6,
                                                           7, 7, 6, 6, 6, 6, 7, 8, 8, 7, 5, 2};
    static const std::vector<std::uint32_t> kStaffedHours = {0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 8, 9,
                                                            9, 8, 8, 7, 5, 0, 0, 0, 0, 0, 0, 0};
    Meta m;
    const std::size_t channel = pick_weighted(rng, kChannels);
    m.channel = kChannelNames[channel];
    m.device = channel == 0 ? "sim-online" : "sim-kiosk-" + std::to_string(1 + rng.below(3));
    m.locale = rng.percent(12) ? "pl" : "en";
    const std::int64_t day = rng.below(std::uint32_t(days));
    const std::int64_t hour = std::int64_t(pick_weighted(rng, channel == 0 ? kOnlineHours : kStaffedHours));
    const std::int64_t second = std::int64_t(rng.below(3600));
    m.submitted_ms = first_day_ms + day * kDayMs + (hour * 3600 + second) * 1000;
    return m;
}

std::string draw_id(Prng& rng) {
    std::array<std::uint8_t, 16> bytes{};
    for (std::size_t half = 0; half < 2; ++half) {
        std::uint64_t word = rng.next();
        for (std::size_t i = 0; i < 8; ++i, word >>= 8) bytes[half * 8 + i] = std::uint8_t(word & 0xFF);
    }
    return Uuid::from_random(bytes).to_string();
}

// The segment as the store keeps it (flow::segment_of): chosen values in choice order.
std::string segment_of(const Survey& s, int q, const json& data) {
    if (q < 0) return {};
    const auto it = data.find(s.elements[q].name);
    if (it == data.end() || !it->is_array()) return {};
    std::string out;
    for (const survey::Choice& c : s.elements[q].choices) {
        if (std::none_of(it->begin(), it->end(), [&](const json& v) { return survey::values_equal(v, c.value); })) continue;
        if (!out.empty()) out += ",";
        out += survey::js_string(c.value);
    }
    return out;
}

}  // namespace

// --- 7. simulate_responses -------------------------------------------------------------------

Result<ResponseBundle> simulate_responses(const survey::Survey& survey, const SimulateOptions& options) {
    if (options.count < 0 || options.count > kMaxSimulatedCount) {
        return make_error("count must be from 0 to " + std::to_string(kMaxSimulatedCount) + "; got " + std::to_string(options.count));
    }
    if (options.days < 1 || options.days > kMaxSimulatedDays) {
        return make_error("days must be from 1 to " + std::to_string(kMaxSimulatedDays) + "; got " + std::to_string(options.days));
    }
    const std::int64_t first_day = days_from_civil(options.first_day);
    if (civil_from_days(first_day) != options.first_day) return make_error("first_day is not a date in the calendar");
    if (!is_slug(options.device_id)) return make_error("device id '" + options.device_id + "' is not a slug (a-z, 0-9 and -)");
    if (!is_slug(survey.id)) {
        return make_error("survey id '" + survey.id + "' cannot name a response bundle (only a-z, 0-9 and -): give the survey a canvassId");
    }

    const Plan plan = make_plan(survey, options);
    const std::int64_t first_day_ms = first_day * kDayMs;
    struct Made {
        std::int64_t submitted_ms;
        StoredResponse response;
    };
    std::vector<Made> made;
    made.reserve(std::size_t(options.count));
    for (int i = 0; i < options.count; ++i) {
        // Each respondent has its own stream: respondent i is the same whatever the count.
        Prng rng(options.seed ^ (std::uint64_t(i) * 0xD1B54A32D192ED03ull + 0x8CB92BA72F3D8DD7ull));
        const Meta meta = draw_meta(rng, first_day_ms, options.days);
        StoredResponse r;
        r.id = draw_id(rng);
        Respondent respondent(survey, plan, rng, meta.locale, meta.submitted_ms);
        Result<json> data = respondent.run();
        if (!data) return data.error();
        r.survey_id = survey.id;
        r.survey_version = survey.version;
        r.locale = meta.locale;
        r.segment = segment_of(survey, plan.segment, *data);
        r.channel = meta.channel;
        // Somewhere between 3 and 20 minutes to answer.
        r.started_at = format_iso8601(TimePoint{meta.submitted_ms - 1000 * std::int64_t(180 + rng.below(1021))});
        r.submitted_at = format_iso8601(TimePoint{meta.submitted_ms});
        r.data_json = data->dump(-1, ' ', false, json::error_handler_t::replace);
        r.device_id = meta.device;
        made.push_back({meta.submitted_ms, std::move(r)});
    }
    std::sort(made.begin(), made.end(), [](const Made& a, const Made& b) {
        return a.submitted_ms != b.submitted_ms ? a.submitted_ms < b.submitted_ms : a.response.id < b.response.id;
    });

    ResponseBundle bundle;
    bundle.survey_id = survey.id;
    bundle.device_id = options.device_id;
    bundle.exported_at = format_iso8601(TimePoint{first_day_ms + options.days * kDayMs - 1000});
    bundle.responses.reserve(made.size());
    for (Made& m : made) bundle.responses.push_back(std::move(m.response));
    return bundle;
}

}  // namespace canvass::results
