// Building the font atlas for a pixel ratio and text size.
#include "web/fonts.h"

#include <algorithm>

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

ImFont* add_font(const char* path, float em_px, float raster_scale) {
    ImFontConfig config;
    config.OversampleH = 1;  // pixel-ratio rasterisation already gives the detail oversampling would
    config.OversampleV = 1;
    config.PixelSnapH = true;
    config.RasterizerDensity = raster_scale;
    return ImGui::GetIO().Fonts->AddFontFromFileTTF(path, em_px * kNotoSansHeightPerEm, &config, kGlyphRanges);
}

}  // namespace

bool ensure_fonts(Fonts& fonts, float pixel_ratio, int text_size_percent) {
    if (fonts.pixel_ratio == pixel_ratio && fonts.text_size_percent == text_size_percent) return false;
    const float text_scale = text_size_percent / 100.0f;
    const float raster_scale = std::clamp(pixel_ratio, 1.0f, kMaxRasterScale);
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    atlas->Clear();
    atlas->TexDesiredWidth = 2048;
    fonts.body = add_font("/fonts/NotoSans-Regular.ttf", kBodyFontPx * text_scale, raster_scale);
    fonts.body_bold = add_font("/fonts/NotoSans-Bold.ttf", kBodyFontPx * text_scale, raster_scale);
    fonts.title = add_font("/fonts/NotoSans-Bold.ttf", kTitleFontPx * text_scale, raster_scale);
    fonts.heading = add_font("/fonts/NotoSans-Bold.ttf", kHeadingFontPx * text_scale, raster_scale);
    if (!fonts.body) fonts.body = atlas->AddFontDefault();  // the page still works if the font file is missing
    if (!fonts.body_bold) fonts.body_bold = fonts.body;
    if (!fonts.title) fonts.title = fonts.body_bold;
    if (!fonts.heading) fonts.heading = fonts.body_bold;
    atlas->Build();
    ImGui::GetIO().FontDefault = fonts.body;
    fonts.pixel_ratio = pixel_ratio;
    fonts.text_size_percent = text_size_percent;
    ++fonts.builds;
    return true;
}

}  // namespace canvass::web
