// Building the view-model for each screen from the app state.
//
// Sections:
//   1. Controls every screen shares (language, text size, contrast, start again)
//   2. One builder per screen
//   3. build_view and the JSON form
#include "core/app/view_model.h"

#include "core/app/dashboard.h"
#include "core/app/question_text.h"
#include "core/app/respondent_flow.h"
#include "core/app/staff_view.h"
#include "core/app/ui_text.h"
#include "core/survey/values.h"
#include "core/text/html_subset.h"

namespace canvass {
namespace {

using nlohmann::json;

// --- 1. Controls every screen shares -------------------------------------------------------------

void add_settings(ViewModel& view, const AppState& state) {
    const std::string_view locale = state.locale;
    view.language_label = ui_text(locale, TextId::LanguageLabel);
    view.text_size_label = ui_text(locale, TextId::TextSizeLabel);
    for (const LocaleInfo& info : supported_locales()) {
        view.controls.push_back({"language_" + std::string(info.code), std::string(info.endonym), ControlKind::Toggle,
                                 true, info.code == locale, "language", std::string(info.code)});
    }
    view.controls.push_back({"text_smaller", std::string(ui_text(locale, TextId::TextSmaller)), ControlKind::Button,
                             state.text_size_percent > kMinTextSizePercent, false, "text_size", "smaller"});
    view.controls.push_back({"text_larger", std::string(ui_text(locale, TextId::TextLarger)), ControlKind::Button,
                             state.text_size_percent < kMaxTextSizePercent, false, "text_size", "larger"});
    view.controls.push_back({"high_contrast", std::string(ui_text(locale, TextId::HighContrast)), ControlKind::Toggle,
                             true, state.high_contrast, "contrast", state.high_contrast ? "off" : "on"});
}

void add_button(ViewModel& view, const AppState& state, const char* id, TextId label, const char* group = "navigation") {
    view.controls.push_back({id, std::string(ui_text(state.locale, label)), ControlKind::Button, true, false, group, id});
}

// "Open a results file" for council staff and the Board (not on a kiosk), and why the last file
// could not be opened, as an error summary.
void add_results_file(ViewModel& view, const AppState& state) {
    if (!dashboard::can_open_file(state)) return;
    view.results_hint = ui_text(state.locale, TextId::ResultsFileHint);
    add_button(view, state, "open_results_file", TextId::OpenResultsFile, "results");
    if (state.results_problem.empty()) return;
    view.error_title = ui_text(state.locale, TextId::ErrorSummaryTitle);
    view.errors.push_back({"", state.results_problem});
    view.focus = "error-summary";
}

std::string survey_text(const AppState& state, const survey::LocalizedString& text) {
    return text.get(survey::effective_locale(state.survey->model, state.locale));
}

// --- 2. One builder per screen ----------------------------------------------------------------------

void build_welcome(ViewModel& view, const AppState& state) {
    const ActiveSurvey& active = *state.survey;
    view.heading = survey_text(state, active.title.empty() ? active.model.title : active.title);
    const std::string purpose = survey_text(state, active.purpose.empty() ? active.model.description : active.purpose);
    if (!purpose.empty()) view.paragraphs.push_back(purpose);
    if (active.minutes > 0) view.paragraphs.push_back(format_text(state.locale, TextId::MinutesEstimate, {std::to_string(active.minutes)}));
    // The survey's own start page (firstPageIsStartPage) is shown here, not as a question.
    if (active.model.first_page_is_start_page && !active.model.pages.empty()) {
        const survey::EvalState evaluation = state.evaluation ? *state.evaluation
                                                              : survey::evaluate_survey(active.model, state.answers, 0, state.locale);
        view.elements = survey::page_content(active.model, evaluation, 0, survey::effective_locale(active.model, state.locale), false);
    }
    view.privacy_heading = ui_text(state.locale, TextId::PrivacyHeading);
    view.privacy_summary = survey_text(state, active.privacy_summary);
    view.privacy_url = survey_text(state, active.privacy_notice);
    if (!view.privacy_url.empty()) {
        view.controls.push_back({"privacy_notice", std::string(ui_text(state.locale, TextId::PrivacyLink)), ControlKind::Link,
                                 true, false, "links", view.privacy_url});
    }
    add_button(view, state, "start", state.kiosk ? TextId::TapToStart : TextId::Start);
}

int seconds_until(std::int64_t deadline_ms, std::int64_t now_ms) {
    return static_cast<int>(std::max<std::int64_t>(0, (deadline_ms - now_ms + 999) / 1000));
}

// A kiosk's "Are you still there?": nothing of the respondent's answers shows, only the question
// and the one button (any input counts as "still here").
void build_still_there(ViewModel& view, const AppState& state) {
    const KioskMode& kiosk = *state.kiosk;
    view.screen = "still-there";
    view.heading = ui_text(state.locale, TextId::StillThereHeading);
    view.seconds_left = seconds_until(*kiosk.still_there_since_ms + kiosk.settings.countdown_ms, kiosk.clock_ms);
    view.paragraphs.push_back(format_text(state.locale, TextId::StillThereCountdown, {std::to_string(view.seconds_left)}));
    view.focus = "heading";
    add_button(view, state, "still_here", TextId::StillHere);
}

void build_resume(ViewModel& view, const AppState& state) {
    view.heading = ui_text(state.locale, TextId::ResumeHeading);
    view.paragraphs.push_back(std::string(ui_text(state.locale, TextId::ResumeLead)));
    add_button(view, state, "resume", TextId::ResumeContinue);
    add_button(view, state, "start_again", TextId::StartAgain);
}

void build_question(ViewModel& view, const AppState& state) {
    const ActiveSurvey& active = *state.survey;
    const survey::EvalState& evaluation = *state.evaluation;
    const std::string locale = survey::effective_locale(active.model, state.locale);
    flow::ScreenContent content = flow::screen_content(active, evaluation, state.position, locale, state.show_errors);
    if (state.position.element < 0) {
        view.heading = content.page_title;
        if (!content.page_description.empty()) view.paragraphs.push_back(content.page_description);
    }
    const flow::Progress progress = flow::progress(active, evaluation, state.position);
    if (progress.total > 0) {
        view.progress = format_text(state.locale, TextId::QuestionProgress,
                                    {std::to_string(progress.current), std::to_string(progress.total)});
    }
    if (state.show_errors) {
        if (!content.page_error.empty()) view.errors.push_back({"", content.page_error});
        for (const survey::ElementView& element : content.elements) {
            for (const std::string& message : element.errors) view.errors.push_back({element.name, message});
        }
        if (!view.errors.empty()) {
            view.error_title = ui_text(state.locale, TextId::ErrorSummaryTitle);
            view.focus = "error-summary";
        }
    }
    if (view.focus.empty()) view.focus = "heading";
    view.elements = std::move(content.elements);
    const bool last = !flow::next_position(active, evaluation, state.position);
    const bool back_to_check = state.returning_to_check && !flow::first_invalid_position(active, evaluation);
    add_button(view, state, "continue", last || back_to_check ? TextId::CheckYourAnswers : TextId::Continue);
    add_button(view, state, "back", TextId::Back);
    add_button(view, state, "start_again", TextId::StartAgain);
}

void build_check_answers(ViewModel& view, const AppState& state) {
    const ActiveSurvey& active = *state.survey;
    view.heading = ui_text(state.locale, TextId::CheckAnswersHeading);
    view.paragraphs.push_back(std::string(ui_text(state.locale, TextId::CheckAnswersLead)));
    if (!state.submit_error.empty()) {
        view.error_title = ui_text(state.locale, TextId::ErrorSummaryTitle);
        view.errors.push_back({"", std::string(ui_text(state.locale, TextId::SubmitFailed))});
        view.focus = "error-summary";
    } else {
        view.focus = "heading";
    }
    const std::string locale = survey::effective_locale(active.model, state.locale);
    for (flow::AnswerRow& row : flow::answer_rows(active, *state.evaluation, locale)) {
        const bool answered = !row.answer.empty();
        view.answers.push_back({row.name, std::move(row.question),
                                answered ? std::move(row.answer) : std::string(ui_text(state.locale, TextId::NotAnswered)),
                                answered});
        view.controls.push_back({"change:" + row.name, std::string(ui_text(state.locale, TextId::Change)), ControlKind::Link,
                                 true, false, "change", row.name});
    }
    add_button(view, state, "submit", TextId::Submit);
    add_button(view, state, "back", TextId::Back);
    add_button(view, state, "start_again", TextId::StartAgain);
}

void build_confirmation(ViewModel& view, const AppState& state) {
    view.heading = ui_text(state.locale, TextId::ConfirmationHeading);
    view.reference_label = ui_text(state.locale, TextId::ReferenceLabel);
    view.reference = state.reference;
    view.completed_html = survey_text(state, state.survey->model.completed_html);
    view.focus = "heading";
    if (state.kiosk) {
        const KioskMode& kiosk = *state.kiosk;
        view.seconds_left = seconds_until(kiosk.confirmed_at_ms + kiosk.settings.thanks_ms, kiosk.clock_ms);
        view.paragraphs.push_back(kiosk.staff.entering  // staff typing in a paper or phone response
                                      ? "Back to the staff screen in " + std::to_string(view.seconds_left) + " seconds."
                                      : format_text(state.locale, TextId::NextPersonCountdown, {std::to_string(view.seconds_left)}));
    } else if (state.delivery == Delivery::WaitingForNetwork) {
        // A kiosk says nothing: the next person is not waiting on it, and staff see the queue.
        view.paragraphs.push_back(std::string(ui_text(state.locale, TextId::AnswersWaitingToSend)));
    } else if (state.delivery == Delivery::Sent) {
        view.paragraphs.push_back(std::string(ui_text(state.locale, TextId::AnswersSent)));
    }
    add_button(view, state, "start_again", TextId::StartAgain);
}

// --- 3. build_view and the JSON form ---------------------------------------------------------------

std::string document_title(const ViewModel& view) {
    const std::string app = "Canvass";
    const std::string& first = !view.progress.empty() ? view.progress : view.heading;
    std::string title = first.empty() ? app : first + " \u2013 " + app;  // en dash, as GOV.UK titles
    if (!view.errors.empty()) title = view.error_title + ": " + title;
    return title;
}

json choice_list(const std::vector<survey::ChoiceView>& list) {
    json items = json::array();
    for (const survey::ChoiceView& c : list) items.push_back({{"value", c.value}, {"text", c.text}});
    return items;
}

// The survey's html as the canvas draws it (core/text/html_subset.h): blocks of runs, so the DOM
// layer can keep its headings, lists, bold and links (WCAG 1.3.1) and show nothing else.
json html_blocks_json(std::string_view html) {
    static constexpr const char* kKinds[] = {"paragraph", "heading", "bullet", "numbered"};
    json blocks = json::array();
    for (const text::HtmlBlock& block : text::parse_html_subset(html)) {
        json runs = json::array();
        for (const text::HtmlRun& run : block.runs) {
            if (run.is_address) continue;  // the canvas's " (address)" after a link: a real link needs none
            json item = {{"text", run.text}};
            if (run.bold) item["bold"] = true;
            if (run.italic) item["italic"] = true;
            if (!run.href.empty()) item["href"] = run.href;
            runs.push_back(std::move(item));
        }
        blocks.push_back({{"kind", kKinds[static_cast<int>(block.kind)]}, {"level", block.level}, {"runs", std::move(runs)}});
    }
    return blocks;
}

json element_json(const survey::ElementView& element) {
    json choices = choice_list(element.choices);
    json out = {{"name", element.name},
                {"type", std::string(survey::type_name(element.type))},
                {"title", element.title},
                {"required", element.required},
                {"value", element.value},
                {"errors", element.errors}};
    if (!element.comment.is_null()) out["comment"] = element.comment;
    if (!choices.empty()) out["choices"] = std::move(choices);
    // What the accessible DOM layer needs to build the same controls as the canvas.
    if (!element.description.empty()) out["description"] = element.description;
    if (!element.input_type.empty()) out["inputType"] = element.input_type;
    if (element.max_length >= 0) out["maxLength"] = element.max_length;
    if (!element.rate_values.empty()) out["rateValues"] = choice_list(element.rate_values);
    if (!element.label_true.empty()) out["labelTrue"] = element.label_true;
    if (!element.label_false.empty()) out["labelFalse"] = element.label_false;
    if (!element.rows.empty()) out["rows"] = choice_list(element.rows);
    if (!element.columns.empty()) out["columns"] = choice_list(element.columns);
    if (!element.html.empty()) {
        out["html"] = element.html;
        out["htmlBlocks"] = html_blocks_json(element.html);
    }
    if (element.max_selected_choices > 0) out["maxSelectedChoices"] = element.max_selected_choices;
    return out;
}

}  // namespace

ViewModel build_view(const AppState& state) {
    ViewModel view;
    view.screen = screen_id(state.screen);
    view.locale = state.locale;
    view.text_size_percent = state.text_size_percent;
    view.high_contrast = state.high_contrast;
    view.kiosk = state.kiosk.has_value();
    if (state.kiosk && state.kiosk->still_there_since_ms) {
        build_still_there(view, state);
        add_settings(view, state);
        view.document_title = document_title(view);
        return view;
    }
    switch (state.screen) {
        case Screen::Loading:
            view.heading = ui_text(state.locale, TextId::Loading);
            break;
        case Screen::Unavailable:
            view.heading = ui_text(state.locale, TextId::UnavailableHeading);
            if (!state.unavailable_message.empty()) view.paragraphs.push_back(state.unavailable_message);
            view.focus = "heading";
            add_results_file(view, state);
            break;
        case Screen::Closed:
            view.heading = ui_text(state.locale, TextId::ClosedHeading);
            if (state.survey) {
                const std::string title = survey_text(state, state.survey->title.empty() ? state.survey->model.title : state.survey->title);
                if (!title.empty()) view.paragraphs.push_back(title);
                const ActiveSurvey& active = *state.survey;
                if (active.availability_date) {
                    std::string when = format_long_date(state.locale, active.availability_date->date);
                    if (!active.availability_whole_day) when += ", " + format_clock(active.availability_date->minute_of_day);
                    view.paragraphs.push_back(format_text(state.locale, active.opens_later ? TextId::OpensOn : TextId::ClosedOn, {when}));
                }
            }
            view.focus = "heading";
            add_results_file(view, state);
            break;
        case Screen::Welcome:
            build_welcome(view, state);
            add_results_file(view, state);
            break;
        case Screen::Resume: build_resume(view, state); break;
        case Screen::Question: build_question(view, state); break;
        case Screen::CheckAnswers: build_check_answers(view, state); break;
        case Screen::Submitting:
            view.heading = ui_text(state.locale, TextId::Submitting);
            break;
        case Screen::Confirmation: build_confirmation(view, state); break;
        case Screen::StaffPin:
        case Screen::Staff:
            build_staff_view(view, state);  // staff screens: no respondent settings
            view.document_title = document_title(view);
            return view;
        case Screen::Dashboard:
            build_dashboard_screen(view, state);  // English only: text size and contrast, no languages
            view.document_title = document_title(view);
            return view;
    }
    add_settings(view, state);
    view.document_title = document_title(view);
    return view;
}

json to_json(const ViewModel& view) {
    json controls = json::array();
    for (const ControlView& control : view.controls) {
        const char* kind = control.kind == ControlKind::Toggle ? "toggle" : control.kind == ControlKind::Link ? "link" : "button";
        controls.push_back({{"id", control.id},
                            {"label", control.label},
                            {"kind", kind},
                            {"enabled", control.enabled},
                            {"selected", control.selected},
                            {"group", control.group},
                            {"value", control.value}});
    }
    json errors = json::array();
    for (const ErrorLink& e : view.errors) errors.push_back({{"target", e.target}, {"message", e.message}});
    json elements = json::array();
    for (const survey::ElementView& e : view.elements) {
        elements.push_back(element_json(e));
        // The marker the canvas adds to a required question's title, in the screen's language.
        if (e.required) elements.back()["requiredMarker"] = question_text(view.locale, QuestionText::Required);
        if (std::string hint = choice_limit_hint(view.locale, e); !hint.empty()) elements.back()["limitHint"] = hint;
    }
    json answers = json::array();
    for (const AnswerRowView& a : view.answers) {
        answers.push_back({{"name", a.name}, {"question", a.question}, {"answer", a.answer}, {"answered", a.answered}});
    }
    json out = {{"screen", view.screen},
                {"locale", view.locale},
                {"textSizePercent", view.text_size_percent},
                {"highContrast", view.high_contrast},
                {"documentTitle", view.document_title},
                {"heading", view.heading},
                {"paragraphs", view.paragraphs},
                {"progress", view.progress},
                {"errorTitle", view.error_title},
                {"errorSummary", errors},
                {"elements", elements},
                {"answers", answers},
                {"focus", view.focus},
                {"controls", controls}};
    if (!view.reference.empty()) out["reference"] = view.reference;
    if (view.kiosk) out["kiosk"] = {{"secondsLeft", view.seconds_left}};
    if (!view.staff_mode.empty()) out["staff"] = {{"mode", view.staff_mode}, {"pinDigits", view.pin_digits}};
    if (!view.loading_stage.empty()) out["loading"] = {{"stage", view.loading_stage}, {"percent", view.loading_percent}};
    if (!view.status.empty()) out["status"] = view.status;
    if (!view.completed_html.empty()) {
        out["completedHtml"] = view.completed_html;
        out["completedHtmlBlocks"] = html_blocks_json(view.completed_html);
    }
    if (!view.privacy_url.empty()) out["privacyUrl"] = view.privacy_url;
    if (!view.privacy_summary.empty()) out["privacySummary"] = view.privacy_summary;
    if (!view.results_hint.empty()) out["resultsFileHint"] = view.results_hint;
    if (view.dashboard) out["dashboard"] = dashboard_json(*view.dashboard);
    // The app's own words the DOM layer puts around questions, in the screen's language, so its
    // labels match the canvas's.
    out["words"] = {{"error", question_text(view.locale, QuestionText::ErrorPrefix)},
                    {"otherSpecify", question_text(view.locale, QuestionText::OtherSpecify)},
                    {"chooseAnswer", question_text(view.locale, QuestionText::ChooseAnswer)},
                    {"rankingHint", question_text(view.locale, QuestionText::RankingHint)},
                    {"moveUp", question_text(view.locale, QuestionText::MoveUp)},
                    {"moveDown", question_text(view.locale, QuestionText::MoveDown)}};
    return out;
}

}  // namespace canvass
