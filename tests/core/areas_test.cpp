// Postcode districts to areas (core/results/areas.h, docs/areas.md): what counts as a district,
// the area of what a respondent typed, the located message for each kind of broken table, and
// that the table compiled into core parses, matches assets/areas/postcode-districts.json and maps
// every district it lists.
#include <doctest/doctest.h>

#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/results/areas.h"

// The bytes CMake compiled in (CMakeLists.txt section 3), declared as core/results/areas.cpp does.
namespace canvass::results::embedded {
extern const unsigned char kPostcodeDistricts[];
extern const std::size_t kPostcodeDistrictsSize;
}  // namespace canvass::results::embedded

using namespace canvass;
using namespace canvass::results;

namespace {

std::string slurp(const std::string& relative) {
    std::ifstream in(std::string(CANVASS_SOURCE_DIR) + "/" + relative, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// A small table of every kind of row: one district per authority, one that straddles, and one
// that reaches the five but is mostly elsewhere.
const char* const kSmallTable = R"({
  "format": "canvass.areas", "format_version": 1, "source": "test", "rule": "test",
  "districts": {
    "CM20": {"area": "harlow"},
    "CM17": {"area": "harlow", "also": ["epping_forest"], "note": "straddles"},
    "IG10": {"area": "epping_forest"},
    "SG12": {"area": "east_hertfordshire"},
    "CB11": {"area": "uttlesford"},
    "EN11": {"area": "broxbourne"},
    "CM1":  {"area": "other", "also": ["uttlesford"]}
  }
})";

// The whole error line a broken table gives, or "ok".
std::string parse_error(const std::string& text) {
    const Result<AreaTable> table = AreaTable::parse(text, "postcode-districts.json");
    return table ? "ok" : table.error().to_string();
}

std::string with_districts(const std::string& districts) {
    return R"({"format": "canvass.areas", "format_version": 1, "districts": )" + districts + "}";
}

const char* const kUse = "use one of harlow, epping_forest, east_hertfordshire, uttlesford, broxbourne, other";

}  // namespace

TEST_CASE("normalise_district: trims, upper-cases and accepts only the district form (areas)") {
    const struct {
        const char* typed;
        const char* district;
    } rows[] = {
        {"CM20", "CM20"},
        {"cm20", "CM20"},
        {"  cm20 ", "CM20"},
        {"\tCm17\n", "CM17"},
        {"\xC2\xA0" "en9" "\xC2\xA0", "EN9"},  // no-break spaces: JavaScript's \s, so the survey accepted them
        {"E4", "E4"},
        {"n1c", "N1C"},
        {"SW1A", "SW1A"},
        {"EN10", "EN10"},
        {"", ""},
        {"   ", ""},
        {"CM20 1AB", ""},  // a full postcode is not a district
        {"CM201AB", ""},
        {"CM 20", ""},
        {"CM", ""},
        {"20", ""},
        {"CMX20", ""},
        {"C", ""},
        {"CM2OO", ""},
        {"CM20-", ""},
        {"ＣＭ20", ""},  // full-width letters are not the survey's [A-Za-z]
        {"CM２0", ""},
    };
    for (const auto& row : rows) {
        CAPTURE(row.typed);
        CHECK(normalise_district(row.typed) == row.district);
    }
}

TEST_CASE("area keys and labels, in report order (areas)") {
    CHECK(kAreaCount == 7);
    const struct {
        Area area;
        const char* key;
        const char* label;
    } rows[] = {
        {Area::Harlow, "harlow", "Harlow"},
        {Area::EppingForest, "epping_forest", "Epping Forest"},
        {Area::EastHertfordshire, "east_hertfordshire", "East Hertfordshire"},
        {Area::Uttlesford, "uttlesford", "Uttlesford"},
        {Area::Broxbourne, "broxbourne", "Broxbourne"},
        {Area::Other, "other", "Elsewhere"},
        {Area::NotGiven, "not_given", "Not given"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.key);
        CHECK(static_cast<int>(row.area) == static_cast<int>(&row - rows));
        CHECK(area_key(row.area) == row.key);
        CHECK(area_label(row.area) == row.label);
    }
}

TEST_CASE("area_of: each authority, a straddling district, elsewhere and not given (areas)") {
    const Result<AreaTable> table = AreaTable::parse(kSmallTable, "small.json");
    REQUIRE_MESSAGE(table.ok(), table.error().to_string());
    const struct {
        const char* typed;
        Area area;
    } rows[] = {
        {"CM20", Area::Harlow},
        {" cm20", Area::Harlow},
        {"CM17", Area::Harlow},  // straddles Harlow and Epping Forest: counted for the majority
        {"ig10", Area::EppingForest},
        {"SG12", Area::EastHertfordshire},
        {"CB11", Area::Uttlesford},
        {"EN11", Area::Broxbourne},
        {"CM1", Area::Other},   // listed, but mostly outside the five
        {"SW1A", Area::Other},  // a real district the table does not list
        {"ZZ9", Area::Other},
        {"", Area::NotGiven},
        {"  ", Area::NotGiven},
        {"CM20 1AB", Area::NotGiven},  // never a full postcode
        {"Harlow", Area::NotGiven},
    };
    for (const auto& row : rows) {
        CAPTURE(row.typed);
        CHECK(area_key(table->area_of(row.typed)) == area_key(row.area));
    }
}

TEST_CASE("a broken area table gives one line naming the file and the JSON place (areas)") {
    const struct {
        std::string text;
        std::string message;
    } rows[] = {
        {"[1, 2]", "postcode-districts.json: an area table is a JSON object; this file holds something else"},
        {"{\"format\": ", "postcode-districts.json:1:12: invalid JSON: unexpected end of input; expected '[', '{', or a literal"},
        {R"({"format_version": 1, "districts": {}})", "postcode-districts.json: format: must be \"canvass.areas\""},
        {R"({"format": "canvass.responses", "format_version": 1, "districts": {}})",
         "postcode-districts.json: format: this is a \"canvass.responses\" file, not an area table (\"canvass.areas\")"},
        {R"({"format": "canvass.areas", "districts": {}})",
         "postcode-districts.json: format_version: must be a whole number (this Canvass reads 1)"},
        {R"({"format": "canvass.areas", "format_version": "1", "districts": {}})",
         "postcode-districts.json: format_version: must be a whole number (this Canvass reads 1)"},
        {R"({"format": "canvass.areas", "format_version": 0, "districts": {}})",
         "postcode-districts.json: format_version: version 0 is not an area-table version (this Canvass reads 1)"},
        {R"({"format": "canvass.areas", "format_version": 2, "districts": {}})",
         "postcode-districts.json: format_version: version 2 is newer than this Canvass reads (1); use the table shipped with it"},
        {R"({"format": "canvass.areas", "format_version": 1, "districts": {}, "extra": 1})",
         "postcode-districts.json: extra: \"extra\" is not a field of an area table; remove it"},
        {R"({"format": "canvass.areas", "format_version": 1, "source": 3, "districts": {}})",
         "postcode-districts.json: source: must be text"},
        {R"({"format": "canvass.areas", "format_version": 1})",
         "postcode-districts.json: districts: must be an object of postcode districts, such as {\"CM20\": {\"area\": \"harlow\"}}"},
        {with_districts(R"({"CM17": {"area": "harlw"}})"),
         std::string("postcode-districts.json: districts.CM17.area: 'harlw' is not an area; ") + kUse},
        {with_districts(R"({"CM17": {"area": "not_given"}})"),
         std::string("postcode-districts.json: districts.CM17.area: 'not_given' is not an area; ") + kUse},
        {with_districts(R"({"CM17": {"area": 1}})"),
         std::string("postcode-districts.json: districts.CM17.area: must be one of harlow, epping_forest, east_hertfordshire, "
                     "uttlesford, broxbourne, other")},
        {with_districts(R"({"CM17": {"also": ["harlow"]}})"),
         std::string("postcode-districts.json: districts.CM17.area: is missing; ") + kUse},
        {with_districts(R"({"cm17": {"area": "harlow"}})"),
         "postcode-districts.json: districts.cm17: 'cm17' is not a postcode district in capitals, such as CM20"},
        {with_districts(R"({"CM20 1AB": {"area": "harlow"}})"),
         "postcode-districts.json: districts.CM20 1AB: 'CM20 1AB' is not a postcode district in capitals, such as CM20"},
        {with_districts(R"({"CM17": "harlow"})"),
         "postcode-districts.json: districts.CM17: must be an object such as {\"area\": \"harlow\"}"},
        {with_districts(R"({"CM17": {"area": "harlow", "aslo": []}})"),
         "postcode-districts.json: districts.CM17.aslo: \"aslo\" is not a field of a district (area, also, note); remove it"},
        {with_districts(R"({"CM17": {"area": "harlow", "also": "epping_forest"}})"),
         "postcode-districts.json: districts.CM17.also: must be a list of areas, such as [\"epping_forest\"]"},
        {with_districts(R"({"CM17": {"area": "harlow", "also": ["epping_forest", "eping"]}})"),
         std::string("postcode-districts.json: districts.CM17.also[1]: 'eping' is not an area; ") + kUse},
        {with_districts(R"({"CM17": {"area": "harlow", "also": ["harlow"]}})"),
         "postcode-districts.json: districts.CM17.also[0]: 'harlow' is already the district's area; list only the others"},
        {with_districts(R"({"CM17": {"area": "harlow", "also": ["other", "other"]}})"),
         "postcode-districts.json: districts.CM17.also[1]: 'other' is listed twice"},
        {with_districts(R"({"CM17": {"area": "harlow", "note": ["x"]}})"),
         "postcode-districts.json: districts.CM17.note: must be text"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.text);
        CHECK(parse_error(row.text) == row.message);
    }
    CHECK(parse_error(with_districts("{}")) == "ok");  // an empty table is a table: every district is Other
}

TEST_CASE("the shipped area table is the file in assets, parses, and maps every district it lists (areas)") {
    const std::string embedded(reinterpret_cast<const char*>(embedded::kPostcodeDistricts), embedded::kPostcodeDistrictsSize);
    const std::string file = slurp("assets/areas/postcode-districts.json");
    REQUIRE_FALSE(file.empty());
    CHECK(embedded == file);  // the build re-embeds the table whenever the file changes

    // shipped() falls back to an empty table when the compiled-in text is broken: prove it is not.
    const Result<AreaTable> parsed = AreaTable::parse(embedded, "postcode-districts.json");
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().to_string());

    const nlohmann::json document = nlohmann::json::parse(file);
    const nlohmann::json& districts = document.at("districts");
    CHECK(districts.size() >= 30);
    int per_area[kAreaCount] = {};
    for (const auto& [district, entry] : districts.items()) {
        CAPTURE(district);
        const Area area = AreaTable::shipped().area_of(district);
        CHECK(area_key(area) == entry.at("area").get<std::string>());
        CHECK(parsed->area_of(district) == area);
        ++per_area[static_cast<int>(area)];
    }
    for (int i = 0; i < static_cast<int>(Area::Other); ++i) {
        CAPTURE(area_key(static_cast<Area>(i)));
        CHECK(per_area[i] >= 3);  // each authority has the districts of its main towns
    }

    // The districts the consultation's own material names, and the straddling ones docs/areas.md discusses.
    const AreaTable& shipped = AreaTable::shipped();
    CHECK(shipped.area_of("cm20") == Area::Harlow);
    CHECK(shipped.area_of("CM17") == Area::Harlow);
    CHECK(shipped.area_of("CM16") == Area::EppingForest);
    CHECK(shipped.area_of("EN9") == Area::EppingForest);
    CHECK(shipped.area_of("CM21") == Area::EastHertfordshire);
    CHECK(shipped.area_of("CM23") == Area::EastHertfordshire);
    CHECK(shipped.area_of("CM22") == Area::Uttlesford);
    CHECK(shipped.area_of("CB10") == Area::Uttlesford);
    CHECK(shipped.area_of("EN8") == Area::Broxbourne);
    CHECK(shipped.area_of("EN10") == Area::Broxbourne);
    CHECK(shipped.area_of("CM1") == Area::Other);
    CHECK(shipped.area_of("SW1A") == Area::Other);
    CHECK(shipped.area_of("CM20 1AB") == Area::NotGiven);
    CHECK(&AreaTable::shipped() == &shipped);  // parsed once
}
