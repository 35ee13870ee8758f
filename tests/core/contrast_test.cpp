// Every text and background pair, and every control boundary, of both palettes (web/palette.h)
// meets WCAG 2.2 AA: 4.5:1 for text (all Canvass text is checked at the normal-size limit), 3:1
// for the boundaries of controls and for the focus indicator (1.4.3, 1.4.11, 2.4.7).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "web/palette.h"

using namespace canvass::web;

namespace {

double channel(Colour colour, int shift) {
    const double c = ((colour >> shift) & 0xFF) / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(Colour colour) { return 0.2126 * channel(colour, 0) + 0.7152 * channel(colour, 8) + 0.0722 * channel(colour, 16); }

double contrast(Colour a, Colour b) {
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

struct Pair {
    const char* what;
    Colour foreground, background;
    double minimum;
};

constexpr double kText = 4.5;
constexpr double kNonText = 3.0;

}  // namespace

TEST_CASE("the contrast formula gives WCAG's known figures") {
    CHECK(contrast(rgb(0, 0, 0), rgb(255, 255, 255)) == doctest::Approx(21.0));
    CHECK(contrast(rgb(255, 255, 255), rgb(255, 255, 255)) == doctest::Approx(1.0));
    CHECK(contrast(rgb(0x1D, 0x70, 0xB8), rgb(255, 255, 255)) == doctest::Approx(5.17).epsilon(0.01));  // GOV.UK link blue
}

TEST_CASE("every text and control colour pair of both palettes meets WCAG AA") {
    for (const bool high : {false, true}) {
        const Theme& t = theme_for(high);
        const Pair pairs[] = {
            {"text on the page", t.text, t.background, kText},
            {"hint text on the page", t.secondary_text, t.background, kText},
            {"error text on the page", t.error, t.background, kText},
            {"link text on the page", t.link, t.background, kText},
            {"disabled text on the page", t.disabled_text, t.background, kText},
            {"text on a primary button", t.on_primary, t.primary, kText},
            {"text on a hovered primary button", t.on_primary, t.primary_hovered, kText},
            {"text on a secondary button", t.text, t.secondary, kText},
            {"text on a hovered secondary button", t.text, t.secondary_hovered, kText},
            {"text on a selected toggle", t.on_selected, t.selected, kText},
            {"text on the highlighted list item", t.on_highlight, t.highlight, kText},
            {"text on a card", t.text, t.card, kText},
            {"hint text on a card", t.secondary_text, t.card, kText},
            {"typed text in a field", t.text, t.input_fill, kText},
            {"field, radio and checkbox borders", t.input_border, t.background, kNonText},
            {"secondary button border", t.border, t.background, kNonText},
            {"card border", t.card_border, t.background, kNonText},
            {"radio dot and checkbox tick", t.mark, t.input_fill, kNonText},
            {"the error bar beside a question", t.error, t.background, kNonText},
        };
        for (const Pair& pair : pairs) {
            const std::string what = pair.what;
            CAPTURE(high);
            CAPTURE(what);
            CAPTURE(contrast(pair.foreground, pair.background));
            CHECK(contrast(pair.foreground, pair.background) >= pair.minimum);
        }
        // The focus indicator is a halo around a ring: one of the two must stand out from
        // whatever it is drawn on.
        for (const Colour surface : {t.background, t.card, t.primary, t.selected, t.secondary, t.input_fill}) {
            CAPTURE(high);
            CAPTURE(surface);
            CHECK(std::max(contrast(t.focus_halo, surface), contrast(t.focus_ring, surface)) >= kNonText);
        }
    }
}
