// English and Polish strings for the app chrome. Plain English, short sentences.
#include "core/app/ui_text.h"

#include <algorithm>
#include <array>
#include <cstdio>

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
    {TextId::LanguageLabel, "Language", "Język"},
    {TextId::TextSizeLabel, "Text size", "Rozmiar tekstu"},
    {TextId::TextSmaller, "Smaller text", "Mniejszy tekst"},
    {TextId::TextLarger, "Larger text", "Większy tekst"},
    {TextId::HighContrast, "High contrast", "Wysoki kontrast"},
    {TextId::MinutesEstimate, "It takes about {0} minutes.", "Zajmie to około {0} minut."},
    {TextId::PrivacyHeading, "How we use your answers", "Jak wykorzystujemy Twoje odpowiedzi"},
    {TextId::PrivacyLink, "Read the full privacy notice", "Przeczytaj pełną informację o prywatności"},
    {TextId::Start, "Start", "Rozpocznij"},
    {TextId::TapToStart, "Tap to start", "Dotknij, aby rozpocząć"},
    {TextId::StillThereHeading, "Are you still there?", "Czy nadal tu jesteś?"},
    {TextId::StillThereCountdown, "Your answers will be cleared in {0} seconds.",
     "Twoje odpowiedzi zostaną usunięte za {0} s."},
    {TextId::StillHere, "Yes, I am still here", "Tak, nadal tu jestem"},
    {TextId::NextPersonCountdown, "This screen starts again for the next person in {0} seconds.",
     "Za {0} s ekran zacznie się od nowa dla następnej osoby."},
    {TextId::ResumeHeading, "Continue where you left off?", "Kontynuować od miejsca, w którym skończono?"},
    {TextId::ResumeLead,
     "Someone started this survey on this device and did not finish. If that was you, you can carry on. "
     "If not, start again and their answers will be deleted.",
     "Ktoś zaczął wypełniać tę ankietę na tym urządzeniu i jej nie skończył. Jeśli to Ty, możesz kontynuować. "
     "Jeśli nie, zacznij od nowa, a tamte odpowiedzi zostaną usunięte."},
    {TextId::ResumeContinue, "Continue where I left off", "Kontynuuj od miejsca, w którym skończyłem"},
    {TextId::QuestionProgress, "Question {0} of about {1}", "Pytanie {0} z około {1}"},
    {TextId::Continue, "Continue", "Dalej"},
    {TextId::Back, "Back", "Wstecz"},
    {TextId::CheckYourAnswers, "Check your answers", "Sprawdź odpowiedzi"},
    {TextId::StartAgain, "Start again", "Zacznij od nowa"},
    {TextId::Optional, "(optional)", "(opcjonalnie)"},
    {TextId::ErrorSummaryTitle, "There is a problem", "Wystąpił problem"},
    {TextId::ErrorsOne, "{0} answer needs attention", "{0} odpowiedź wymaga poprawy"},
    {TextId::ErrorsFew, "{0} answers need attention", "{0} odpowiedzi wymagają poprawy"},
    {TextId::ErrorsMany, "{0} answers need attention", "{0} odpowiedzi wymaga poprawy"},
    {TextId::CheckAnswersHeading, "Check your answers", "Sprawdź swoje odpowiedzi"},
    {TextId::CheckAnswersLead, "You can change any answer before you send them.",
     "Przed wysłaniem możesz zmienić każdą odpowiedź."},
    {TextId::NotAnswered, "Not answered", "Brak odpowiedzi"},
    {TextId::Change, "Change", "Zmień"},
    {TextId::Submit, "Submit", "Wyślij"},
    {TextId::Submitting, "Saving your answers", "Zapisujemy Twoje odpowiedzi"},
    {TextId::SubmitFailed, "Your answers could not be saved. Nothing has been lost: please try again.",
     "Nie udało się zapisać odpowiedzi. Nic nie zostało utracone: spróbuj ponownie."},
    {TextId::ConfirmationHeading, "Your answers have been saved", "Twoje odpowiedzi zostały zapisane"},
    {TextId::ReferenceLabel, "Your reference", "Twój numer referencyjny"},
    {TextId::AnswersCleared, "Your answers have been cleared", "Twoje odpowiedzi zostały usunięte"},
    {TextId::AnswersWaitingToSend,
     "Your answers could not be sent yet, so they are kept on this device. They will be sent by themselves while this "
     "page is open, or the next time you open it with an internet connection.",
     "Nie udało się jeszcze wysłać Twoich odpowiedzi, więc są zapisane na tym urządzeniu. Zostaną wysłane same, gdy ta "
     "strona jest otwarta, albo gdy następnym razem otworzysz ją z połączeniem z internetem."},
    {TextId::AnswersSent, "Your answers have been sent to the survey team.",
     "Twoje odpowiedzi zostały wysłane do zespołu prowadzącego ankietę."},
    {TextId::ClosedHeading, "This survey is closed", "Ta ankieta jest zamknięta"},
    {TextId::ClosedOn, "It closed on {0}.", "Zamknięto ją {0}."},
    {TextId::OpensOn, "It opens on {0}.", "Zostanie otwarta {0}."},
    {TextId::UnavailableHeading, "Sorry, this survey cannot be answered here", "Niestety, tutaj nie można wypełnić tej ankiety"},
    {TextId::Loading, "Loading the survey", "Wczytywanie ankiety"},
    {TextId::OpenResultsFile, "Open a results file", "Otwórz plik z wynikami"},
    {TextId::ResultsFileHint, "For council staff and the DIZ Board: see a consultation's results from its report file. "
     "You can also drop the file onto this page.",
     "Dla pracowników rady i zarządu DIZ: zobacz wyniki konsultacji z pliku raportu. "
     "Możesz też upuścić plik na tę stronę."},
    {TextId::ResultsFileProblem, "The file could not be opened as results: {0}",
     "Nie udało się otworzyć pliku z wynikami: {0}"},
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

std::string format_text(std::string_view locale, TextId id, std::initializer_list<std::string_view> args) {
    const std::string_view pattern = ui_text(locale, id);
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{' && i + 2 < pattern.size() && pattern[i + 2] == '}' && pattern[i + 1] >= '0' &&
            std::size_t(pattern[i + 1] - '0') < args.size()) {
            out += *(args.begin() + (pattern[i + 1] - '0'));
            i += 2;
        } else {
            out += pattern[i];
        }
    }
    return out;
}

std::string format_long_date(std::string_view locale, CivilDate date) {
    static constexpr std::string_view kEnglish[] = {"January", "February", "March", "April", "May", "June", "July",
                                                    "August", "September", "October", "November", "December"};
    // Polish dates use the genitive: "31 lipca 2026".
    static constexpr std::string_view kPolish[] = {"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
                                                   "sierpnia", "września", "października", "listopada", "grudnia"};
    const int m = std::clamp(date.month, 1, 12) - 1;
    const std::string_view month = locale == "pl" ? kPolish[m] : kEnglish[m];
    return std::to_string(date.day) + " " + std::string(month) + " " + std::to_string(date.year);
}

std::string format_clock(int minute_of_day) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", minute_of_day / 60 % 24, minute_of_day % 60);
    return text;
}

std::string format_count(std::string_view locale, TextId one, std::size_t count) {
    const std::size_t last = count % 10, last_two = count % 100;
    int form = count == 1 ? 0 : 2;
    if (locale == "pl" && count != 1 && last >= 2 && last <= 4 && (last_two < 12 || last_two > 14)) form = 1;
    return format_text(locale, TextId(int(one) + form), {std::to_string(count)});
}

}  // namespace canvass
