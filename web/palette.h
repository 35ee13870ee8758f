// The two palettes of the canvas UI, as plain data so that a native test can check their
// contrast (tests/core/contrast_test.cpp) without Dear ImGui: the default (GOV.UK colours, WCAG
// AA) and a high-contrast one (white on black, yellow accents) for people who ask for more.
// Colours are packed as Dear ImGui's IM_COL32 packs them; every figure is in palette.cpp.
#pragma once

#include <cstdint>

namespace canvass::web {

using Colour = std::uint32_t;  // ImGui's ImU32: alpha << 24 | blue << 16 | green << 8 | red

constexpr Colour rgb(std::uint32_t red, std::uint32_t green, std::uint32_t blue) {
    return 0xFF000000u | blue << 16 | green << 8 | red;
}

struct Theme {
    Colour background;
    Colour text;
    Colour secondary_text;   // hint text
    Colour primary;          // primary button fill
    Colour primary_hovered;
    Colour on_primary;       // text on the primary fill
    Colour secondary;        // secondary button fill
    Colour secondary_hovered;
    Colour border;           // UI component borders (3:1 against background)
    Colour focus_ring;       // inner ring, inside the focus halo
    Colour selected;         // the chosen item in a toggle group
    Colour on_selected;
    // Question controls.
    Colour focus_halo;       // outer focus ring (GOV.UK yellow)
    Colour input_border;     // text fields, radios and checkboxes
    Colour input_fill;
    Colour mark;             // the radio dot and the checkbox tick
    Colour error;            // error text and the error bar beside a question
    Colour link;
    Colour disabled_text;
    Colour panel_bar;        // the bar beside a panel's questions and a revealed "Other" field (decorative)
    Colour card;             // ranking items, table stripes
    Colour card_border;
    Colour highlight;        // the keyboard's current item in an open list
    Colour on_highlight;
    Colour text_selection;   // selected text in a field
};

const Theme& default_theme();
const Theme& high_contrast_theme();
inline const Theme& theme_for(bool high_contrast) { return high_contrast ? high_contrast_theme() : default_theme(); }

}  // namespace canvass::web
