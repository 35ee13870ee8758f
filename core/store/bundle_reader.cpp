// Reading a bundle a slice at a time (bundle_reader.h).
//
// Sections: 1. Steps; 2. The scan; 3. The bundle's fields and its responses.
#include "core/store/bundle_reader.h"

#include <algorithm>

#include "core/io/json_document.h"

namespace canvass {

namespace {
constexpr std::size_t kBytesPerUnit = 1024;
// A response sits two levels down (the bundle's object, then its responses array), so read on
// its own it may nest two levels fewer than read_bundle's limit allows the whole file.
constexpr int kResponseDepthLimit = 64 - 2;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
}  // namespace

// --- 1. Steps -------------------------------------------------------------------------------

BundleReader::BundleReader(std::shared_ptr<const std::string> text, std::string file_name)
    : text_(std::move(text)), file_name_(std::move(file_name)) {
    if (!text_ || text_->size() > kMaxBundleBytes) give_up();
}

bool BundleReader::step(std::size_t budget) {
    budget = std::max<std::size_t>(budget, 1);
    switch (stage_) {
        case Stage::Scan: scan(budget * kBytesPerUnit); break;
        case Stage::Head: read_head(); break;
        case Stage::Responses: read_responses(budget); break;
        case Stage::Done: break;
    }
    return finished();
}

double BundleReader::fraction() const {
    if (stage_ == Stage::Done) return 1;
    const double scanned = text_->empty() ? 1 : static_cast<double>(scan_.at) / static_cast<double>(text_->size());
    const double read = elements_.empty() ? 0 : static_cast<double>(next_element_) / static_cast<double>(elements_.size());
    return 0.25 * scanned + 0.75 * read;
}

Result<ResponseBundle> BundleReader::take() {
    if (!result_) return make_error("the file has not been read to its end yet", file_name_);
    Result<ResponseBundle> result = std::move(*result_);
    result_.reset();
    return result;
}

void BundleReader::give_up() { finish(read_bundle(text_ ? std::string_view(*text_) : std::string_view(), file_name_)); }

void BundleReader::finish(Result<ResponseBundle> result) {
    result_ = std::move(result);
    stage_ = Stage::Done;
    elements_.clear();
    elements_.shrink_to_fit();
}

// --- 2. The scan ----------------------------------------------------------------------------
// Follows strings and brackets only: enough to find the one top-level "responses" array and each
// object in it. The JSON itself is checked later, when each piece is parsed; anything the scan
// does not expect (a scalar in the array, a stray comma, an escaped member name) gives up.

void BundleReader::scan(std::size_t bytes) {
    const std::string& text = *text_;
    Scan& s = scan_;
    const std::size_t end = std::min(text.size(), s.at + bytes);
    for (; s.at < end; ++s.at) {
        const char c = text[s.at];
        if (s.in_string) {
            if (s.escaped) {
                s.escaped = false;
            } else if (c == '\\') {
                if (s.depth == 1 && s.expect_key) return give_up();  // an escaped member name: let read_bundle decode it
                s.escaped = true;
            } else if (c == '"') {
                s.in_string = false;
                if (s.depth == 1 && s.expect_key) {
                    s.key.assign(text, s.key_begin, s.at - s.key_begin);
                    s.expect_key = false;
                }
            }
            continue;
        }
        if (is_space(c)) continue;
        if (s.closed) return give_up();  // something after the bundle's closing brace
        switch (c) {
            case '"':
                if (s.depth == 0 || (s.depth == 2 && s.in_responses)) return give_up();
                s.in_string = true;
                if (s.depth == 1 && s.expect_key) s.key_begin = s.at + 1;
                break;
            case '{':
            case '[':
                if (s.depth == 0) {
                    if (c != '{') return give_up();
                    s.expect_key = true;
                } else if (s.depth == 1 && s.key == "responses") {
                    if (c != '[' || s.responses_seen) return give_up();
                    s.responses_seen = s.in_responses = true;
                    s.element_allowed = true;
                    s.responses_begin = s.at;
                } else if (s.depth == 2 && s.in_responses) {
                    if (c != '{' || !s.element_allowed) return give_up();
                    s.element_allowed = false;
                    s.element_begin = s.at;
                }
                ++s.depth;
                break;
            case '}':
            case ']':
                if (s.depth == 0) return give_up();
                --s.depth;
                if (s.depth == 0) {
                    if (c != '}') return give_up();
                    s.closed = true;
                } else if (s.depth == 2 && s.in_responses) {
                    if (c != '}') return give_up();
                    elements_.emplace_back(s.element_begin, s.at + 1);
                } else if (s.depth == 1 && s.in_responses) {
                    // "[ ]" is fine; "[{...},]" is not.
                    if (c != ']' || (s.element_allowed && !elements_.empty())) return give_up();
                    s.in_responses = false;
                    s.responses_end = s.at + 1;
                    s.key.clear();
                }
                break;
            case ',':
                if (s.depth == 1) {
                    s.expect_key = true;
                    s.key.clear();
                } else if (s.depth == 2 && s.in_responses) {
                    if (s.element_allowed) return give_up();
                    s.element_allowed = true;
                }
                break;
            default:
                if (s.depth == 0 || (s.depth == 2 && s.in_responses)) return give_up();
                break;
        }
    }
    if (s.at < text.size()) return;
    if (!s.closed || s.in_string || !s.responses_seen) return give_up();
    stage_ = Stage::Head;
}

// --- 3. The bundle's fields and its responses -----------------------------------------------

void BundleReader::read_head() {
    // The file with its responses taken out: read_bundle checks the bundle's own fields exactly
    // as it would in the whole file.
    const std::string& text = *text_;
    std::string head = text.substr(0, scan_.responses_begin) + "[]" + text.substr(scan_.responses_end);
    Result<ResponseBundle> read = read_bundle(head, file_name_);
    if (!read) return give_up();
    bundle_ = std::move(read).value();
    bundle_.responses.reserve(elements_.size());
    stage_ = Stage::Responses;
    if (elements_.empty()) finish(std::move(bundle_));
}

void BundleReader::read_responses(std::size_t count) {
    const std::string_view text(*text_);
    const std::size_t end = std::min(elements_.size(), next_element_ + count);
    for (; next_element_ < end; ++next_element_) {
        const auto [begin, finish_at] = elements_[next_element_];
        Result<nlohmann::json> item =
            parse_json_document(text.substr(begin, finish_at - begin), file_name_, JsonLimits{kMaxBundleBytes, kResponseDepthLimit});
        if (!item) return give_up();
        Result<StoredResponse> response = read_bundle_response(*item, next_element_, bundle_);
        if (!response || !seen_ids_.insert(response->id).second) return give_up();
        bundle_.responses.push_back(std::move(response).value());
    }
    if (next_element_ == elements_.size()) finish(std::move(bundle_));
}

}  // namespace canvass
