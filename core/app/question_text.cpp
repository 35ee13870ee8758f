// English and Polish words around questions. Plain English, short sentences (GOV.UK style).
#include "core/app/question_text.h"

#include "core/survey/answer_edit.h"

namespace canvass {
namespace {

struct Entry {
    QuestionText id;
    std::string_view en;
    std::string_view pl;
};

constexpr Entry kEntries[] = {
    {QuestionText::Required, "(required)", "(wymagane)"},
    {QuestionText::ChooseUpTo, "Choose up to {0}.", "Wybierz maksymalnie {0}."},
    {QuestionText::ChooseAtLeast, "Choose at least {0}.", "Wybierz co najmniej {0}."},
    {QuestionText::ChooseBetween, "Choose between {0} and {1}.", "Wybierz od {0} do {1}."},
    {QuestionText::LimitReached, "You have chosen {0}, the most you can. To choose another, untick one first.",
     "Wybrano {0} – to maksimum. Aby wybrać inną odpowiedź, najpierw odznacz jedną."},
    {QuestionText::OtherSpecify, "Please tell us", "Napisz, co to jest"},
    {QuestionText::CharactersLeft, "You have {0} characters remaining", "Pozostało znaków: {0}"},
    {QuestionText::CharactersLeftOne, "You have 1 character remaining", "Pozostał 1 znak"},
    {QuestionText::CharactersOver, "You have {0} characters too many", "Za dużo znaków: {0}"},
    {QuestionText::CharactersOverOne, "You have 1 character too many", "Jeden znak za dużo"},
    {QuestionText::SearchLabel, "Type to search the list", "Wpisz, aby przeszukać listę"},
    {QuestionText::NoMatches, "No answers match. Try fewer letters.", "Brak pasujących odpowiedzi. Wpisz mniej liter."},
    {QuestionText::ListOpenHint, "List open: {0} answers. Use the arrow keys, then Enter to choose.",
     "Lista otwarta: {0} odpowiedzi. Użyj strzałek, a potem Enter, aby wybrać."},
    {QuestionText::RankingHint, "Drag the answers into order, or use the Move up and Move down buttons.",
     "Przeciągnij odpowiedzi w wybranej kolejności lub użyj przycisków W górę i W dół."},
    {QuestionText::MoveUp, "Move up", "W górę"},
    {QuestionText::MoveDown, "Move down", "W dół"},
    {QuestionText::MovedTo, "{0}: position {1} of {2}", "{0}: pozycja {1} z {2}"},
    {QuestionText::NoValue, "Not worked out yet", "Jeszcze nie obliczono"},
    {QuestionText::Or, "or", "lub"},
    {QuestionText::ChooseAnswer, "Choose an answer", "Wybierz odpowiedź"},
    {QuestionText::ErrorPrefix, "Error", "Błąd"},
};

void replace_all(std::string& text, std::string_view token, std::string_view value) {
    for (std::size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size())) {
        text.replace(at, token.size(), value);
    }
}

}  // namespace

std::string question_text(std::string_view locale, QuestionText id, std::string_view arg0, std::string_view arg1,
                          std::string_view arg2) {
    for (const Entry& entry : kEntries) {
        if (entry.id != id) continue;
        std::string text(locale == "pl" ? entry.pl : entry.en);
        replace_all(text, "{0}", arg0);
        replace_all(text, "{1}", arg1);
        replace_all(text, "{2}", arg2);
        return text;
    }
    return {};
}

}  // namespace canvass

namespace canvass {

std::string choice_limit_hint(std::string_view locale, const survey::ElementView& q) {
    if (q.type != survey::ElementType::Checkbox) return {};
    const int min = q.min_selected_choices, max = q.max_selected_choices;
    if (max > 0 && survey::at_selection_limit(q)) return question_text(locale, QuestionText::LimitReached, std::to_string(max));
    if (min > 0 && max > 0) return question_text(locale, QuestionText::ChooseBetween, std::to_string(min), std::to_string(max));
    if (max > 0) return question_text(locale, QuestionText::ChooseUpTo, std::to_string(max));
    if (min > 0) return question_text(locale, QuestionText::ChooseAtLeast, std::to_string(min));
    return {};
}

}  // namespace canvass
