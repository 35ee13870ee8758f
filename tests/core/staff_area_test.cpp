// A kiosk's staff area (core/app/staff_area.h): choosing the PIN on the first start, the hidden
// gesture's PIN prompt and its lock, the staff commands, paper and phone entry, and locking
// again when staff walk away; all on the clock the test passes in.
#include <doctest/doctest.h>

#include "core/app/semantic_intents.h"
#include "core/app/staff_area.h"
#include "tests/core/default_survey_session.h"

using namespace canvass;
using namespace canvass::testing;

namespace {

constexpr KioskSettings kShort{3'000, 5'000, 4'000};  // thanks, idle, countdown
constexpr const char* kPin = "246810";

void at(Session& session, std::int64_t offset_ms, const Intent& intent) {
    session.context.now_ms = kNow + offset_ms;
    session.apply(intent);
}

void type(Session& session, std::string_view digits) {
    for (char digit : digits) session.apply(intent::PinKey{std::string(1, digit)});
    session.apply(intent::PinKey{"enter"});
}

// A kiosk started as the host starts one: kiosk mode, the stored PIN (none), then the survey.
Session first_start() {
    Session session;
    session.apply(intent::SetKiosk{kShort});
    session.apply(intent::StaffRecordsLoaded{});
    session.apply(intent::SurveyLoaded{default_survey(), "", false, std::nullopt});
    return session;
}

// A kiosk whose PIN is set, back on its attract screen.
// Its PIN hashed with fewer rounds than a real kiosk's, so the tests run quickly under the
// sanitizers; the first test checks a real kiosk's.
Session kiosk_with_pin() {
    Session session = first_start();
    session.state.kiosk->staff.new_pin_iterations = 1'000;
    type(session, kPin);
    type(session, kPin);
    session.apply(intent::Staff{intent::StaffCommand::Close});
    REQUIRE(session.state.screen == Screen::Welcome);
    return session;
}

std::string press(Session& session, const std::string& control) {
    Result<Intent> intent = intent_for_control(build_view(session.state), control);
    if (!intent) return intent.error().message;
    session.apply(*intent);
    return {};
}

const ControlView* control(const ViewModel& view, const std::string& id) {
    for (const ControlView& c : view.controls) {
        if (c.id == id) return &c;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("the first start asks for a PIN, twice, and keeps only its salted hash") {
    Session session = first_start();
    ViewModel view = build_view(session.state);
    CHECK(view.screen == "staff-pin");
    CHECK(view.staff_mode == "choose");
    CHECK(view.heading == "Choose a staff PIN");
    CHECK_FALSE(control(view, "staff:close"));  // no way past it: a kiosk cannot run without a PIN
    CHECK_FALSE(kiosk_next_tick_ms(session.state));

    struct Case { const char* pin; const char* message; };
    for (const Case& c : {Case{"12345", "Choose another PIN: a staff PIN is 6 to 12 digits."},
                          Case{"777777", "Choose another PIN: that PIN is too easy to guess; choose digits that are not all the same or in a row."},
                          Case{"345678", "Choose another PIN: that PIN is too easy to guess; choose digits that are not all the same or in a row."}}) {
        CAPTURE(c.pin);
        type(session, c.pin);
        CHECK(build_view(session.state).status == c.message);
        CHECK(session.state.kiosk->staff.step == PinStep::Choose);
    }

    type(session, kPin);
    CHECK(build_view(session.state).staff_mode == "confirm");
    type(session, "246811");
    CHECK(build_view(session.state).status == "The two PINs were different. Choose a PIN again.");
    CHECK(session.state.kiosk->staff.step == PinStep::Choose);

    type(session, kPin);
    for (char digit : std::string(kPin)) session.apply(intent::PinKey{std::string(1, digit)});
    view = build_view(session.state);
    CHECK(view.pin_digits == 6);
    const std::string shown = to_json(view).dump();
    CHECK(shown.find(kPin) == std::string::npos);  // the count of digits shows, never the digits
    session.apply(intent::PinKey{"enter"});

    CHECK(session.state.screen == Screen::Staff);
    CHECK(session.effects.refresh_staff_stats);
    REQUIRE(session.effects.device_settings.size() == 2);
    CHECK(session.effects.device_settings[0].first == "staff_pin");
    const Result<PinRecord> record = parse_pin_record(session.effects.device_settings[0].second);
    REQUIRE(record.ok());
    CHECK(record->iterations >= 100'000);
    CHECK(session.effects.device_settings[0].second.find(kPin) == std::string::npos);
    CHECK(try_pin(*record, {}, kPin, kNow).accepted);
    CHECK_FALSE(try_pin(*record, {}, "246811", kNow).accepted);
    CHECK(session.effects.device_settings[1] == std::pair<std::string, std::string>{"staff_pin_lock", "0$0"});
    CHECK(session.state.kiosk->staff.typed.empty());
}

TEST_CASE("the staff gesture opens the PIN prompt only between respondents") {
    Session session = kiosk_with_pin();
    at(session, 0, intent::Start{});
    CHECK(session.refused(intent::OpenStaff{}) == "staff access opens between respondents, on the attract or thank-you screen");
    session.apply(intent::StartAgain{});
    session.apply(intent::OpenStaff{});
    const ViewModel view = build_view(session.state);
    CHECK(view.screen == "staff-pin");
    CHECK(view.staff_mode == "enter");
    REQUIRE(control(view, "staff:close"));
    CHECK(press(session, "staff:close").empty());
    CHECK(session.state.screen == Screen::Welcome);

    // A kiosk whose storage is full starts nobody, but staff can still reach the export.
    session.apply(intent::SurveyLoaded{default_survey(), "This device has no room to save your answers.", false, std::nullopt});
    REQUIRE(session.state.screen == Screen::Unavailable);
    session.apply(intent::OpenStaff{});
    type(session, kPin);
    CHECK(session.state.screen == Screen::Staff);
    CHECK(press(session, "staff:close").empty());
    CHECK(session.state.screen == Screen::Unavailable);

    CHECK(session.refused(intent::OpenStaff{}) == "(applied)");
    session.apply(intent::OpenStaff{});
    type(session, kPin);
    CHECK_FALSE(control(build_view(session.state), "staff:paper")->enabled);  // a full store takes no new responses
    CHECK(session.refused(intent::Staff{intent::StaffCommand::EnterPaper}) ==
          "this kiosk cannot take new responses now (its survey is closed, or its storage is full)");
    session.apply(intent::Staff{intent::StaffCommand::Close});

    Session plain;  // not a kiosk: no staff area at all
    CHECK(plain.refused(intent::OpenStaff{}) == "staff access is only on a kiosk");
}

TEST_CASE("a kiosk set up before its survey opens asks for the PIN, and staff go back to the closed screen") {
    Session session;
    session.apply(intent::SetKiosk{kShort});
    session.apply(intent::StaffRecordsLoaded{});
    session.apply(intent::SurveyLoaded{default_survey(), "", true, std::nullopt});
    CHECK(session.state.screen == Screen::StaffPin);
    session.state.kiosk->staff.new_pin_iterations = 1'000;
    type(session, kPin);
    type(session, kPin);
    CHECK(session.state.screen == Screen::Staff);
    CHECK(press(session, "staff:close").empty());
    CHECK(session.state.screen == Screen::Closed);
    session.apply(intent::OpenStaff{});  // staff can still reach the export after it closes
    CHECK(session.state.screen == Screen::StaffPin);
}

TEST_CASE("a respondent's language and text size do not outlast a staff visit") {
    Session session = kiosk_with_pin();
    session.apply(intent::SetLocale{"pl"});
    session.apply(intent::ChangeTextSize{2});
    session.apply(intent::OpenStaff{});
    type(session, kPin);
    session.apply(intent::Staff{intent::StaffCommand::Close});
    CHECK(session.state.locale == "en");
    CHECK(session.state.text_size_percent == kMinTextSizePercent);
}

TEST_CASE("five wrong PINs lock staff access for five minutes, kept across a reload") {
    Session session = kiosk_with_pin();
    at(session, 0, intent::OpenStaff{});
    for (int attempt = 1; attempt <= 4; ++attempt) {
        CAPTURE(attempt);
        type(session, "135790");
        const int left = 5 - attempt;
        CHECK(build_view(session.state).status ==
              "Wrong PIN. " + std::to_string(left) + (left == 1 ? " try" : " tries") + " left before staff access locks for 5 minutes.");
        REQUIRE(session.effects.device_settings.size() == 1);
        CHECK(session.effects.device_settings[0].second == std::to_string(attempt) + "$0");
    }
    type(session, "135790");
    CHECK(build_view(session.state).status == "Wrong PIN. Staff access is now locked for 5 minutes.");
    const PinLock locked = session.state.kiosk->staff.lock;
    CHECK(locked.locked_until_ms == kNow + 5 * 60'000);

    // A reload reads the lock back: the right PIN is refused until it runs out.
    Session reloaded;
    reloaded.apply(intent::SetKiosk{kShort});
    reloaded.apply(intent::StaffRecordsLoaded{session.state.kiosk->staff.pin, parse_pin_lock(encode_pin_lock(locked))});
    reloaded.apply(intent::SurveyLoaded{default_survey(), "", false, std::nullopt});
    CHECK(reloaded.state.screen == Screen::Welcome);
    at(reloaded, 60'000, intent::OpenStaff{});
    reloaded.context.now_ms = kNow + 60'000;
    type(reloaded, kPin);
    CHECK(build_view(reloaded.state).status == "Staff access is locked after 5 wrong PINs. Try again in 4 minutes.");
    CHECK(reloaded.state.screen == Screen::StaffPin);
    reloaded.context.now_ms = kNow + 5 * 60'000;
    type(reloaded, kPin);
    CHECK(reloaded.state.screen == Screen::Staff);
}

TEST_CASE("staff who walk away are locked out again after the idle time") {
    Session session = kiosk_with_pin();
    at(session, 0, intent::OpenStaff{});
    type(session, kPin);
    REQUIRE(session.state.screen == Screen::Staff);
    session.apply(intent::StaffReport{StaffStats{"dev", 3, 7, 2, 1, 1000, 5000, ""}, "", {}, ""});
    CHECK(kiosk_next_tick_ms(session.state) == kNow + 5'000);
    at(session, 4'999, intent::Tick{});
    CHECK(session.state.screen == Screen::Staff);
    at(session, 5'000, intent::Tick{});
    CHECK(session.state.screen == Screen::Welcome);
    CHECK_FALSE(session.state.kiosk->staff.unlocked);
    CHECK(session.state.kiosk->staff.stats == StaffStats{});  // nothing the staff saw stays
    // An export that became durable after the staff area closed brings nothing back into it.
    session.apply(intent::StaffReport{StaffStats{"dev", 3, 7, 2, 1, 1000, 5000, ""}, "Exported 7 responses", {}, ""});
    CHECK(session.state.kiosk->staff.stats == StaffStats{});
    CHECK(session.state.kiosk->staff.message.empty());
    CHECK(session.refused(intent::Staff{intent::StaffCommand::Export}) == "staff commands need the staff screen, opened with the PIN");
}

TEST_CASE("the staff screen shows the kiosk's figures, and deletes only after a saved file was checked") {
    Session session = kiosk_with_pin();
    session.apply(intent::OpenStaff{});
    type(session, kPin);
    StaffStats stats{"4f2a9c1e-0000-4000-8000-000000000000", 3, 12, 5, 2, 2'500'000, 1'000'000'000, "2026-06-15T10:30:00Z"};
    session.apply(intent::StaffReport{stats, "", {}, ""});
    ViewModel view = build_view(session.state);
    CHECK(view.paragraphs == std::vector<std::string>{
              "Kiosk 4f2a9c1e, collecting \u201cdiz-digital-needs\u201d.",
              "Responses stored today: 3. On this kiosk: 12, of which 5 not yet exported.",
              "Unfinished responses discarded: 2.",
              "Storage: 2.5 MB used, 998 MB free.",
              "Last backup: 15 June 2026, 11:30."});
    REQUIRE(control(view, "staff:delete"));
    CHECK_FALSE(control(view, "staff:delete")->enabled);
    CHECK(session.refused(intent::Staff{intent::StaffCommand::DeleteExported}) ==
          "open the saved export with \"Check a saved file\" before deleting");

    CHECK(press(session, "staff:export").empty());
    CHECK(session.effects.export_responses);
    CHECK(press(session, "staff:check_file").empty());
    CHECK(session.effects.choose_saved_file);
    session.apply(intent::StaffReport{std::nullopt, "export.json holds all 2 exported responses on this kiosk.",
                                      std::vector<std::string>{"a", "b"}, "export.json"});
    view = build_view(session.state);
    CHECK(view.status == "export.json holds all 2 exported responses on this kiosk.");
    CHECK(control(view, "staff:delete")->label == "Delete 2 exported responses");
    CHECK(control(view, "staff:delete")->enabled);
    CHECK(press(session, "staff:delete").empty());
    CHECK(session.effects.delete_exported == std::vector<std::string>{"a", "b"});
    CHECK_FALSE(control(build_view(session.state), "staff:delete")->enabled);  // once only

    CHECK(press(session, "staff:leave").empty());
    CHECK(session.effects.leave_kiosk);
}

TEST_CASE("View results asks the host for this kiosk's responses, for the results dashboard") {
    Session session = kiosk_with_pin();
    session.apply(intent::OpenStaff{});
    type(session, kPin);
    CHECK(press(session, "staff:results").empty());
    CHECK(session.effects.load_dashboard_responses);
    CHECK(session.state.screen == Screen::Staff);  // until the host answers (tests/core/dashboard_test.cpp)
}

TEST_CASE("a paper response is entered through the survey, stored with its channel, then back to the staff screen") {
    struct Case { const char* control; const char* channel; };
    for (const Case& c : {Case{"staff:paper", "paper"}, Case{"staff:phone", "phone"}}) {
        CAPTURE(c.channel);
        Session session = kiosk_with_pin();
        session.apply(intent::OpenStaff{});
        type(session, kPin);
        CHECK(press(session, c.control).empty());
        CHECK(session.state.screen == Screen::Question);
        CHECK(session.state.channel == c.channel);
        session.apply(intent::Answer{"segment", nlohmann::json::array({"resident"})});
        session.continue_to_end();
        REQUIRE(session.state.screen == Screen::CheckAnswers);
        at(session, 1'000, intent::Submit{});
        REQUIRE(session.effects.submit);
        CHECK(session.effects.submit->channel == c.channel);
        at(session, 1'100, intent::SubmitFinished{true, ""});
        CHECK(build_view(session.state).paragraphs.back() == "Back to the staff screen in 3 seconds.");
        at(session, 4'100, intent::Tick{});
        CHECK(session.state.screen == Screen::Staff);
        CHECK(session.state.channel == "kiosk");
        CHECK(session.effects.refresh_staff_stats);
        CHECK(session.state.kiosk->staff.unlocked);
    }
}

TEST_CASE("Start again in a paper entry goes back to the staff screen and counts no discarded partial") {
    Session session = kiosk_with_pin();
    session.apply(intent::OpenStaff{});
    type(session, kPin);
    CHECK(press(session, "staff:paper").empty());
    session.apply(intent::Answer{"segment", nlohmann::json::array({"business"})});
    session.apply(intent::StartAgain{});
    CHECK(session.state.screen == Screen::Staff);
    CHECK(session.effects.discard_draft);
    CHECK(session.effects.discarded_partial_id.empty());
    CHECK(session.state.answers.empty());
}

TEST_CASE("the PIN lock's text is read back, and damaged text gives a fresh lock") {
    struct Case { const char* text; PinLock lock; };
    for (const Case& c : {Case{"3$0", {3, 0}}, Case{"0$1781525100000", {0, 1781525100000}}, Case{"", {}},
                          Case{"3", {}}, Case{"x$1", {}}, Case{"-1$0", {}}, Case{"2$5$", {}}}) {
        CAPTURE(c.text);
        CHECK(parse_pin_lock(c.text) == c.lock);
    }
    CHECK(encode_pin_lock({4, 17}) == "4$17");
}
