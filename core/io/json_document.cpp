// Sections: 1. positions  2. a SAX builder with a depth limit  3. parse  4. files
#include "core/io/json_document.h"

#include <cstdio>
#include <vector>

#include "core/text/unicode.h"

namespace canvass {

// --- 1. positions -------------------------------------------------------------------------
std::string line_and_column(std::string_view text, std::size_t byte_offset) {
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i) {
        const unsigned char byte = static_cast<unsigned char>(text[i]);
        if (byte == '\n') {
            ++line;
            column = 1;
        } else if ((byte & 0xC0) != 0x80) {  // count characters, not continuation bytes
            ++column;
        }
    }
    return std::to_string(line) + ":" + std::to_string(column);
}

namespace {

std::size_t first_invalid_utf8_byte(std::string_view text) {
    // Cheap scan first: almost every document is valid.
    if (text::is_valid_utf8(text)) return std::string_view::npos;
    std::size_t good = 0, bad = text.size();
    while (good + 1 < bad) {  // the longest valid prefix, found by halving
        const std::size_t middle = (good + bad) / 2;
        std::size_t cut = middle;
        while (cut > good && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        if (cut == good) cut = middle;
        if (text::is_valid_utf8(text.substr(0, cut))) good = cut; else bad = cut;
    }
    while (good < text.size() && text::is_valid_utf8(text.substr(0, good + 1))) ++good;
    return good;
}

// --- 2. a SAX builder with a depth limit ---------------------------------------------------
// nlohmann's own DOM parser throws on errors and has no depth limit (a hostile file nested a
// million deep overflows the stack when the document is destroyed), so documents are built here.
class DomBuilder {
public:
    using json = nlohmann::json;
    explicit DomBuilder(int max_depth) : max_depth_(max_depth) {}

    bool null() { return add(nullptr); }
    bool boolean(bool value) { return add(value); }
    bool number_integer(json::number_integer_t value) { return add(value); }
    bool number_unsigned(json::number_unsigned_t value) { return add(value); }
    bool number_float(json::number_float_t value, const std::string&) { return add(value); }
    bool string(std::string& value) { return add(std::move(value)); }
    bool binary(json::binary_t& value) { return add(json::binary(std::move(value))); }
    bool start_object(std::size_t) { return open(json::object()); }
    bool key(std::string& name) {
        pending_key_ = std::move(name);
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_array() { return close(); }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& error) {
        error_position_ = position;
        error_message_ = error.what();
        return false;
    }

    json result;
    std::size_t error_position_ = 0;
    std::string error_message_;
    bool too_deep_ = false;

private:
    json* add(json value) {
        if (stack_.empty()) {
            result = std::move(value);
            return &result;
        }
        json& parent = *stack_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        json& slot = parent[pending_key_];  // a repeated key keeps the last value, as JavaScript does
        slot = std::move(value);
        return &slot;
    }
    bool open(json value) {
        if (static_cast<int>(stack_.size()) >= max_depth_) {
            too_deep_ = true;
            return false;
        }
        stack_.push_back(add(std::move(value)));
        return true;
    }
    bool close() {
        stack_.pop_back();
        return true;
    }

    int max_depth_;
    std::vector<json*> stack_;
    std::string pending_key_;
};

// nlohmann's messages read "[json.exception.parse_error.101] parse error at line 1, column 5:
// syntax error while parsing value - invalid literal; last read: 'tru,'"; keep the useful tail.
std::string plain_parse_message(const std::string& what) {
    std::string message = what;
    if (const std::size_t colon = message.find(": "); colon != std::string::npos) message = message.substr(colon + 2);
    for (const char* prefix : {"syntax error while parsing value - ", "syntax error while parsing object key - ",
                               "syntax error while parsing object separator - ", "syntax error while parsing object - ",
                               "syntax error while parsing array - "}) {
        if (message.rfind(prefix, 0) == 0) message = message.substr(std::string_view(prefix).size());
    }
    return message;
}

}  // namespace

// --- 3. parse ------------------------------------------------------------------------------
Result<nlohmann::json> parse_json_document(std::string_view text, std::string_view name, JsonLimits limits) {
    const std::string file(name);
    if (text.size() > limits.max_bytes) {
        return make_error("the file is " + std::to_string(text.size()) + " bytes, over the limit of " +
                              std::to_string(limits.max_bytes) + " bytes; split it or remove what it does not need",
                          file);
    }
    if (const std::size_t bad = first_invalid_utf8_byte(text); bad != std::string_view::npos) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
        return make_error(std::string("not UTF-8 text: byte ") + hex + " cannot start or continue a character; "
                              "save the file as UTF-8",
                          file + ":" + line_and_column(text, bad));
    }
    std::string_view body = text;
    if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);  // a byte-order mark, as Windows editors write
    const std::size_t skipped = text.size() - body.size();
    DomBuilder builder(limits.max_depth);
    const bool parsed = nlohmann::json::sax_parse(body.begin(), body.end(), &builder,
                                                  nlohmann::json::input_format_t::json, /*strict=*/true);
    if (builder.too_deep_) {
        return make_error("arrays and objects are nested more than " + std::to_string(limits.max_depth) +
                              " deep; flatten the structure",
                          file);
    }
    if (!parsed) {
        // nlohmann reports the position one past the offending character.
        const std::size_t at = skipped + (builder.error_position_ > 0 ? builder.error_position_ - 1 : 0);
        return make_error("invalid JSON: " + plain_parse_message(builder.error_message_), file + ":" + line_and_column(text, at));
    }
    return std::move(builder.result);
}

// --- 4. files ------------------------------------------------------------------------------
Result<std::string> read_text_file(const std::string& path, std::size_t max_bytes) {
    const bool from_stdin = path == "-";
    const std::string shown = from_stdin ? "<stdin>" : path;
    std::FILE* file = from_stdin ? stdin : std::fopen(path.c_str(), "rb");
    if (!file) return make_error("cannot open the file; check the path and that you may read it", shown);
    std::string content;
    char buffer[65536];
    bool too_large = false;
    for (;;) {
        const std::size_t got = std::fread(buffer, 1, sizeof buffer, file);
        if (got == 0) break;
        if (content.size() + got > max_bytes) {
            too_large = true;
            break;
        }
        content.append(buffer, got);
    }
    const bool failed = std::ferror(file) != 0;
    if (!from_stdin) std::fclose(file);
    if (too_large) {
        return make_error("the file is over the limit of " + std::to_string(max_bytes) +
                              " bytes; split it or remove what it does not need",
                          shown);
    }
    if (failed) return make_error("reading failed (is it a folder, or was it removed?)", shown);
    return content;
}

Result<nlohmann::json> read_json_file(const std::string& path, JsonLimits limits) {
    Result<std::string> text = read_text_file(path, limits.max_bytes);
    if (!text) return text.error();
    return parse_json_document(*text, path == "-" ? "<stdin>" : path, limits);
}

}  // namespace canvass
