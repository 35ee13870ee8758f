// Token buckets per client.
#include "core/collect/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace canvass::collect {

double RateLimiter::refilled(const Bucket& bucket, std::int64_t now_ms) const {
    // A clock that went back refills nothing rather than taking tokens away.
    const double elapsed_s = static_cast<double>(std::max<std::int64_t>(0, now_ms - bucket.updated_ms)) / 1000.0;
    return std::min(limit_.burst, bucket.tokens + elapsed_s * limit_.per_second);
}

RateLimiter::Decision RateLimiter::take(std::string_view client, std::int64_t now_ms) {
    if (limit_.per_second <= 0) return {};
    auto found = buckets_.find(std::string(client));
    if (found == buckets_.end()) {
        if (buckets_.size() >= limit_.max_clients) forget_idle(now_ms);
        if (buckets_.size() >= limit_.max_clients) return Decision{false, 1000};
        found = buckets_.emplace(std::string(client), Bucket{limit_.burst, now_ms}).first;
    }
    Bucket& bucket = found->second;
    bucket.tokens = refilled(bucket, now_ms);
    bucket.updated_ms = std::max(bucket.updated_ms, now_ms);
    if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return {};
    }
    const double wait_ms = std::ceil((1 - bucket.tokens) / limit_.per_second * 1000.0);
    return Decision{false, std::max<std::int64_t>(1, static_cast<std::int64_t>(wait_ms))};
}

void RateLimiter::forget_idle(std::int64_t now_ms) {
    std::erase_if(buckets_, [&](const auto& entry) { return refilled(entry.second, now_ms) >= limit_.burst; });
}

}  // namespace canvass::collect
