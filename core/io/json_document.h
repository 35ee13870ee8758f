// Reading JSON documents that come from outside (surveys, answers, bundles, reports) without
// trusting them: a size limit, a nesting-depth limit, UTF-8 checking, and errors that give the
// file, line and column and say what to fix. Never throws, in native or wasm builds.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace canvass {

struct JsonLimits {
    std::size_t max_bytes = 5 * 1024 * 1024;  // surveys: "refuse anything over 5 MB"
    int max_depth = 64;                        // arrays and objects nested inside each other
};

// Parses `text`. The error's location is "NAME:LINE:COLUMN" (1-based; columns count characters),
// or just NAME for whole-document problems (too large, empty).
Result<nlohmann::json> parse_json_document(std::string_view text, std::string_view name, JsonLimits limits = {});

// Reads a file (or standard input when `path` is "-") without reading past the size limit.
// Errors name the file and say what to fix.
Result<std::string> read_text_file(const std::string& path, std::size_t max_bytes);

// Both steps: read, then parse, with the same limits.
Result<nlohmann::json> read_json_file(const std::string& path, JsonLimits limits = {});

// "LINE:COLUMN" of a byte offset in `text` (both 1-based; columns count UTF-8 characters).
std::string line_and_column(std::string_view text, std::size_t byte_offset);

}  // namespace canvass
