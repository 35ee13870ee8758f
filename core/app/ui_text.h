// The app's own words (not the survey's), in every shipped language. Survey text comes from
// the survey file; this table holds the chrome around it: buttons, headings, notices.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>

#include "core/util/time.h"
#include <string_view>

namespace canvass {

enum class TextId {
    AppName,
    LanguageLabel,
    TextSizeLabel,
    TextSmaller,
    TextLarger,
    HighContrast,
    // Welcome
    MinutesEstimate,        // "It takes about {0} minutes."
    PrivacyHeading,
    PrivacyLink,
    Start,
    // Resume
    ResumeHeading,
    ResumeLead,
    ResumeContinue,
    // Questions
    QuestionProgress,       // "Question {0} of about {1}"
    Continue,
    Back,
    CheckYourAnswers,
    StartAgain,
    Optional,
    ErrorSummaryTitle,
    ErrorsOne,              // "{0} answer needs attention"
    ErrorsFew,              // Polish 2-4 form
    ErrorsMany,
    // Check answers and submit
    CheckAnswersHeading,
    CheckAnswersLead,
    NotAnswered,
    Change,
    Submit,
    Submitting,
    SubmitFailed,
    // Confirmation
    ConfirmationHeading,
    ReferenceLabel,
    AnswersCleared,
    AnswersWaitingToSend,   // the survey has a collector, and the answers are not there yet
    AnswersSent,
    // No survey here
    ClosedHeading,
    ClosedOn,               // "It closed on {0}."
    OpensOn,                // "It opens on {0}."
    UnavailableHeading,
    Loading,
    // Event kiosk (docs/kiosk.md)
    TapToStart,
    StillThereHeading,
    StillThereCountdown,    // "Your answers will be cleared in {0} seconds."
    StillHere,
    NextPersonCountdown,    // "This screen starts again for the next person in {0} seconds."
    // Results (core/app/dashboard.h): opening a Board report file
    OpenResultsFile,
    ResultsFileHint,
    ResultsFileProblem,     // "The file could not be opened as results: {0}"
};

struct LocaleInfo {
    std::string_view code;      // BCP 47: "en", "pl"
    std::string_view endonym;   // the language's name in itself, for the language picker
};

std::span<const LocaleInfo> supported_locales();
bool is_supported_locale(std::string_view code);

// Falls back to English for an unknown locale, as SurveyJS falls back to "default".
std::string_view ui_text(std::string_view locale, TextId id);

// ui_text with {0}, {1}... replaced by `args`.
std::string format_text(std::string_view locale, TextId id, std::initializer_list<std::string_view> args);

// "31 July 2026" / "31 lipca 2026".
std::string format_long_date(std::string_view locale, CivilDate date);
// "09:30" from minutes since midnight.
std::string format_clock(int minute_of_day);

// A counted phrase in the right plural form: `one` names the singular entry; the entries after
// it are the Polish 2-4 form and the general plural (English uses the singular and the plural).
std::string format_count(std::string_view locale, TextId one, std::size_t count);

}  // namespace canvass
