// Parsing the safe HTML subset: a single forward pass over the input (no recursion, no
// backtracking), so hostile input costs time linear in its length.
//
// Sections:
//   1. Character references (entities)
//   2. Tag tables
//   3. The block builder (white space, runs, lists, links)
//   4. The tokenizer
//   5. Plain text
#include "core/text/html_subset.h"

#include <algorithm>
#include <cstdint>

#include "core/text/unicode.h"

namespace canvass::text {
namespace {

// --- 1. Character references ----------------------------------------------------------------

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

struct NamedEntity {
    std::string_view name;
    char32_t code;
    bool legacy;  // also recognised without the final ';' (as browsers do for these)
};

// The entities survey authors actually write; anything else stays as literal text.
constexpr NamedEntity kNamedEntities[] = {
    {"amp", '&', true},     {"lt", '<', true},      {"gt", '>', true},      {"quot", '"', true},
    {"apos", '\'', false},  {"nbsp", 0xA0, true},   {"ndash", 0x2013, false}, {"mdash", 0x2014, false},
    {"hellip", 0x2026, false}, {"lsquo", 0x2018, false}, {"rsquo", 0x2019, false}, {"ldquo", 0x201C, false},
    {"rdquo", 0x201D, false}, {"pound", 0xA3, true}, {"euro", 0x20AC, false}, {"copy", 0xA9, true},
    {"bull", 0x2022, false}, {"middot", 0xB7, true},
};

// What browsers show for &#128; to &#159; (the HTML standard's windows-1252 table); 0 keeps
// the code point, which is then replaced as a control character.
constexpr char32_t kC1Replacements[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex_digit(char c) { return is_ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// The code point a numeric reference names, made safe to show.
char32_t numeric_reference_value(std::uint32_t value, bool overflow) {
    if (overflow || value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0xFFFD;
    if (value >= 0x80 && value <= 0x9F) {
        const char32_t replacement = kC1Replacements[value - 0x80];
        return replacement ? replacement : 0xFFFD;
    }
    if ((value < 0x20 && !is_html_space(static_cast<char>(value))) || value == 0x7F) return 0xFFFD;
    return value;
}

// Decodes the reference starting at html[i] == '&' into `out`; returns the index after it.
// Something that is not a reference is the literal '&'.
std::size_t decode_reference(std::string_view html, std::size_t i, std::string& out) {
    std::size_t j = i + 1;
    if (j < html.size() && html[j] == '#') {
        ++j;
        const bool hex = j < html.size() && (html[j] == 'x' || html[j] == 'X');
        if (hex) ++j;
        const std::size_t digits_start = j;
        std::uint32_t value = 0;
        bool overflow = false;
        while (j < html.size() && (hex ? is_hex_digit(html[j]) : is_ascii_digit(html[j]))) {
            const char c = html[j];
            const std::uint32_t digit = is_ascii_digit(c) ? std::uint32_t(c - '0') : std::uint32_t(ascii_lower(c) - 'a' + 10);
            if (value > 0x10FFFF) overflow = true;
            else value = value * (hex ? 16 : 10) + digit;
            ++j;
        }
        if (j == digits_start) {  // "&#" or "&#x" with no digits: literal text
            out += '&';
            return i + 1;
        }
        if (j < html.size() && html[j] == ';') ++j;
        append_utf8(out, numeric_reference_value(value, overflow));
        return j;
    }
    std::size_t end = j;
    while (end < html.size() && end - j < 8 && (is_ascii_alpha(html[end]) || is_ascii_digit(html[end]))) ++end;
    const std::string_view name = html.substr(j, end - j);
    const bool terminated = end < html.size() && html[end] == ';';
    for (const NamedEntity& entity : kNamedEntities) {
        if (name == entity.name && (terminated || entity.legacy)) {
            append_utf8(out, entity.code);
            return terminated ? end + 1 : end;
        }
    }
    out += '&';
    return i + 1;
}

std::string decode_attribute(std::string_view raw) {
    std::string out;
    for (std::size_t i = 0; i < raw.size();) {
        if (raw[i] == '&') {
            i = decode_reference(raw, i, out);
        } else {
            out += raw[i++];
        }
    }
    return out;
}

// --- 2. Tag tables --------------------------------------------------------------------------

enum class TagKind {
    Other,      // unknown or presentational: the tag goes, its content stays
    Drop,       // the element and everything up to its end tag goes (script, style ...)
    DropRest,   // <plaintext>: nothing after it is markup, so nothing after it is shown
    Block,      // a paragraph boundary (p, div, table rows ...)
    Cell,       // a table cell: a space between cells
    Heading,
    List,
    ListItem,
    Break,
    Bold,
    Italic,
    Link,
};

struct TagInfo {
    std::string_view name;
    TagKind kind;
};

constexpr TagInfo kTags[] = {
    {"script", TagKind::Drop},   {"style", TagKind::Drop},     {"template", TagKind::Drop},
    {"title", TagKind::Drop},    {"textarea", TagKind::Drop},  {"xmp", TagKind::Drop},
    {"iframe", TagKind::Drop},   {"noembed", TagKind::Drop},   {"noframes", TagKind::Drop},
    {"noscript", TagKind::Drop}, {"object", TagKind::Drop},    {"svg", TagKind::Drop},
    {"math", TagKind::Drop},     {"select", TagKind::Drop},    {"head", TagKind::Drop},
    {"canvas", TagKind::Drop},   {"video", TagKind::Drop},     {"audio", TagKind::Drop},
    {"plaintext", TagKind::DropRest},
    {"p", TagKind::Block},       {"div", TagKind::Block},      {"section", TagKind::Block},
    {"article", TagKind::Block}, {"header", TagKind::Block},   {"footer", TagKind::Block},
    {"main", TagKind::Block},    {"nav", TagKind::Block},      {"aside", TagKind::Block},
    {"blockquote", TagKind::Block}, {"figure", TagKind::Block}, {"figcaption", TagKind::Block},
    {"address", TagKind::Block}, {"pre", TagKind::Block},      {"dl", TagKind::Block},
    {"dt", TagKind::Block},      {"dd", TagKind::Block},       {"fieldset", TagKind::Block},
    {"legend", TagKind::Block},  {"details", TagKind::Block},  {"summary", TagKind::Block},
    {"center", TagKind::Block},  {"form", TagKind::Block},     {"hr", TagKind::Block},
    {"table", TagKind::Block},   {"caption", TagKind::Block},  {"thead", TagKind::Block},
    {"tbody", TagKind::Block},   {"tfoot", TagKind::Block},    {"tr", TagKind::Block},
    {"td", TagKind::Cell},       {"th", TagKind::Cell},
    {"h1", TagKind::Heading},    {"h2", TagKind::Heading},     {"h3", TagKind::Heading},
    {"h4", TagKind::Heading},    {"h5", TagKind::Heading},     {"h6", TagKind::Heading},
    {"ul", TagKind::List},       {"ol", TagKind::List},        {"li", TagKind::ListItem},
    {"br", TagKind::Break},
    {"b", TagKind::Bold},        {"strong", TagKind::Bold},
    {"i", TagKind::Italic},      {"em", TagKind::Italic},
    {"a", TagKind::Link},
};

TagKind tag_kind(std::string_view name) {
    for (const TagInfo& tag : kTags) {
        if (tag.name == name) return tag.kind;
    }
    return TagKind::Other;
}

// Only addresses a resident could type into a browser or phone are shown; javascript:, data:
// and relative addresses are not (the link's text still is).
std::string shown_address(std::string_view href) {
    std::string cleaned;
    for (char c : href) {
        if (static_cast<unsigned char>(c) > 0x20 && c != 0x7F) cleaned += c;  // browsers drop tabs and newlines in URLs
    }
    std::string lower;
    for (char c : cleaned.substr(0, 8)) lower += ascii_lower(c);
    std::string shown;
    if (lower.rfind("http://", 0) == 0 || lower.rfind("https://", 0) == 0) {
        shown = cleaned;
    } else if (lower.rfind("mailto:", 0) == 0) {
        shown = cleaned.substr(7);
    } else if (lower.rfind("tel:", 0) == 0) {
        shown = cleaned.substr(4);
    }
    if (shown.size() > kMaxHtmlAddressBytes) {
        std::size_t cut = kMaxHtmlAddressBytes;
        while (cut > 0 && (static_cast<unsigned char>(shown[cut]) & 0xC0) == 0x80) --cut;
        shown = shown.substr(0, cut) + "\xE2\x80\xA6";  // …
    }
    return shown;
}

// --- 3. The block builder -------------------------------------------------------------------

class Builder {
public:
    std::vector<HtmlBlock> blocks;
    bool full = false;  // kMaxHtmlBlocks reached: the parser stops

    void text(std::string_view decoded) {
        for (std::size_t i = 0; i < decoded.size() && !full; ++i) {
            const char c = decoded[i];
            if (is_html_space(c)) {
                // Collapsed as CSS does: one space, kept in the run (and style) where it was written.
                if (open_ && !ends_with_space_or_line()) current_run() += ' ';
                continue;
            }
            const unsigned char u = static_cast<unsigned char>(c);
            if (u < 0x20 || u == 0x7F) continue;  // stray control characters show nothing
            if (!open_ && !open_block()) return;
            current_run() += c;
            if (in_link_) link_text_ += c;
        }
    }

    void line_break() {
        if (!open_) return;  // a <br> before any text would only add an empty line
        trim_trailing_spaces();
        std::string& run = current_run();
        if (run.size() >= 2 && run.compare(run.size() - 2, 2, "\n\n") == 0) return;
        run += '\n';
    }

    // A paragraph boundary. What the next text becomes stays pending when nothing was open, so
    // <li><p>text</p></li> is still a list item.
    void boundary() {
        if (close_block()) next_ = {HtmlBlockKind::Paragraph, 0, 0};
    }

    void cell() {
        if (open_ && !ends_with_space_or_line()) current_run() += ' ';
    }

    void heading(int level, bool start) {
        boundary();
        if (start) next_ = {HtmlBlockKind::Heading, std::clamp(level, 2, 4), 0};
    }

    void list(bool ordered, bool start) {
        boundary();
        if (start) {
            lists_.push_back({ordered, 0});
        } else if (!lists_.empty()) {
            lists_.pop_back();
        }
    }

    void list_item(bool start) {
        boundary();
        if (!start) return;
        if (lists_.empty()) {
            next_ = {HtmlBlockKind::BulletItem, 1, 0};
            return;
        }
        List& list = lists_.back();
        const int depth = std::min(static_cast<int>(lists_.size()), kMaxHtmlListDepth);
        next_ = list.ordered ? Next{HtmlBlockKind::NumberedItem, depth, ++list.count} : Next{HtmlBlockKind::BulletItem, depth, 0};
    }

    void bold(bool start) { bold_ = std::max(0, bold_ + (start ? 1 : -1)); }
    void italic(bool start) { italic_ = std::max(0, italic_ + (start ? 1 : -1)); }

    void link_start(const std::string& href) {
        link_end();
        in_link_ = true;
        href_ = shown_address(href);
        link_text_.clear();
    }

    void link_end() {
        if (!in_link_) return;
        in_link_ = false;
        if (open_ && !href_.empty() && link_text_ != href_) {
            HtmlRun address{" (" + href_ + ")", bold_ > 0, italic_ > 0, href_, true};
            blocks.back().runs.push_back(std::move(address));
        }
        href_.clear();
    }

    void finish() {
        link_end();
        close_block();
    }

private:
    struct Next {
        HtmlBlockKind kind;
        int level;
        int number;
    };
    struct List {
        bool ordered;
        int count;
    };

    bool open_block() {
        if (blocks.size() >= kMaxHtmlBlocks) {
            full = true;
            return false;
        }
        blocks.push_back({next_.kind, next_.level, next_.number, {}});
        next_ = {HtmlBlockKind::Paragraph, 0, 0};
        open_ = true;
        return true;
    }

    // Drops a block that ended up with no visible text; trims its trailing line breaks.
    bool close_block() {
        if (!open_) return false;
        open_ = false;
        HtmlBlock& block = blocks.back();
        while (!block.runs.empty()) {
            std::string& last = block.runs.back().text;
            while (!last.empty() && (last.back() == '\n' || last.back() == ' ')) last.pop_back();
            if (!last.empty()) break;
            block.runs.pop_back();
        }
        if (block.runs.empty()) blocks.pop_back();
        return true;
    }

    void trim_trailing_spaces() {
        std::vector<HtmlRun>& runs = blocks.back().runs;
        while (!runs.empty()) {
            std::string& last = runs.back().text;
            while (!last.empty() && last.back() == ' ') last.pop_back();
            if (!last.empty()) return;
            runs.pop_back();
        }
    }

    std::string& current_run() {
        std::vector<HtmlRun>& runs = blocks.back().runs;
        const std::string href = in_link_ ? href_ : std::string();
        if (runs.empty() || runs.back().bold != (bold_ > 0) || runs.back().italic != (italic_ > 0) ||
            runs.back().href != href || runs.back().is_address) {
            runs.push_back({"", bold_ > 0, italic_ > 0, href, false});
        }
        return runs.back().text;
    }

    bool ends_with_space_or_line() const {
        const std::vector<HtmlRun>& runs = blocks.back().runs;
        for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
            if (!it->text.empty()) return it->text.back() == '\n' || it->text.back() == ' ';
        }
        return true;  // nothing yet: no leading space
    }

    Next next_{HtmlBlockKind::Paragraph, 0, 0};
    std::vector<List> lists_;
    bool open_ = false;
    int bold_ = 0, italic_ = 0;
    bool in_link_ = false;
    std::string href_, link_text_;
};

// --- 4. The tokenizer -----------------------------------------------------------------------

// Finds `</name` (ASCII case-insensitive) followed by a space, '/', '>' or the end, from `from`.
std::size_t find_end_tag(std::string_view html, std::string_view name, std::size_t from) {
    for (std::size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 2)) {
        std::size_t j = i + 2, k = 0;
        while (k < name.size() && j < html.size() && ascii_lower(html[j]) == name[k]) ++j, ++k;
        if (k < name.size()) continue;
        if (j == html.size() || is_html_space(html[j]) || html[j] == '/' || html[j] == '>') return i;
    }
    return std::string_view::npos;
}

struct Tag {
    std::string name;  // ASCII lower-case
    bool end = false;
    std::string href;  // <a href>, decoded
    std::size_t next = 0;  // index after the tag's '>'
    bool complete = false;  // false: the input ended inside the tag
};

// Reads a start or end tag whose name starts at html[i] (the character after "<" or "</").
Tag read_tag(std::string_view html, std::size_t i, bool end) {
    Tag tag;
    tag.end = end;
    while (i < html.size() && !is_html_space(html[i]) && html[i] != '/' && html[i] != '>') tag.name += ascii_lower(html[i++]);
    bool have_href = false;
    while (i < html.size()) {
        const char c = html[i];
        if (c == '>') {
            tag.next = i + 1;
            tag.complete = true;
            return tag;
        }
        if (is_html_space(c) || c == '/') {
            ++i;
            continue;
        }
        std::string attribute;
        while (i < html.size() && !is_html_space(html[i]) && html[i] != '/' && html[i] != '>' &&
               (html[i] != '=' || attribute.empty())) {
            attribute += ascii_lower(html[i++]);
        }
        while (i < html.size() && is_html_space(html[i])) ++i;
        if (i >= html.size() || html[i] != '=') continue;
        ++i;
        while (i < html.size() && is_html_space(html[i])) ++i;
        std::size_t value_start = i, value_end = i;
        if (i < html.size() && (html[i] == '"' || html[i] == '\'')) {
            const char quote = html[i];
            value_start = i + 1;
            value_end = html.find(quote, value_start);
            if (value_end == std::string_view::npos) break;  // unterminated: the tag never ends
            i = value_end + 1;
        } else {
            while (i < html.size() && !is_html_space(html[i]) && html[i] != '>') ++i;
            value_end = i;
        }
        if (attribute == "href" && !have_href && !end) {
            have_href = true;
            tag.href = decode_attribute(html.substr(value_start, value_end - value_start));
        }
    }
    tag.next = html.size();
    return tag;
}

void apply_tag(Builder& builder, const Tag& tag) {
    const TagKind kind = tag_kind(tag.name);
    const bool start = !tag.end;
    switch (kind) {
    case TagKind::Other: case TagKind::Drop: case TagKind::DropRest: break;
    case TagKind::Block: builder.boundary(); break;
    case TagKind::Cell: builder.cell(); break;
    case TagKind::Heading: builder.heading(tag.name[1] - '0', start); break;
    case TagKind::List: builder.list(tag.name == "ol", start); break;
    case TagKind::ListItem: builder.list_item(start); break;
    case TagKind::Break: builder.line_break(); break;  // </br> is a <br> too, as in browsers
    case TagKind::Bold: builder.bold(start); break;
    case TagKind::Italic: builder.italic(start); break;
    case TagKind::Link:
        if (start) builder.link_start(tag.href);
        else builder.link_end();
        break;
    }
}

// The input made safe to walk: at most kMaxHtmlBytes, cut on a character boundary, and valid UTF-8.
std::string bounded_input(std::string_view html) {
    if (html.size() > kMaxHtmlBytes) {
        std::size_t cut = kMaxHtmlBytes;
        while (cut > 0 && (static_cast<unsigned char>(html[cut]) & 0xC0) == 0x80) --cut;
        html = html.substr(0, cut);
    }
    if (is_valid_utf8(html)) return std::string(html);
    return utf16_to_utf8(utf8_to_utf16(html));
}

}  // namespace

std::vector<HtmlBlock> parse_html_subset(std::string_view raw) {
    const std::string input = bounded_input(raw);
    const std::string_view html = input;
    Builder builder;
    std::string text;
    auto flush_text = [&] {
        if (!text.empty()) builder.text(text);
        text.clear();
    };
    std::size_t i = 0;
    while (i < html.size() && !builder.full) {
        const char c = html[i];
        if (c == '&') {
            i = decode_reference(html, i, text);
            continue;
        }
        if (c != '<') {
            text += c;
            ++i;
            continue;
        }
        const char next = i + 1 < html.size() ? html[i + 1] : '\0';
        if (html.compare(i, 4, "<!--") == 0) {
            flush_text();
            std::size_t end = html.find("-->", i + 4);
            if (html.compare(i + 4, 1, ">") == 0) end = i + 2;        // "<!-->"
            else if (html.compare(i + 4, 2, "->") == 0) end = i + 3;  // "<!--->"
            i = end == std::string_view::npos ? html.size() : end + 3;
            continue;
        }
        if (next == '!' || next == '?' || (next == '/' && i + 2 < html.size() && !is_ascii_alpha(html[i + 2]) && html[i + 2] != '>')) {
            // Doctype, CDATA, processing instructions and other bogus comments: up to the next '>'.
            flush_text();
            const std::size_t end = html.find('>', i + 2);
            i = end == std::string_view::npos ? html.size() : end + 1;
            continue;
        }
        if (next == '/' && i + 2 < html.size() && html[i + 2] == '>') {  // "</>" is nothing
            i += 3;
            continue;
        }
        const bool end_tag = next == '/';
        const std::size_t name_start = i + (end_tag ? 2 : 1);
        if (name_start >= html.size() || !is_ascii_alpha(html[name_start])) {
            text += c;  // a lone '<' is text
            ++i;
            continue;
        }
        flush_text();
        const Tag tag = read_tag(html, name_start, end_tag);
        if (!tag.complete) break;  // the input ended inside a tag: browsers show nothing of it
        i = tag.next;
        const TagKind kind = tag_kind(tag.name);
        if (!end_tag && kind == TagKind::DropRest) break;
        if (!end_tag && kind == TagKind::Drop) {
            const std::size_t close = find_end_tag(html, tag.name, i);
            if (close == std::string_view::npos) break;  // never closed: everything after it is its content
            const std::size_t after = html.find('>', close);
            i = after == std::string_view::npos ? html.size() : after + 1;
            continue;
        }
        apply_tag(builder, tag);
    }
    flush_text();
    builder.finish();
    return std::move(builder.blocks);
}

// --- 5. Plain text --------------------------------------------------------------------------

std::string html_plain_text(const std::vector<HtmlBlock>& blocks) {
    std::string out;
    for (const HtmlBlock& block : blocks) {
        if (!out.empty()) out += '\n';
        if (block.kind == HtmlBlockKind::BulletItem || block.kind == HtmlBlockKind::NumberedItem) {
            out.append(static_cast<std::size_t>(std::max(0, block.level - 1)) * 2, ' ');
            out += block.kind == HtmlBlockKind::BulletItem ? "\xE2\x80\xA2 " : std::to_string(block.number) + ". ";
        }
        for (const HtmlRun& run : block.runs) out += run.text;
    }
    return out;
}

}  // namespace canvass::text
