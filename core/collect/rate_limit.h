// A token bucket per client, so one client (or a script gone wrong) cannot crowd out everyone
// else. Pure: the caller passes the time in. The keys (the server uses the client's address) are
// held only in this object's memory, are forgotten once a client's bucket is full again, and are
// never written anywhere. Not thread-safe: the server holds it under a lock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace canvass::collect {

struct RateLimit {
    double per_second = 5;  // sustained requests per second per client
    double burst = 60;      // requests a client may make at once (the bucket's size)
    // At most this many clients are tracked; a new client beyond it is refused until idle clients
    // are forgotten, so a flood from many addresses cannot exhaust memory.
    std::size_t max_clients = 100'000;
};

class RateLimiter {
public:
    explicit RateLimiter(RateLimit limit) : limit_(limit) {}

    struct Decision {
        bool allowed = true;
        std::int64_t retry_after_ms = 0;  // when refused: how long until one request is allowed
    };

    // Takes one request from `client`'s bucket at `now_ms`. A limit of 0 per second allows all.
    Decision take(std::string_view client, std::int64_t now_ms);

    // Forgets every client whose bucket has filled up again by `now_ms` (it would be allowed its
    // whole burst anyway): the server calls this now and then.
    void forget_idle(std::int64_t now_ms);

    std::size_t clients() const { return buckets_.size(); }

private:
    struct Bucket {
        double tokens = 0;
        std::int64_t updated_ms = 0;
    };
    double refilled(const Bucket& bucket, std::int64_t now_ms) const;

    RateLimit limit_;
    std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace canvass::collect
