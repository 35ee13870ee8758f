// SurveyJS's built-in texts in English and Polish (data written from survey-core 3.1.1's
// english and polish localization tables), and LocalizedString lookup.
#include "core/survey/strings.h"

#include <utility>

#include "core/survey/model.h"

namespace canvass::survey {

namespace {

struct Entry {
    std::string_view key, en, pl;
};

// Only the keys the engine and the UI use.
constexpr Entry kStrings[] = {
    {"pagePrevText", "Previous", "Wstecz"},
    {"pageNextText", "Next", "Dalej"},
    {"completeText", "Complete", "Gotowe"},
    {"startSurveyText", "Start", "Start"},
    {"otherItemText", "Other (describe)", "Inna odpowiedź (wpisz)"},
    {"noneItemText", "None", "Brak"},
    {"progressText", "Page {0} of {1}", "Strona {0} z {1}"},
    {"emptySurvey", "The survey doesn't contain any visible elements.", "Nie ma widocznych pytań."},
    {"completingSurvey", "Thank you for completing the survey", "Dziękujemy za wypełnienie ankiety!"},
    {"placeholder", "Select...", "Wybierz..."},
    {"ratingOptionsCaption", "Select...", "Kliknij tutaj, aby ocenić..."},
    {"value", "value", "Wartość"},
    {"requiredError", "Response required.", "Proszę odpowiedzieć na to pytanie."},
    {"requiredErrorInPanel", "Response required: answer at least one question.", "Proszę odpowiedzieć na co najmniej jedno pytanie."},
    {"requiredInAllRowsError", "Response required: answer questions in all rows.", "Proszę odpowiedzieć na wszystkie pytania."},
    {"numericError", "The value should be numeric.", "W tym polu można wpisać tylko liczby."},
    {"minError", "The value should not be less than {0}", "Wartość nie powinna być mniejsza niż {0}"},
    {"maxError", "The value should not be greater than {0}", "Wartość nie powinna być większa niż {0}"},
    {"textNoDigitsAllow", "Numbers are not allowed.", "Liczby są niedozwolone."},
    {"textMinLength", "Please enter at least {0} character(s).", "Proszę wpisać co najmniej {0} znaków."},
    {"textMaxLength", "Please enter no more than {0} character(s).", "Proszę wpisać mniej niż {0} znaków."},
    {"textMinMaxLength", "Please enter at least {0} and no more than {1} characters.", "Proszę wpisać więcej niż {0} i mniej niż {1} znaków."},
    {"minSelectError", "Please select at least {0} option(s).", "Proszę wybrać co najmniej {0} pozycji."},
    {"maxSelectError", "Please select no more than {0} option(s).", "Proszę wybrać nie więcej niż {0} pozycji."},
    {"numericMinMax", "The '{0}' should be at least {1} and at most {2}", "Odpowiedź '{0}' powinna być większa lub równa {1} oraz mniejsza lub równa {2}"},
    {"numericMin", "The '{0}' should be at least {1}", "Odpowiedź '{0}' powinna być większa lub równa {1}"},
    {"numericMax", "The '{0}' should be at most {1}", "Odpowiedź '{0}' powinna być mniejsza lub równa {1}"},
    {"invalidEmail", "Please enter a valid e-mail address.", "Proszę podać prawidłowy adres email."},
    {"invalidExpression", "The expression: {0} should return 'true'.", "Wyrażenie: {0} powinno wracać 'prawdziwe'."},
    {"otherRequiredError", "Response required: enter another value.", "Proszę podać inną odpowiedź."},
    // Not in survey-core (its RegexValidator shows an empty message): Canvass's own wording.
    {"regexError", "The answer is not in the expected format.", "Odpowiedź nie ma oczekiwanego formatu."},
    {"booleanCheckedLabel", "Yes", "Tak"},
    {"booleanUncheckedLabel", "No", "Nie"},
};

bool is_polish(std::string_view locale) {
    return locale == "pl" || locale.rfind("pl-", 0) == 0 || locale.rfind("pl_", 0) == 0;
}

}  // namespace

std::string ui_string(std::string_view key, std::string_view locale) {
    for (const Entry& e : kStrings) {
        if (e.key == key) return std::string(is_polish(locale) ? e.pl : e.en);
    }
    return {};
}

std::string format_string(std::string_view pattern, const std::vector<std::string>& args) {
    std::string out(pattern);
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string token = "{" + std::to_string(i) + "}";
        std::size_t at = 0;
        while ((at = out.find(token, at)) != std::string::npos) {
            out.replace(at, token.size(), args[i]);
            at += args[i].size();
        }
    }
    return out;
}

std::string LocalizedString::get(std::string_view locale) const {
    auto value = [&](std::string_view loc) -> std::string {
        const auto it = by_locale.find(std::string(loc));
        return it == by_locale.end() ? std::string() : it->second;
    };
    const std::string loc = locale.empty() ? std::string("default") : std::string(locale);
    std::string res = value(loc);
    if (res.empty() && loc == "default") res = value("en");
    if (res.empty()) {
        const std::size_t dash = loc.find('-');
        if (dash != std::string::npos) res = value(loc.substr(0, dash));
    }
    if (res.empty() && loc != "default") res = value("default");
    return res;
}

}  // namespace canvass::survey
