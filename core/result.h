// Result<T>: how errors cross the core API. Core code does not throw across its edge;
// a failure is a value carrying a message (what is wrong and what to fix) and a location
// (file, JSON path, character position) so callers can print one clear line.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace canvass {

struct Error {
    std::string message;
    std::string location;  // may be empty when the error has no place

    // "location: message", or just the message when there is no location.
    std::string to_string() const {
        return location.empty() ? message : location + ": " + message;
    }
};

template <class T>
class Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(state_); }
    const T& value() const& { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<Error>(state_); }

private:
    std::variant<T, Error> state_;
};

// For operations that produce nothing but can fail.
struct Ok {};
using Status = Result<Ok>;

inline Error make_error(std::string message, std::string location = {}) {
    return Error{std::move(message), std::move(location)};
}

}  // namespace canvass
