// The app's state and the intents that change it. The UI owns no data: it draws a view-model
// built from AppState (view_model.h) and turns clicks and keys into Intents, which
// apply_intent() turns into the next state plus the effects the host must carry out (save a
// draft, store a response). apply_intent() is pure: the time and random bytes come in through
// IntentContext, so every rule here is unit-tested natively.
//
// Sections:
//   1. Screens and settings
//   2. The survey being answered and the respondent's progress
//   3. Intents, effects and apply_intent
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/app/staff_pin.h"
#include "core/result.h"
#include "core/results/results_loader.h"
#include "core/store/response_store.h"
#include "core/survey/engine.h"
#include "core/survey/model.h"
#include "core/util/uk_time.h"

namespace canvass {

// --- 1. Screens and settings -----------------------------------------------------------------

// Whether the response just confirmed has reached the survey's collector (docs/outbox.md), so a
// resident who answered offline is told it waits on their device and when it will go.
enum class Delivery {
    NoCollector,        // the survey names no collector: the device keeps it (a kiosk's staff export it)
    Sending,            // queued, not tried yet
    WaitingForNetwork,  // tried and not there yet, or the browser is offline: kept, sent later
    Sent,
    Refused,            // the collector refused it for good: kept on the device (staff see why)
};

enum class Screen {
    Loading,       // the survey and the store are not ready yet
    Unavailable,   // no survey can be answered here: it failed to load, or storage is missing
    Closed,        // outside the survey's open dates
    Welcome,
    Resume,        // "Continue where you left off?"
    Question,
    CheckAnswers,
    Submitting,    // waiting for the response to be durable
    Confirmation,
    StaffPin,      // a kiosk's staff PIN: chosen on first start, asked for after the hidden gesture
    Staff,         // a kiosk's staff screen (docs/kiosk.md, "Staff screen")
    Dashboard,     // the results dashboard (core/app/dashboard.h): a report file, or a kiosk's own responses
};

// Text size steps the respondent can choose, on top of the browser's own zoom.
inline constexpr int kMinTextSizePercent = 100;
inline constexpr int kMaxTextSizePercent = 200;
inline constexpr int kTextSizeStepPercent = 25;

// An event kiosk (docs/kiosk.md): one respondent after another, unattended. Its welcome screen
// is the attract screen; after a submit it thanks and resets; a respondent who walks away is
// asked "Are you still there?", then their partial answers are discarded.
struct KioskSettings {
    std::int64_t thanks_ms = 10'000;     // the thank-you screen, then back to attract
    std::int64_t idle_ms = 90'000;       // no input this long mid-survey: "Are you still there?"
    std::int64_t countdown_ms = 20'000;  // then the partial answers are discarded
    bool operator==(const KioskSettings&) const = default;
};

// What the staff screen shows: read by the host from the store and the browser
// (core/app/staff_records.h), never kept anywhere else.
struct StaffStats {
    std::string device_id;            // this kiosk's own id (bundles from several kiosks merge by it)
    std::int64_t stored_today = 0;    // responses submitted since midnight, UK time
    std::int64_t stored_total = 0;    // responses on this kiosk now
    std::int64_t not_exported = 0;    // of those, not in any export yet
    std::int64_t discarded_partials = 0;
    std::int64_t storage_used_bytes = -1;   // -1: the browser did not say
    std::int64_t storage_quota_bytes = -1;
    std::string last_export_at;       // ISO-8601 UTC; "" when nothing was ever exported
    OutboxCounts outbox;              // responses queued for the collector, sent, refused (docs/outbox.md)
    std::string outbox_refused_reason;  // the latest refusal, in the collector's words
    bool operator==(const StaffStats&) const = default;
};

enum class PinStep { Choose, Confirm, Enter };

// Staff access on a kiosk. The typed digits live here only while they are typed: they are never
// in the view, a log or an export, and are cleared after every try.
struct StaffAccess {
    std::optional<PinRecord> pin;  // none yet: the first start asks the volunteer to choose one
    PinLock lock;
    PinStep step = PinStep::Enter;
    std::string typed;
    std::string first_choice;      // PinStep::Confirm: the PIN typed the first time
    std::uint32_t new_pin_iterations = kPinIterations;  // PBKDF2 rounds for a PIN chosen now (tests lower it)
    std::string message;           // what the last try or staff action found, for the staff member
    bool unlocked = false;         // the staff screen is open (until "Back to the kiosk" or idle time)
    bool entering = false;         // staff are entering a paper or phone response
    Screen closes_to = Screen::Welcome;  // where closing the staff area goes (Unavailable: storage is full)
    StaffStats stats;
    std::string checked_file;              // a re-opened export that holds every exported response...
    std::vector<std::string> deletable;    // ...so these may now be deleted from the kiosk
    // The results being counted for the dashboard ("Counting this kiosk's responses", 0 to 100).
    struct Loading {
        std::string stage;
        int percent = 0;
    };
    std::optional<Loading> loading;
    // Other kiosks' bundles imported for the results since the staff screen opened: their names.
    // Only the results use them; nothing of them is stored on this kiosk (docs/dashboard.md).
    std::vector<std::string> imported_files;
};

struct KioskMode {
    KioskSettings settings;
    std::int64_t last_input_ms = 0;                   // the respondent's last intent
    std::optional<std::int64_t> still_there_since_ms;  // the prompt is showing
    std::int64_t confirmed_at_ms = 0;                 // the thank-you screen showed then
    std::int64_t clock_ms = 0;                        // the time of the latest intent: countdowns show from it
    StaffAccess staff;
};

// --- 2. The survey being answered and the respondent's progress ------------------------------

// A survey ready to answer: the model and what the welcome screen says about it. Immutable and
// shared between states.
struct ActiveSurvey {
    survey::Survey model;         // model.id and model.version identify it (docs/formats.md)
    survey::LocalizedString title;    // from the manifest, else the survey's title
    survey::LocalizedString purpose;  // from the manifest, else the survey's description
    survey::LocalizedString privacy_summary;  // two or three plain sentences
    survey::LocalizedString privacy_notice;   // the full notice: a page in the web folder, per language
    int minutes = 0;              // how long it takes; 0 when not known
    // When it is not open: whether it opens later (else it has closed), and the UK day (and
    // time, unless whole_day) to tell people.
    bool opens_later = false;
    std::optional<UkLocalTime> availability_date;
    bool availability_whole_day = true;
    std::string segment_question = "segment";  // whose answer becomes the response's segment
    // The manifest's "collector": "" keeps responses on the device; else each submit is queued in
    // the outbox and sent there too (docs/outbox.md).
    std::string collector;
};

struct DashboardState;  // core/app/dashboard.h

// Where the respondent is: a whole page (page-per-screen) or one top-level element of a page.
struct Position {
    int page = -1;
    int element = -1;  // index into Survey::elements; -1 for the whole page
    bool operator==(const Position&) const = default;
};

struct AppState {
    Screen screen = Screen::Loading;
    std::string locale = "en";
    int text_size_percent = kMinTextSizePercent;
    bool high_contrast = false;
    std::string unavailable_message;  // Screen::Unavailable: what happened and what to do

    std::shared_ptr<const ActiveSurvey> survey;
    std::string channel = "online";
    std::optional<KioskMode> kiosk;  // set: this device is an event kiosk (channel "kiosk")

    // The response in progress. `evaluation` is evaluate_survey(answers), kept in step.
    std::string response_id;
    std::string started_at;
    nlohmann::json answers = nlohmann::json::object();
    std::shared_ptr<const survey::EvalState> evaluation;
    Position position;
    bool show_errors = false;           // Next was refused on this screen
    bool returning_to_check = false;    // came from a Change link on the check-answers page
    std::string submit_error;           // the last submit failed: shown on the check page

    // A draft found at start-up, offered on the Resume screen.
    std::optional<Draft> offered_draft;

    // After submit.
    std::string reference;     // short response id, read out to staff if needed
    std::string submitted_id;  // the full id of the response just stored
    Delivery delivery = Delivery::NoCollector;  // how sending it to the collector goes

    // The results dashboard while it shows (Screen::Dashboard), and why the last results file
    // could not be opened (shown where "Open a results file" is; "" when nothing went wrong).
    std::shared_ptr<const DashboardState> dashboard;
    std::string results_problem;
};

// --- 3. Intents, effects and apply_intent ----------------------------------------------------

namespace intent {
struct SetLocale { std::string locale; };
struct ChangeTextSize { int steps; };  // +1 larger, -1 smaller
struct SetHighContrast { bool on; };
// The host finished loading: the survey (or a message saying why there is none), whether the
// survey is open, whether storage works, and any unfinished response found for it.
struct SurveyLoaded {
    std::shared_ptr<const ActiveSurvey> survey;  // null when loading failed
    std::string failure;                         // why, when survey is null or storage fails
    bool closed = false;
    std::optional<Draft> draft;
};
struct Start {};
struct ResumeDraft {};
struct StartAgain {};  // clears my answers, from any screen
// Answer question `name` with `value` (SurveyJS data: a string, number, bool, array or
// object); a null value clears the answer.
struct Answer { std::string name; nlohmann::json value; };
// The "Other (please specify)" text of question `name` (stored as name-Comment).
struct SetComment { std::string name; std::string text; };
struct Next {};
struct Back {};
struct ChangeAnswer { std::string name; };  // a Change link on the check-answers page
struct Submit {};
// The host reports whether the submitted response became durable.
struct SubmitFinished { bool ok; std::string error; };
// The host reports how sending response `id` to the collector went (docs/outbox.md): tried and
// not there yet (offline, no answer, busy), sent, or refused. Any screen; never refused.
struct OutboxProgress { std::string id; Delivery delivery; };
// Kiosk mode on (with its timings) or off; the host sends it before SurveyLoaded.
struct SetKiosk { std::optional<KioskSettings> settings; };
// Time passed (IntentContext::now_ms): a kiosk's timeouts. Not the respondent's input.
struct Tick {};
// "Yes, I'm still here" on a kiosk's prompt.
struct StillHere {};
// The host read the kiosk's stored PIN hash and lock (before SurveyLoaded).
struct StaffRecordsLoaded { std::optional<PinRecord> pin; PinLock lock; };
// The hidden staff gesture (Ctrl+Alt+A, a long press on the top-left corner): the PIN prompt.
struct OpenStaff {};
// A key of the PIN keypad: "0" to "9", "erase" or "enter".
struct PinKey { std::string key; };
enum class StaffCommand { Export, CheckFile, DeleteExported, EnterPaper, EnterPhone, Results, ImportFile, CancelLoading, Close, LeaveKiosk };
struct Staff { StaffCommand command; };
// The host finished a staff task (docs/kiosk.md): fresh figures, a message, and after a
// re-opened file was checked, which exported responses it holds.
struct StaffReport {
    std::optional<StaffStats> stats;
    std::string message;
    std::optional<std::vector<std::string>> deletable;  // set: replaces what may be deleted
    std::string checked_file;
};
// "Open a results file": the host lets the person pick a Board report file.
struct ChooseResultsFile {};
// The results dashboard (core/app/dashboard.h) on a Board report file's text, or, from a kiosk's
// staff screen, on this device's responses to its survey. `problem`: the host could not read the
// chosen file (too large, unreadable), naming it; nothing opens and the person is told.
struct OpenDashboard {
    std::string file_name;
    std::string file_text;
    std::optional<std::vector<StoredResponse>> responses;  // set: live data, not a file
    std::string problem;
    std::optional<results::LoadedResults> loaded;           // set: live data the host has counted (results_loader.h)
};
// The host's progress counting results for the dashboard (a kiosk's "View results" or an
// imported file): `stopped` with a `problem` when the load failed, naming the file and the place.
struct ResultsLoading {
    std::string stage;
    double fraction = 0;
    bool stopped = false;
    std::string problem;
};
// Whose answers the charts count: `dimension` "segment" or "area", `value` one of the report's
// keys ("resident", "harlow") or "all".
struct DashboardFilter { std::string dimension; std::string value; };
// One question on its own, compared across segments and areas ("" returns to all questions).
struct DashboardShowQuestion { std::string name; };
// The cross-tab page, with its rows and/or columns question chosen (unset: kept as they are).
struct DashboardShowCrosstab { std::optional<std::string> rows, columns; };
// Live results: download the Board report (canvass.report, docs/reports.md) of every response.
struct DashboardDownloadReport {};
}  // namespace intent

using Intent = std::variant<intent::SetLocale, intent::ChangeTextSize, intent::SetHighContrast, intent::SurveyLoaded,
                            intent::Start, intent::ResumeDraft, intent::StartAgain, intent::Answer,
                            intent::SetComment, intent::Next, intent::Back, intent::ChangeAnswer, intent::Submit,
                            intent::SubmitFinished, intent::SetKiosk, intent::Tick, intent::StillHere,
                            intent::StaffRecordsLoaded, intent::OpenStaff, intent::PinKey, intent::Staff,
                            intent::StaffReport, intent::ChooseResultsFile, intent::OpenDashboard,
                            intent::DashboardFilter, intent::DashboardShowQuestion, intent::DashboardShowCrosstab,
                            intent::DashboardDownloadReport, intent::ResultsLoading, intent::OutboxProgress>;

// What apply_intent needs from outside: the time, and random bytes for a new response id.
struct IntentContext {
    std::int64_t now_ms = 0;
    std::array<std::uint8_t, 16> random{};
};

// What the host must do after an intent: core decides, the host (web app, tests) carries out.
struct Effects {
    std::optional<Draft> save_draft;          // write this draft
    bool discard_draft = false;               // delete the survey's draft
    std::optional<StoredResponse> submit;     // store durably, then send SubmitFinished
    std::string announce;                     // for screen readers ("" when nothing to say)
    std::string discarded_partial_id;         // a kiosk dropped this response's unfinished answers: count it
    // Kiosk staff work for the host (docs/kiosk.md), each answered with a StaffReport.
    std::vector<std::pair<std::string, std::string>> device_settings;  // keep these (the PIN's hash, its lock)
    bool refresh_staff_stats = false;
    bool export_responses = false;            // download a bundle of every response, then mark them exported
    bool choose_saved_file = false;           // let the staff member pick an export to check
    std::vector<std::string> delete_exported; // the checked file holds these: delete them
    bool leave_kiosk = false;                 // forget kiosk mode on this device
    // The results dashboard (core/app/dashboard.h), each answered with an OpenDashboard.
    bool choose_results_file = false;         // let the person pick a Board report file
    bool load_dashboard_responses = false;    // count this kiosk's responses (and its imported files), then OpenDashboard
    bool choose_import_file = false;          // let staff pick a kiosk's bundle to add to the results
    bool cancel_results_loading = false;      // stop counting: staff pressed Stop
    struct Download {
        std::string file_name, text;
    };
    std::optional<Download> download;         // offer this file to the person (the Board report)
};

struct Transition {
    AppState state;
    Effects effects;
};

// An intent that cannot apply (an unknown locale, Next while submitting) is an error and
// leaves the state unchanged.
Result<Transition> apply_intent(const AppState& state, const Intent& intent, const IntentContext& context);

// When a kiosk next needs a Tick (the end of the thank-you screen, of the idle time, or the
// next second of a countdown); nothing when no timeout is running.
std::optional<std::int64_t> kiosk_next_tick_ms(const AppState& state);

// Whether the outbox may send now (docs/outbox.md): never while a submit waits for the device's
// store; otherwise anywhere but a kiosk, always; a kiosk only between respondents (the attract
// screen before anyone starts, the thank-you screen, the staff screens), never while someone is
// answering.
bool outbox_may_send(const AppState& state);

const char* screen_id(Screen screen);  // stable ids for the automation API (docs/automation.md)

}  // namespace canvass
