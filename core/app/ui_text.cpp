// English and Polish strings for the app chrome. Plain English, short sentences.
#include "core/app/ui_text.h"

#include <array>

namespace canvass {
namespace {

constexpr std::array<LocaleInfo, 2> kLocales = {{{"en", "English"}, {"pl", "Polski"}}};

struct Entry {
    TextId id;
    std::string_view en;
    std::string_view pl;
};

constexpr Entry kEntries[] = {
    {TextId::AppName, "Canvass", "Canvass"},
    {TextId::WelcomeHeading, "Have your say on digital services",
     "Wyraź swoją opinię o usługach cyfrowych"},
    {TextId::WelcomeLead,
     "The Digital Innovation Zone wants west Essex and east Hertfordshire to be well connected. "
     "Tell us what you need from broadband, mobile signal, digital skills and online services.",
     "Strefa Innowacji Cyfrowych chce, aby zachodni Essex i wschodni Hertfordshire były dobrze połączone. "
     "Powiedz nam, czego potrzebujesz: szerokopasmowy internet, zasięg komórkowy, umiejętności cyfrowe i usługi online."},
    {TextId::WelcomePrivacy,
     "We do not ask for your name or full postcode. Your answers are only used in totals.",
     "Nie pytamy o imię ani pełny kod pocztowy. Twoje odpowiedzi są używane tylko w zestawieniach."},
    {TextId::LanguageLabel, "Language", "Język"},
    {TextId::TextSizeLabel, "Text size", "Rozmiar tekstu"},
    {TextId::TextSmaller, "Smaller text", "Mniejszy tekst"},
    {TextId::TextLarger, "Larger text", "Większy tekst"},
    {TextId::ComingSoon, "The survey opens here soon.", "Ankieta wkrótce będzie tutaj dostępna."},
};

}  // namespace

std::span<const LocaleInfo> supported_locales() { return kLocales; }

bool is_supported_locale(std::string_view code) {
    for (const LocaleInfo& info : kLocales) {
        if (info.code == code) return true;
    }
    return false;
}

std::string_view ui_text(std::string_view locale, TextId id) {
    for (const Entry& entry : kEntries) {
        if (entry.id == id) return locale == "pl" ? entry.pl : entry.en;
    }
    return {};
}

}  // namespace canvass
