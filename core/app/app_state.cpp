// Applying intents to the app state: settings, loading, the respondent's path through the
// survey (respondent_flow.h decides where each step goes), drafts and submitting.
//
// Sections:
//   1. Helpers: evaluation, drafts, a fresh response
//   2. The intents, one operator() each
//   3. apply_intent and screen ids
#include "core/app/app_state.h"

#include <algorithm>

#include "core/app/dashboard.h"
#include "core/app/respondent_flow.h"
#include "core/app/staff_area.h"
#include "core/app/ui_text.h"
#include "core/util/time.h"
#include "core/util/uuid.h"

namespace canvass {
namespace {

using nlohmann::json;

// --- 1. Helpers: evaluation, drafts, a fresh response ----------------------------------------

// Re-evaluates the answers and keeps the data as survey-core holds it after the change (unknown
// choices dropped, expression questions computed), so the stored answers never drift from what
// the screens show.
void evaluate(AppState& state, std::int64_t now_ms) {
    auto evaluation = std::make_shared<survey::EvalState>(
        survey::evaluate_survey(state.survey->model, state.answers, now_ms, state.locale));
    state.answers = evaluation->values;
    state.evaluation = std::move(evaluation);
}

Draft draft_of(const AppState& state, std::int64_t now_ms) {
    Draft d;
    d.id = state.response_id;
    d.survey_id = state.survey->model.id;
    d.survey_version = state.survey->model.version;
    d.locale = state.locale;
    d.channel = state.channel;
    d.started_at = state.started_at;
    d.updated_at_ms = now_ms;
    d.data_json = state.answers.dump();
    d.position_json = flow::position_to_json(*state.survey, state.position);
    return d;
}

// Forgets the response in progress: nothing of it stays in memory.
void clear_response(AppState& state) {
    state.response_id.clear();
    state.started_at.clear();
    state.answers = json::object();
    state.evaluation.reset();
    state.position = {};
    state.show_errors = false;
    state.returning_to_check = false;
    state.submit_error.clear();
}

// A kiosk's next respondent starts from nothing: no answers, no reference, and the display
// settings back to the defaults (the last person's language is not the next one's).
void reset_for_next_respondent(AppState& state) {
    clear_response(state);
    state.reference.clear();
    state.submitted_id.clear();
    state.offered_draft.reset();
    state.locale = "en";
    state.text_size_percent = kMinTextSizePercent;
    state.high_contrast = false;
    state.kiosk->still_there_since_ms.reset();
    staff_area::lock(state);
    if (state.survey && state.screen != Screen::Unavailable && state.screen != Screen::Closed) state.screen = Screen::Welcome;
}

// The screens on which a kiosk respondent is part-way through (the idle timeout runs there).
bool mid_response(const AppState& state) {
    return state.evaluation && (state.screen == Screen::Question || state.screen == Screen::CheckAnswers ||
                                state.screen == Screen::Welcome);
}

std::string error_announcement(const AppState& state, std::size_t count) {
    const std::string_view locale = state.locale;
    return std::string(ui_text(locale, TextId::ErrorSummaryTitle)) + ": " +
           format_count(locale, TextId::ErrorsOne, count);
}

// --- 2. The intents ------------------------------------------------------------------------------

struct Applier {
    AppState state;
    const IntentContext& context;
    Effects effects;

    Result<Transition> done() { return Transition{std::move(state), std::move(effects)}; }

    Result<Transition> refuse(std::string_view what) const {
        return make_error(std::string(what) + " is not possible on the " + screen_id(state.screen) + " screen");
    }

    bool answering() const { return state.screen == Screen::Question && state.evaluation; }

    void go_to(Position p) {
        state.position = p;
        state.show_errors = false;
        state.screen = Screen::Question;
    }

    void save_draft() { effects.save_draft = draft_of(state, context.now_ms); }

    Result<Transition> operator()(const intent::SetLocale& set) {
        if (!is_supported_locale(set.locale)) {
            return make_error("unknown language '" + set.locale + "'; choose one of: en, pl");
        }
        state.locale = set.locale;
        if (state.evaluation) evaluate(state, context.now_ms);  // {locale} may appear in conditions
        return done();
    }

    Result<Transition> operator()(const intent::ChangeTextSize& change) {
        state.text_size_percent = std::clamp(state.text_size_percent + change.steps * kTextSizeStepPercent,
                                             kMinTextSizePercent, kMaxTextSizePercent);
        return done();
    }

    Result<Transition> operator()(const intent::SetHighContrast& set) {
        state.high_contrast = set.on;
        return done();
    }

    Result<Transition> operator()(const intent::SurveyLoaded& loaded) {
        clear_response(state);
        state.survey = loaded.survey;
        state.offered_draft.reset();
        if (!loaded.survey || !loaded.failure.empty()) {
            state.screen = Screen::Unavailable;
            state.unavailable_message = loaded.failure;
            return done();
        }
        if (loaded.closed) {
            state.screen = Screen::Closed;
            staff_area::ask_for_pin_if_none(state);
            return done();
        }
        state.screen = Screen::Welcome;
        if (loaded.draft && state.kiosk) {
            // A kiosk never offers one respondent's answers to the next (a reload mid-survey).
            effects.discard_draft = true;
            effects.discarded_partial_id = loaded.draft->id;
        } else if (loaded.draft) {
            const bool same_survey = loaded.draft->survey_id == loaded.survey->model.id &&
                                     loaded.draft->survey_version == loaded.survey->model.version;
            if (same_survey) {
                state.offered_draft = loaded.draft;
                state.screen = Screen::Resume;
            } else {
                effects.discard_draft = true;  // answers to another version of the questions cannot be resumed
            }
        }
        staff_area::ask_for_pin_if_none(state);
        return done();
    }

    Result<Transition> operator()(const intent::Start&) {
        if (state.screen != Screen::Welcome && state.screen != Screen::Resume) return refuse("Start");
        state.results_problem.clear();
        if (state.screen == Screen::Welcome && state.evaluation) {
            // Back from the first question: carry on with the same answers.
            if (const auto first = flow::first_position(*state.survey, *state.evaluation)) go_to(*first);
            return done();
        }
        clear_response(state);
        state.offered_draft.reset();
        state.response_id = Uuid::from_random(context.random).to_string();
        state.started_at = format_iso8601(TimePoint{context.now_ms});
        state.answers = flow::initial_answers(state.survey->model);
        evaluate(state, context.now_ms);
        const auto first = flow::first_position(*state.survey, *state.evaluation);
        if (!first) {
            state.screen = Screen::CheckAnswers;
            return done();
        }
        go_to(*first);
        save_draft();
        return done();
    }

    Result<Transition> operator()(const intent::ResumeDraft&) {
        if (state.screen != Screen::Resume || !state.offered_draft) return refuse("Resuming");
        const Draft draft = *state.offered_draft;
        state.offered_draft.reset();
        clear_response(state);
        state.response_id = draft.id;
        state.started_at = draft.started_at;
        if (is_supported_locale(draft.locale)) state.locale = draft.locale;
        json answers = json::parse(draft.data_json, nullptr, false);
        state.answers = answers.is_object() ? std::move(answers) : json::object();
        evaluate(state, context.now_ms);
        auto at = flow::position_from_json(*state.survey, draft.position_json);
        const auto all = flow::positions(*state.survey, *state.evaluation);
        if (!at || std::find(all.begin(), all.end(), *at) == all.end()) at = flow::first_position(*state.survey, *state.evaluation);
        if (!at) {
            state.screen = Screen::CheckAnswers;
            return done();
        }
        go_to(*at);
        return done();
    }

    Result<Transition> operator()(const intent::StartAgain&) {
        if (state.screen == Screen::Submitting) return refuse("Start again");
        if (state.kiosk && state.kiosk->staff.entering) {
            // Staff abandoning a paper or phone entry: not a respondent's partial, nothing to count.
            clear_response(state);
            effects.discard_draft = true;
            staff_area::return_from_entry(state, effects);
            return done();
        }
        if (state.kiosk) {
            if (state.evaluation) effects.discarded_partial_id = state.response_id;
            effects.discard_draft = true;
            reset_for_next_respondent(state);
            effects.announce = ui_text(state.locale, TextId::AnswersCleared);
            return done();
        }
        clear_response(state);
        state.reference.clear();
        state.submitted_id.clear();
        state.offered_draft.reset();
        effects.discard_draft = true;
        effects.announce = ui_text(state.locale, TextId::AnswersCleared);
        if (state.survey && state.screen != Screen::Unavailable && state.screen != Screen::Closed) {
            state.screen = Screen::Welcome;
        }
        return done();
    }

    Result<Transition> operator()(const intent::Answer& answer) {
        if (!answering()) return refuse("Answering");
        const survey::Survey& model = state.survey->model;
        const int q = model.find_question(answer.name);
        if (q < 0) return make_error("there is no question '" + answer.name + "' in this survey");
        const survey::Element& el = model.elements[q];
        if (!state.evaluation->shown[q] || state.evaluation->read_only[q]) {
            return make_error("question '" + el.name + "' cannot be answered now");
        }
        if (answer.value.is_null()) state.answers.erase(el.name);
        else state.answers[el.name] = answer.value;
        // Unticking "Other" drops its text, as SurveyJS does.
        const bool other_chosen = answer.value.is_array()
            ? std::any_of(answer.value.begin(), answer.value.end(), [](const json& v) { return v == "other"; })
            : answer.value == "other";
        if (el.show_other && !other_chosen) state.answers.erase(el.name + "-Comment");
        evaluate(state, context.now_ms);
        save_draft();
        return done();
    }

    Result<Transition> operator()(const intent::SetComment& comment) {
        if (!answering()) return refuse("Answering");
        const int q = state.survey->model.find_question(comment.name);
        if (q < 0) return make_error("there is no question '" + comment.name + "' in this survey");
        const std::string key = state.survey->model.elements[q].name + "-Comment";
        if (comment.text.empty()) state.answers.erase(key);
        else state.answers[key] = comment.text;
        evaluate(state, context.now_ms);
        save_draft();
        return done();
    }

    Result<Transition> operator()(const intent::Next&) {
        if (!answering()) return refuse("Continue");
        const ActiveSurvey& active = *state.survey;
        const survey::EvalState& evaluation = *state.evaluation;
        if (!flow::screen_is_valid(active, evaluation, state.position)) {
            state.show_errors = true;
            const auto content = flow::screen_content(active, evaluation, state.position, state.locale, true);
            std::size_t errors = content.page_error.empty() ? 0 : 1;
            for (const auto& view : content.elements) errors += view.errors.empty() ? 0 : 1;
            effects.announce = error_announcement(state, errors);
            return done();
        }
        const auto next = flow::next_position(active, evaluation, state.position);
        const bool complete = !flow::first_invalid_position(active, evaluation);
        if (!next || (state.returning_to_check && complete)) {
            if (const auto invalid = flow::first_invalid_position(active, evaluation)) {
                go_to(*invalid);
                state.show_errors = true;
                effects.announce = error_announcement(state, 1);
            } else {
                state.screen = Screen::CheckAnswers;
                state.returning_to_check = false;
            }
            save_draft();
            return done();
        }
        go_to(*next);
        save_draft();
        return done();
    }

    Result<Transition> operator()(const intent::Back&) {
        if (state.screen == Screen::Dashboard) return settle(dashboard::back(state, effects));
        if (state.screen == Screen::CheckAnswers) {
            const auto all = flow::positions(*state.survey, *state.evaluation);
            if (all.empty()) {
                state.screen = Screen::Welcome;
                return done();
            }
            go_to(all.back());
            save_draft();
            return done();
        }
        if (!answering()) return refuse("Back");
        if (const auto previous = flow::previous_position(*state.survey, *state.evaluation, state.position)) {
            go_to(*previous);
            save_draft();
        } else {
            state.screen = Screen::Welcome;  // the answers stay: Start carries on with them
            state.show_errors = false;
        }
        return done();
    }

    Result<Transition> operator()(const intent::ChangeAnswer& change) {
        if (state.screen != Screen::CheckAnswers || !state.evaluation) return refuse("Change");
        const auto at = flow::position_of(*state.survey, *state.evaluation, change.name);
        if (!at) return make_error("question '" + change.name + "' is not shown, so it cannot be changed");
        go_to(*at);
        state.returning_to_check = true;
        save_draft();
        return done();
    }

    Result<Transition> operator()(const intent::Submit&) {
        if (state.screen != Screen::CheckAnswers || !state.evaluation) return refuse("Submit");
        const ActiveSurvey& active = *state.survey;
        if (const auto invalid = flow::first_invalid_position(active, *state.evaluation)) {
            go_to(*invalid);
            state.show_errors = true;
            effects.announce = error_announcement(state, 1);
            return done();
        }
        StoredResponse response;
        response.id = state.response_id;
        response.survey_id = active.model.id;
        response.survey_version = active.model.version;
        response.locale = state.locale;
        response.segment = flow::segment_of(active, *state.evaluation);
        response.channel = state.channel;
        response.started_at = state.started_at;
        response.submitted_at = format_iso8601(TimePoint{context.now_ms});
        response.data_json = flow::submitted_data(active, *state.evaluation).dump();
        effects.submit = std::move(response);
        state.submit_error.clear();
        state.screen = Screen::Submitting;
        state.delivery = Delivery::NoCollector;  // until it is confirmed (or sent first: below)
        effects.announce = ui_text(state.locale, TextId::Submitting);
        return done();
    }

    Result<Transition> operator()(const intent::SubmitFinished& finished) {
        if (state.screen != Screen::Submitting) return refuse("Finishing a submit");
        if (!finished.ok) {
            state.screen = Screen::CheckAnswers;
            state.submit_error = finished.error;
            effects.announce = std::string(ui_text(state.locale, TextId::SubmitFailed));
            return done();
        }
        const auto uuid = Uuid::parse(state.response_id);
        state.reference = uuid ? uuid->short_reference() : state.response_id;
        state.submitted_id = state.response_id;
        if (state.survey && !state.survey->collector.empty() && state.delivery == Delivery::NoCollector) state.delivery = Delivery::Sending;
        clear_response(state);  // the next person at this computer must not see these answers
        state.screen = Screen::Confirmation;
        if (state.kiosk) state.kiosk->confirmed_at_ms = context.now_ms;
        effects.announce = std::string(ui_text(state.locale, TextId::ConfirmationHeading));
        return done();
    }

    Result<Transition> operator()(const intent::OutboxProgress& progress) {
        // Only the response being confirmed, whose answer may even come before the store says it
        // is durable; older queued ones are the staff's figures.
        const bool confirming = state.screen == Screen::Submitting && progress.id == state.response_id;
        const bool confirmed = !state.submitted_id.empty() && progress.id == state.submitted_id && state.delivery != Delivery::NoCollector;
        if (!confirming && !confirmed) return done();
        // Someone told "not sent yet" hears when it goes.
        if (progress.delivery == Delivery::Sent && state.delivery == Delivery::WaitingForNetwork &&
            state.screen == Screen::Confirmation && !state.kiosk) {
            effects.announce = std::string(ui_text(state.locale, TextId::AnswersSent));
        }
        state.delivery = progress.delivery;
        return done();
    }

    Result<Transition> operator()(const intent::SetKiosk& set) {
        if (set.settings) {
            if (set.settings->thanks_ms <= 0 || set.settings->idle_ms <= 0 || set.settings->countdown_ms <= 0) {
                return make_error("kiosk timings must be more than zero");
            }
            state.kiosk = KioskMode{*set.settings, context.now_ms, {}, 0, context.now_ms};
            state.channel = "kiosk";
        } else {
            state.kiosk.reset();
            state.channel = "online";
            if (state.screen == Screen::StaffPin || state.screen == Screen::Staff || state.screen == Screen::Dashboard) {
                state.screen = Screen::Welcome;
                state.dashboard.reset();
            }
        }
        return done();
    }

    // A kiosk's timeouts, all measured on the clock the host passes in.
    Result<Transition> operator()(const intent::Tick&) {
        if (!state.kiosk) return done();
        KioskMode& kiosk = *state.kiosk;
        const std::int64_t now = context.now_ms;
        if (state.screen == Screen::Confirmation && now >= kiosk.confirmed_at_ms + kiosk.settings.thanks_ms) {
            if (kiosk.staff.entering) staff_area::return_from_entry(state, effects);
            else reset_for_next_respondent(state);
            return done();
        }
        if (staff_area::on_staff_screen(state)) {
            // Staff who walk away leave nothing open: after the idle time the PIN is needed again.
            // A kiosk with no PIN yet waits on the PIN screen: it cannot run without one.
            if (kiosk.staff.pin && now >= kiosk.last_input_ms + kiosk.settings.idle_ms) {
                state.screen = kiosk.staff.closes_to;
                staff_area::lock(state);
            }
            return done();
        }
        if (!mid_response(state)) {
            kiosk.still_there_since_ms.reset();
            return done();
        }
        if (!kiosk.still_there_since_ms) {
            if (now >= kiosk.last_input_ms + kiosk.settings.idle_ms) {
                kiosk.still_there_since_ms = now;
                effects.announce = ui_text(state.locale, TextId::StillThereHeading);
            }
            return done();
        }
        if (now >= *kiosk.still_there_since_ms + kiosk.settings.countdown_ms) {
            effects.discard_draft = true;
            if (!kiosk.staff.entering) effects.discarded_partial_id = state.response_id;  // staff's own entry is not a respondent's
            reset_for_next_respondent(state);
        }
        return done();
    }

    Result<Transition> operator()(const intent::StillHere&) {
        if (!state.kiosk || !state.kiosk->still_there_since_ms) return refuse("\"Still here\"");
        return done();  // apply_intent notes the input, which closes the prompt
    }

    Result<Transition> operator()(const intent::StaffRecordsLoaded& loaded) {
        if (!state.kiosk) return make_error("staff records are only for a kiosk");
        staff_area::records_loaded(state, loaded);
        return done();
    }

    Result<Transition> operator()(const intent::OpenStaff&) { return settle(staff_area::open(state)); }

    Result<Transition> operator()(const intent::PinKey& key) {
        return settle(staff_area::press_key(state, effects, context, key.key));
    }

    Result<Transition> operator()(const intent::Staff& staff) {
        Result<bool> starts = staff_area::command(state, effects, staff.command);
        if (!starts) return starts.error();
        if (*starts) return (*this)(intent::Start{});  // a paper or phone response begins like any other
        return done();
    }

    Result<Transition> operator()(const intent::StaffReport& report) { return settle(staff_area::report(state, report)); }

    Result<Transition> operator()(const intent::ChooseResultsFile&) { return settle(dashboard::choose_file(state, effects)); }
    Result<Transition> operator()(const intent::OpenDashboard& open) { return settle(dashboard::open(state, open, context)); }
    Result<Transition> operator()(const intent::DashboardFilter& filter) { return settle(dashboard::filter(state, filter)); }
    Result<Transition> operator()(const intent::DashboardShowQuestion& show) { return settle(dashboard::show_question(state, show)); }
    Result<Transition> operator()(const intent::DashboardShowCrosstab& show) { return settle(dashboard::show_crosstab(state, show)); }
    Result<Transition> operator()(const intent::DashboardDownloadReport&) { return settle(dashboard::download_report(state, effects)); }
    Result<Transition> operator()(const intent::ResultsLoading& loading) { return settle(staff_area::results_loading(state, loading)); }

    Result<Transition> settle(const Status& status) {
        if (!status) return status.error();
        return done();
    }
};

// The respondent's own input (not the host's reports, not time passing) restarts a kiosk's idle
// time and closes its "Are you still there?" prompt. Results being counted for the staff count as
// input too: a large import can outlast the idle time, and staff watching its progress bar have
// not walked away (once it ends, the idle time runs as usual).
bool is_respondent_input(const Intent& intent) {
    return !std::holds_alternative<intent::Tick>(intent) && !std::holds_alternative<intent::SurveyLoaded>(intent) &&
           !std::holds_alternative<intent::SubmitFinished>(intent) && !std::holds_alternative<intent::SetKiosk>(intent) &&
           !std::holds_alternative<intent::StaffRecordsLoaded>(intent) && !std::holds_alternative<intent::StaffReport>(intent) &&
           !std::holds_alternative<intent::OutboxProgress>(intent);
}

}  // namespace

// --- 3. apply_intent and screen ids --------------------------------------------------------------

Result<Transition> apply_intent(const AppState& state, const Intent& intent, const IntentContext& context) {
    Result<Transition> next = std::visit(Applier{state, context, {}}, intent);
    if (next && next->state.kiosk) next->state.kiosk->clock_ms = context.now_ms;
    if (next && next->state.kiosk && is_respondent_input(intent)) {
        next->state.kiosk->last_input_ms = context.now_ms;
        next->state.kiosk->still_there_since_ms.reset();
    }
    return next;
}

std::optional<std::int64_t> kiosk_next_tick_ms(const AppState& state) {
    if (!state.kiosk) return std::nullopt;
    const KioskMode& kiosk = *state.kiosk;
    // Each second of a countdown (so it shows counting), and its end.
    const auto each_second = [&](std::int64_t since, std::int64_t end) {
        return std::min(end, std::max(kiosk.clock_ms, since) + 1000);
    };
    if (state.screen == Screen::Confirmation) return each_second(kiosk.confirmed_at_ms, kiosk.confirmed_at_ms + kiosk.settings.thanks_ms);
    if (staff_area::on_staff_screen(state)) {
        if (!kiosk.staff.pin) return std::nullopt;
        return kiosk.last_input_ms + kiosk.settings.idle_ms;
    }
    if (!mid_response(state)) return std::nullopt;
    if (!kiosk.still_there_since_ms) return kiosk.last_input_ms + kiosk.settings.idle_ms;
    return each_second(*kiosk.still_there_since_ms, *kiosk.still_there_since_ms + kiosk.settings.countdown_ms);
}

bool outbox_may_send(const AppState& state) {
    // Nobody sends while a submit is on its way to the device's own store: only a response
    // confirmed on screen should reach the collector (a crash before the store confirms would
    // leave one there that the person never saw saved, and may give again).
    if (state.screen == Screen::Submitting) return false;
    if (!state.kiosk) return true;
    switch (state.screen) {
        case Screen::Welcome: return !mid_response(state);
        case Screen::Confirmation:
        case Screen::StaffPin:
        case Screen::Staff:
        case Screen::Dashboard:
        case Screen::Closed:
        case Screen::Unavailable: return true;
        case Screen::Loading:
        case Screen::Resume:
        case Screen::Question:
        case Screen::CheckAnswers:
        case Screen::Submitting: return false;
    }
    return false;
}

const char* screen_id(Screen screen) {
    switch (screen) {
        case Screen::Loading: return "loading";
        case Screen::Unavailable: return "unavailable";
        case Screen::Closed: return "closed";
        case Screen::Welcome: return "welcome";
        case Screen::Resume: return "resume";
        case Screen::Question: return "question";
        case Screen::CheckAnswers: return "check-answers";
        case Screen::Submitting: return "submitting";
        case Screen::Confirmation: return "confirmation";
        case Screen::StaffPin: return "staff-pin";
        case Screen::Staff: return "staff";
        case Screen::Dashboard: return "dashboard";
    }
    return "unknown";
}

}  // namespace canvass
