// Building the font atlas for a pixel ratio and text size.
#include "web/fonts.h"

#include <algorithm>

#include "web/embedded_fonts.h"
#include "web/theme.h"

namespace canvass::web {
namespace {

// Basic Latin to Latin Extended-A (Polish ą ł ż ...), punctuation, currency, arrows, ticks:
// the same ranges scripts/setup keeps when it subsets the font.
const ImWchar kGlyphRanges[] = {
    0x0020, 0x017F, 0x2010, 0x2027, 0x2030, 0x203A, 0x20AC, 0x20AC, 0x2190, 0x2193,
    0x2713, 0x2715, 0x25B2, 0x25B2, 0x25BC, 0x25BC, 0x25CF, 0x25CF, 0xFFFD, 0xFFFD, 0,
};

// Rasterising above this many physical pixels per CSS pixel only grows the texture.
constexpr float kMaxRasterScale = 3.0f;

// ImGui sizes a font by its ascender-to-descender height; CSS sizes it by the em. Noto Sans's
// hhea ascender 1069 and descender -293 over 1000 units per em give this ratio, so a 20 px
// body font here is as large as `font-size: 20px` in the browser.
constexpr float kNotoSansHeightPerEm = 1.362f;

// What the title and heading fonts always hold besides the display text: printable ASCII,
// Latin-1 and the Polish letters (the app's own languages), and the punctuation above.
const ImWchar kDisplayBaseRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x00FF, 0x0104, 0x0107, 0x0118, 0x0119, 0x0141, 0x0144, 0x015A, 0x015B,
    0x0179, 0x017C, 0x2010, 0x2027, 0x2030, 0x203A, 0x20AC, 0x20AC, 0x2190, 0x2193, 0x2713, 0x2715,
    0x25B2, 0x25B2, 0x25BC, 0x25BC, 0x25CF, 0x25CF, 0xFFFD, 0xFFFD, 0,
};

// The display text's characters that the font subset has, plus the base ranges.
void build_display_ranges(ImVector<ImWchar>& ranges, const char* display_text) {
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(kDisplayBaseRanges);
    ImFontGlyphRangesBuilder subset;
    subset.AddRanges(kGlyphRanges);
    if (display_text) {
        ImFontGlyphRangesBuilder wanted;
        wanted.AddText(display_text);
        for (unsigned int c = 0; c <= IM_UNICODE_CODEPOINT_MAX; ++c) {
            if (wanted.GetBit(c) && subset.GetBit(c)) builder.AddChar(static_cast<ImWchar>(c));
        }
    }
    builder.BuildRanges(&ranges);
}

ImFont* add_font(const unsigned char* data, std::size_t size, float em_px, float raster_scale,
                 const ImWchar* ranges = kGlyphRanges) {
    ImFontConfig config;
    config.OversampleH = 1;  // pixel-ratio rasterisation already gives the detail oversampling would
    config.OversampleV = 1;
    config.PixelSnapH = true;
    config.RasterizerDensity = raster_scale;
    config.FontDataOwnedByAtlas = false;  // static data: the atlas reads it and must not free it
    // ImGui takes a mutable pointer but only reads the font.
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size),
                                                      em_px * kNotoSansHeightPerEm, &config, ranges);
}

}  // namespace

bool ensure_fonts(Fonts& fonts, float pixel_ratio, int text_size_percent, const char* display_text) {
    if (fonts.pixel_ratio == pixel_ratio && fonts.text_size_percent == text_size_percent) return false;
    if (fonts.display_ranges.empty()) build_display_ranges(fonts.display_ranges, display_text);
    const float text_scale = text_size_percent / 100.0f;
    const float raster_scale = std::clamp(pixel_ratio, 1.0f, kMaxRasterScale);
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    atlas->TexDesiredWidth = 2048;
    fonts.body = add_font(kNotoSansRegular, kNotoSansRegularSize, kBodyFontPx * text_scale, raster_scale);
    fonts.body_bold = add_font(kNotoSansBold, kNotoSansBoldSize, kBodyFontPx * text_scale, raster_scale);
    fonts.title = add_font(kNotoSansBold, kNotoSansBoldSize, kTitleFontPx * text_scale, raster_scale, fonts.display_ranges.Data);
    fonts.heading = add_font(kNotoSansBold, kNotoSansBoldSize, kHeadingFontPx * text_scale, raster_scale, fonts.display_ranges.Data);
    atlas->Build();
    ImGui::GetIO().FontDefault = fonts.body;
    fonts.pixel_ratio = pixel_ratio;
    fonts.text_size_percent = text_size_percent;
    ++fonts.builds;
    return true;
}

}  // namespace canvass::web
