// The app's own words around survey questions (not the survey's): the required marker, hints
// for choice limits, the character count, the dropdown search and the ranking buttons, in
// every shipped language. Kept apart from ui_text.h's screen chrome so the two tables can grow
// independently; both fall back to English for an unknown locale.
#pragma once

#include <string>
#include <string_view>

#include "core/survey/runtime.h"

namespace canvass {

enum class QuestionText {
    Required,            // after a required question's title: "(required)"
    ChooseUpTo,          // "Choose up to {0}."
    ChooseAtLeast,       // "Choose at least {0}."
    ChooseBetween,       // "Choose between {0} and {1}."
    LimitReached,        // "You have chosen {0}, the most you can. To choose another, untick one first."
    OtherSpecify,        // the label of the field an "Other" choice reveals
    CharactersLeft,      // "You have {0} characters remaining"
    CharactersLeftOne,   // "You have 1 character remaining"
    CharactersOver,      // "You have {0} characters too many"
    CharactersOverOne,   // "You have 1 character too many"
    SearchLabel,         // the dropdown's search field
    NoMatches,           // the dropdown's list when the search matches nothing
    ListOpenHint,        // read out when the dropdown opens
    RankingHint,         // under a ranking question
    MoveUp,
    MoveDown,
    MovedTo,             // announced: "{0}: position {1} of {2}"
    NoValue,             // an expression with no value yet
    Or,                  // the divider before an exclusive "None" choice
    ChooseAnswer,        // the dropdown's button before anything is chosen, when the survey gives no placeholder
    ErrorPrefix,         // before an error message in the DOM layer, as GOV.UK's hidden "Error:"
};

// The text in `locale` ("en", "pl"; anything else is English), with {0}, {1} replaced.
std::string question_text(std::string_view locale, QuestionText id, std::string_view arg0 = {},
                          std::string_view arg1 = {}, std::string_view arg2 = {});

// A checkbox question's hint about how many to choose ("Choose up to 3."), or that the limit is
// reached; "" for other questions. Both the canvas and the DOM layer show it.
std::string choice_limit_hint(std::string_view locale, const survey::ElementView& question);

}  // namespace canvass
