// The app's own words (not the survey's), in every shipped language. Survey text comes from
// the survey file; this table holds the chrome around it: buttons, headings, notices.
#pragma once

#include <span>
#include <string_view>

namespace canvass {

enum class TextId {
    AppName,
    WelcomeHeading,
    WelcomeLead,
    WelcomePrivacy,
    LanguageLabel,
    TextSizeLabel,
    TextSmaller,
    TextLarger,
    ComingSoon,
};

struct LocaleInfo {
    std::string_view code;      // BCP 47: "en", "pl"
    std::string_view endonym;   // the language's name in itself, for the language picker
};

std::span<const LocaleInfo> supported_locales();
bool is_supported_locale(std::string_view code);

// Falls back to English for an unknown locale, as SurveyJS falls back to "default".
std::string_view ui_text(std::string_view locale, TextId id);

}  // namespace canvass
