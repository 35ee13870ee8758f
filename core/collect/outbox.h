// The browser's outbox (docs/outbox.md): the rules for sending queued responses to the
// collector, as pure functions of what the collector answered, the time and the random bytes
// passed in. The host does the rest: it reads the queue from the store
// (ResponseStore::queued_outbox), posts through the platform seam (platform::post_json) and
// records each answer (DurableStore::settle_outbox).
//
// Why this is exactly once: an entry is queued in the response's own transaction, marked sent
// only on the collector's acknowledgement (which it gives only once the response is on its
// disk), and otherwise sent again with the same body; the collector stores a response once by
// id and answers an identical retry with 200.
//
// Sections: 1. What an answer means; 2. Pacing and backoff; 3. What to send next.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/response_store.h"

namespace canvass::collect {

// --- 1. What an answer means ---------------------------------------------------------------

enum class SendVerdict {
    Sent,     // the collector has it: 201 (stored now) or 200 (an identical copy was stored before)
    Refused,  // 400, 409, 413, 422: sending the same body again can never succeed; kept, shown to staff
    Retry,    // no answer, 429, 5xx, or anything else (a collector not there yet, a proxy's page)
};

struct SendOutcome {
    SendVerdict verdict = SendVerdict::Retry;
    std::string reason;  // for staff and the automation view: what the collector said, or what failed
};

// What the answer to POSTing the response `expected_id` means. `status` 0 means no answer came
// (offline, refused connection, timeout); `body` is then the browser's error text. A 200 or 201
// counts only when its body is the collector's own ({"id": expected_id, "status": "stored" or
// "already stored"}): a static web server or a captive portal answering 200 to anything must
// never make an entry look sent.
SendOutcome judge_collector_reply(int status, std::string_view body, std::string_view expected_id);

// --- 2. Pacing and backoff -------------------------------------------------------------------

// After the first failure the next try waits 2 s, doubling each time up to 5 minutes; each wait
// is drawn between half and all of that (jitter), so many kiosks back online at once do not
// all retry in the same second.
inline constexpr std::int64_t kOutboxFirstRetryMs = 2'000;
inline constexpr std::int64_t kOutboxMaxRetryMs = 5 * 60 * 1'000;

// The wait before the next try after `failures` (1 or more) failures in a row, with `jitter`
// (two random bytes) choosing where in [half, whole) of the wait it falls.
std::int64_t outbox_retry_delay_ms(int failures, std::array<std::uint8_t, 2> jitter);

// One pace for the whole outbox, not one per entry: a failure is the collector's or the
// network's, so the next entry would fail the same way and should wait as well.
struct OutboxPacing {
    int failures = 0;                 // failed tries in a row
    std::int64_t next_try_ms = 0;     // no try before this
    std::string last_error;           // the last failure's reason; "" after an answer
    bool operator==(const OutboxPacing&) const = default;
};

// A try failed (SendVerdict::Retry) at `now_ms`.
OutboxPacing after_failure(const OutboxPacing& pacing, std::int64_t now_ms, std::array<std::uint8_t, 2> jitter,
                           std::string reason);
// The collector answered (sent or refused): the next entry may go at once.
OutboxPacing after_answer(const OutboxPacing& pacing);
// The browser says it is back online: try at once rather than wait out a backoff that was
// counting failures of a network that was not there. The failure count stays, so a collector
// that is still down is not hammered.
OutboxPacing after_back_online(const OutboxPacing& pacing);

// --- 3. What to send next --------------------------------------------------------------------

struct OutboxConditions {
    bool online = true;             // the browser says it has a network
    bool sending = false;           // a request is already on its way: one at a time
    bool respondent_busy = false;   // a kiosk sends only between respondents (core/app: outbox_may_send)
};

// The index in `queued` (oldest first) of the entry to send now, or nullopt: nothing queued,
// offline, busy, one on its way, or backing off until pacing.next_try_ms.
std::optional<std::size_t> next_outbox_entry(const std::vector<OutboxEntry>& queued, const OutboxPacing& pacing,
                                             std::int64_t now_ms, const OutboxConditions& conditions);

}  // namespace canvass::collect
