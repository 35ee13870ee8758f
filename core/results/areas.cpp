// Sections: 1. area keys and labels  2. normalising what was typed  3. reading a table
//           4. the shipped table and lookups
#include "core/results/areas.h"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/io/json_document.h"
#include "core/text/unicode.h"

// The bytes of assets/areas/postcode-districts.json, compiled in by cmake/embed_binary.cmake
// (CMakeLists.txt, section 3) so the browser needs no file system or extra download.
namespace canvass::results::embedded {
extern const unsigned char kPostcodeDistricts[];
extern const std::size_t kPostcodeDistrictsSize;
}  // namespace canvass::results::embedded

namespace canvass::results {

namespace {

using json = nlohmann::json;

constexpr std::string_view kShippedFileName = "postcode-districts.json";
constexpr std::string_view kFormat = "canvass.areas";
constexpr int kFormatVersion = 1;

// --- 1. area keys and labels ------------------------------------------------------------------

constexpr std::array<std::string_view, kAreaCount> kKeys = {
    "harlow", "epping_forest", "east_hertfordshire", "uttlesford", "broxbourne", "other", "not_given"};
constexpr std::array<std::string_view, kAreaCount> kLabels = {
    "Harlow", "Epping Forest", "East Hertfordshire", "Uttlesford", "Broxbourne", "Elsewhere", "Not given"};

// What a table may name: every area but NotGiven, which is about what was typed, not a place.
constexpr std::string_view kTableAreas = "harlow, epping_forest, east_hertfordshire, uttlesford, broxbourne, other";

std::optional<Area> table_area(std::string_view key) {
    for (int i = 0; i < kAreaCount; ++i) {
        const auto area = static_cast<Area>(i);
        if (area != Area::NotGiven && kKeys[i] == key) return area;
    }
    return std::nullopt;
}

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// ^[A-Z]{1,2}[0-9][0-9A-Z]?$ : the outward code alone, in capitals.
bool is_district(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && i < 2 && is_upper(s[i])) ++i;
    if (i == 0 || i >= s.size() || !is_digit(s[i])) return false;
    ++i;
    if (i < s.size() && (is_digit(s[i]) || is_upper(s[i]))) ++i;
    return i == s.size();
}

}  // namespace

std::string_view area_key(Area area) {
    const auto i = static_cast<std::size_t>(area);
    return i < kKeys.size() ? kKeys[i] : kKeys[static_cast<std::size_t>(Area::NotGiven)];
}

std::string_view area_label(Area area) {
    const auto i = static_cast<std::size_t>(area);
    return i < kLabels.size() ? kLabels[i] : kLabels[static_cast<std::size_t>(Area::NotGiven)];
}

// --- 2. normalising what was typed ------------------------------------------------------------

std::string normalise_district(std::string_view typed) {
    // Trim what JavaScript's \s matches (the survey's regex), so a pasted no-break space or a
    // trailing newline is accepted here exactly when the survey accepted it.
    const std::u16string wide = text::utf8_to_utf16(typed);
    const std::u16string_view trimmed = text::trim_js(wide);
    std::string out;
    out.reserve(trimmed.size());
    for (const char16_t c : trimmed) {
        if (c >= 0x80) return {};  // the survey's [A-Za-z0-9] is ASCII only
        char ascii = static_cast<char>(c);
        if (ascii >= 'a' && ascii <= 'z') ascii = static_cast<char>(ascii - 'a' + 'A');
        out.push_back(ascii);
    }
    return is_district(out) ? out : std::string{};
}

// --- 3. reading a table -----------------------------------------------------------------------

namespace {

// A value as a message quotes it: strings shown as typed (shortened), anything else as JSON.
std::string shown(const json& value) {
    std::string text = value.is_string() ? value.get<std::string>() : value.dump();
    if (text.size() > 40) text = text.substr(0, 40) + "…";
    return text;
}

using DistrictMap = std::map<std::string, Area, std::less<>>;

std::string shown_key(const std::string& key) { return key.size() > 40 ? key.substr(0, 40) + "…" : key; }

class Reader {
public:
    explicit Reader(std::string_view file) : file_(file) {}

    Error error(std::string message, const std::string& place) const {
        return make_error(std::move(message), place.empty() ? file_ : file_ + ": " + place);
    }

    Result<DistrictMap> read(const json& root) const {
        if (!root.is_object()) return error("an area table is a JSON object; this file holds something else", "");
        for (const auto& [key, value] : root.items()) {
            if (key != "format" && key != "format_version" && key != "source" && key != "rule" && key != "districts") {
                return error("\"" + shown_key(key) + "\" is not a field of an area table; remove it", shown_key(key));
            }
        }
        const auto format = root.find("format");
        if (format == root.end() || !format->is_string()) {
            return error("must be \"canvass.areas\"", "format");
        }
        if (format->get<std::string>() != kFormat) {
            return error("this is a \"" + shown(*format) + "\" file, not an area table (\"canvass.areas\")", "format");
        }
        const auto version = root.find("format_version");
        if (version == root.end() || !version->is_number_integer()) {
            return error("must be a whole number (this Canvass reads 1)", "format_version");
        }
        if (*version < 1) {
            return error("version " + version->dump() + " is not an area-table version (this Canvass reads 1)", "format_version");
        }
        if (*version > kFormatVersion) {
            return error("version " + version->dump() + " is newer than this Canvass reads (1); use the table shipped with it",
                         "format_version");
        }
        for (const char* key : {"source", "rule"}) {
            if (const auto found = root.find(key); found != root.end() && !found->is_string()) {
                return error("must be text", key);
            }
        }
        const auto districts = root.find("districts");
        if (districts == root.end() || !districts->is_object()) {
            return error("must be an object of postcode districts, such as {\"CM20\": {\"area\": \"harlow\"}}", "districts");
        }
        DistrictMap out;
        for (const auto& [district, entry] : districts->items()) {
            const std::string place = "districts." + shown_key(district);
            if (!is_district(district)) {
                return error("'" + shown_key(district) + "' is not a postcode district in capitals, such as CM20", place);
            }
            Result<Area> area = read_entry(entry, place);
            if (!area) return area.error();
            out.emplace(district, *area);
        }
        return out;
    }

private:
    Result<Area> read_area(const json& value, const std::string& place) const {
        if (!value.is_string()) return error("must be one of " + std::string(kTableAreas), place);
        const std::optional<Area> area = table_area(value.get<std::string>());
        if (!area) return error("'" + shown(value) + "' is not an area; use one of " + std::string(kTableAreas), place);
        return *area;
    }

    Result<Area> read_entry(const json& entry, const std::string& place) const {
        if (!entry.is_object()) return error("must be an object such as {\"area\": \"harlow\"}", place);
        for (const auto& [key, value] : entry.items()) {
            if (key != "area" && key != "also" && key != "note") {
                return error("\"" + shown_key(key) + "\" is not a field of a district (area, also, note); remove it",
                             place + "." + shown_key(key));
            }
        }
        const auto found = entry.find("area");
        if (found == entry.end()) return error("is missing; use one of " + std::string(kTableAreas), place + ".area");
        Result<Area> area = read_area(*found, place + ".area");
        if (!area) return area;
        if (const auto also = entry.find("also"); also != entry.end()) {
            if (!also->is_array()) return error("must be a list of areas, such as [\"epping_forest\"]", place + ".also");
            std::vector<Area> seen;
            for (std::size_t i = 0; i < also->size(); ++i) {
                const std::string item_place = place + ".also[" + std::to_string(i) + "]";
                Result<Area> other = read_area((*also)[i], item_place);
                if (!other) return other;
                if (*other == *area) {
                    return error("'" + std::string(area_key(*other)) + "' is already the district's area; list only the others",
                                 item_place);
                }
                if (std::find(seen.begin(), seen.end(), *other) != seen.end()) {
                    return error("'" + std::string(area_key(*other)) + "' is listed twice", item_place);
                }
                seen.push_back(*other);
            }
        }
        if (const auto note = entry.find("note"); note != entry.end() && !note->is_string()) {
            return error("must be text", place + ".note");
        }
        return area;
    }

    std::string file_;
};

}  // namespace

Result<AreaTable> AreaTable::parse(std::string_view text, std::string_view file_name) {
    Result<json> document = parse_json_document(text, file_name, JsonLimits{1024 * 1024, 16});
    if (!document) return document.error();
    Result<DistrictMap> districts = Reader(file_name).read(*document);
    if (!districts) return districts.error();
    AreaTable table;
    table.by_district_ = std::move(districts).value();
    return table;
}

// --- 4. the shipped table and lookups ---------------------------------------------------------

const AreaTable& AreaTable::shipped() {
    // Parsed once. The text is compiled in, so a failure is a build defect that
    // tests/core/areas_test.cpp catches; at run time it leaves every district Other.
    static const AreaTable table = [] {
        const std::string_view text(reinterpret_cast<const char*>(embedded::kPostcodeDistricts),
                                    embedded::kPostcodeDistrictsSize);
        Result<AreaTable> parsed = parse(text, kShippedFileName);
        return parsed ? std::move(parsed).value() : AreaTable{};
    }();
    return table;
}

Area AreaTable::area_of(std::string_view typed) const {
    const std::string district = normalise_district(typed);
    if (district.empty()) return Area::NotGiven;
    const auto found = by_district_.find(district);
    return found == by_district_.end() ? Area::Other : found->second;
}

}  // namespace canvass::results
