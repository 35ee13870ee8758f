// Postcode districts to local authority areas: the table in assets/areas/postcode-districts.json
// (docs/areas.md says where each row comes from and how a district that straddles two authorities
// is placed). Results count respondents by area, never by district, and never keep more of a
// postcode than its district. Pure: text in, values or located errors out.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace canvass::results {

// The areas a report breaks down by, in report order. NotGiven is "prefer not to say" (blank)
// or something that is not a district; Other is a real district outside the five authorities.
enum class Area : std::uint8_t { Harlow, EppingForest, EastHertfordshire, Uttlesford, Broxbourne, Other, NotGiven };
inline constexpr int kAreaCount = 7;

// "harlow", "epping_forest", "east_hertfordshire", "uttlesford", "broxbourne", "other", "not_given".
std::string_view area_key(Area area);
// "Harlow", "Epping Forest", "East Hertfordshire", "Uttlesford", "Broxbourne", "Elsewhere", "Not given".
std::string_view area_label(Area area);

// What a respondent typed, as a district: trimmed, upper-cased and checked ("cm20 " -> "CM20").
// "" when it is blank or not the form of a district (a full postcode is not a district).
std::string normalise_district(std::string_view typed);

class AreaTable {
public:
    // Reads the table's JSON; errors name `file_name` and the place ("districts.CM17").
    static Result<AreaTable> parse(std::string_view text, std::string_view file_name);
    // The table shipped in assets/areas/postcode-districts.json, compiled into core.
    static const AreaTable& shipped();

    // The area of what a respondent typed: NotGiven for blank or malformed input, Other for a
    // well-formed district the table does not list.
    Area area_of(std::string_view typed) const;

private:
    std::map<std::string, Area, std::less<>> by_district_;
};

}  // namespace canvass::results
