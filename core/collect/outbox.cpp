// The outbox's rules: answers, backoff, the next entry. Sections as in outbox.h.
#include "core/collect/outbox.h"

#include <algorithm>

#include "core/io/json_document.h"

namespace canvass::collect {
namespace {

// Staff read the reason on the staff screen: enough to act on, never a whole page of HTML.
constexpr std::size_t kMaxReasonLength = 300;

std::string shortened(std::string text) {
    if (text.size() > kMaxReasonLength) {
        std::size_t cut = kMaxReasonLength;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
        text = text.substr(0, cut) + "…";
    }
    return text;
}

// The collector's refusal in its own words: {"error": "...", "reasons": [{"at", "problem"}]}.
std::string refusal_text(int status, std::string_view body) {
    std::string text = "HTTP " + std::to_string(status);
    Result<nlohmann::json> parsed = parse_json_document(body, "reply", JsonLimits{64 * 1024, 16});
    if (!parsed || !parsed->is_object()) return text;
    if (const auto error = parsed->find("error"); error != parsed->end() && error->is_string()) {
        text += ": " + error->get<std::string>();
    }
    if (const auto reasons = parsed->find("reasons"); reasons != parsed->end() && reasons->is_array()) {
        for (const nlohmann::json& reason : *reasons) {
            if (!reason.is_object()) continue;
            const std::string at = reason.value("at", std::string());
            const std::string problem = reason.value("problem", std::string());
            text += "; " + (at.empty() ? problem : at + ": " + problem);
            if (text.size() > kMaxReasonLength) break;
        }
    }
    return text;
}

}  // namespace

// --- 1. What an answer means ---------------------------------------------------------------

SendOutcome judge_collector_reply(int status, std::string_view body, std::string_view expected_id) {
    if (status == 0) {
        return {SendVerdict::Retry, shortened("no answer from the collector" + (body.empty() ? std::string() : ": " + std::string(body)))};
    }
    if (status == 200 || status == 201) {
        Result<nlohmann::json> parsed = parse_json_document(body, "reply", JsonLimits{64 * 1024, 16});
        const bool acknowledged = parsed && parsed->is_object() && parsed->value("id", std::string()) == expected_id &&
                                  (parsed->value("status", std::string()) == "stored" ||
                                   parsed->value("status", std::string()) == "already stored");
        if (acknowledged) return {SendVerdict::Sent, status == 201 ? "stored" : "already stored"};
        return {SendVerdict::Retry, "HTTP " + std::to_string(status) + " without the collector's acknowledgement of this response: is the collector address right?"};
    }
    if (status == 400 || status == 409 || status == 413 || status == 422) return {SendVerdict::Refused, shortened(refusal_text(status, body))};
    return {SendVerdict::Retry, shortened(refusal_text(status, body))};
}

// --- 2. Pacing and backoff -------------------------------------------------------------------

std::int64_t outbox_retry_delay_ms(int failures, std::array<std::uint8_t, 2> jitter) {
    std::int64_t wait = kOutboxFirstRetryMs;
    for (int i = 1; i < failures && wait < kOutboxMaxRetryMs; ++i) wait *= 2;
    wait = std::min(wait, kOutboxMaxRetryMs);
    const std::int64_t random = jitter[0] << 8 | jitter[1];  // 0 to 65535
    return wait / 2 + (wait / 2) * random / 65536;
}

OutboxPacing after_failure(const OutboxPacing& pacing, std::int64_t now_ms, std::array<std::uint8_t, 2> jitter,
                           std::string reason) {
    OutboxPacing next = pacing;
    next.failures = std::min(pacing.failures + 1, 1000);  // the wait is capped long before this
    next.next_try_ms = now_ms + outbox_retry_delay_ms(next.failures, jitter);
    next.last_error = std::move(reason);
    return next;
}

OutboxPacing after_answer(const OutboxPacing&) { return OutboxPacing{}; }

OutboxPacing after_back_online(const OutboxPacing& pacing) {
    OutboxPacing next = pacing;
    next.next_try_ms = 0;
    return next;
}

// --- 3. What to send next --------------------------------------------------------------------

std::optional<std::size_t> next_outbox_entry(const std::vector<OutboxEntry>& queued, const OutboxPacing& pacing,
                                             std::int64_t now_ms, const OutboxConditions& conditions) {
    if (queued.empty() || !conditions.online || conditions.sending || conditions.respondent_busy) return std::nullopt;
    if (now_ms < pacing.next_try_ms) return std::nullopt;
    return 0;  // oldest first: the collector sees responses in the order they were given
}

}  // namespace canvass::collect
