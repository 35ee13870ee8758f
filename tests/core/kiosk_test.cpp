// An event kiosk's rules (core/app/app_state.h, KioskMode): the attract screen, the thank-you
// countdown and reset, "Are you still there?" and the discarding of a walked-away respondent's
// answers; all on the clock the test passes in.
#include <doctest/doctest.h>

#include "core/app/kiosk_settings.h"
#include "core/app/semantic_intents.h"
#include "tests/core/default_survey_session.h"

using namespace canvass;
using namespace canvass::testing;

namespace {

constexpr KioskSettings kShort{3'000, 5'000, 4'000};  // thanks, idle, countdown

Session kiosk_session() {
    Session session;
    session.apply(intent::SetKiosk{kShort});
    return session;
}

void at(Session& session, std::int64_t offset_ms, const Intent& intent) {
    session.context.now_ms = kNow + offset_ms;
    session.apply(intent);
}

}  // namespace

TEST_CASE("a kiosk's welcome is the attract screen, and its responses are from the kiosk channel") {
    Session session = kiosk_session();
    const ViewModel view = build_view(session.state);
    CHECK(view.screen == "welcome");
    CHECK(view.kiosk);
    CHECK(std::find_if(view.controls.begin(), view.controls.end(), [](const ControlView& c) {
              return c.id == "start" && c.label == "Tap to start";
          }) != view.controls.end());
    CHECK(session.state.channel == "kiosk");
    CHECK_FALSE(kiosk_next_tick_ms(session.state));  // nobody is answering: no timeout runs
    session.apply(intent::SetKiosk{std::nullopt});
    CHECK(session.state.channel == "online");
    CHECK(session.refused(intent::SetKiosk{KioskSettings{0, 1, 1}}) == "kiosk timings must be more than zero");
}

TEST_CASE("mid-survey, idle time brings \"Are you still there?\", and its countdown discards the answers") {
    Session session = kiosk_session();
    at(session, 0, intent::Start{});
    at(session, 1'000, intent::Answer{"segment", nlohmann::json::array({"resident"})});
    const std::string walked_away = session.state.response_id;
    CHECK(kiosk_next_tick_ms(session.state) == kNow + 6'000);

    at(session, 5'999, intent::Tick{});
    CHECK_FALSE(session.state.kiosk->still_there_since_ms);
    at(session, 6'000, intent::Tick{});
    REQUIRE(session.state.kiosk->still_there_since_ms);
    CHECK(session.effects.announce == "Are you still there?");
    ViewModel view = build_view(session.state);
    CHECK(view.screen == "still-there");
    CHECK(view.seconds_left == 4);
    CHECK(view.paragraphs == std::vector<std::string>{"Your answers will be cleared in 4 seconds."});
    CHECK(view.elements.empty());  // nothing of the answers shows to whoever walks up
    CHECK(kiosk_next_tick_ms(session.state) == kNow + 7'000);  // each second of the countdown

    at(session, 8'500, intent::Tick{});
    CHECK(build_view(session.state).seconds_left == 2);
    at(session, 10'000, intent::Tick{});
    CHECK(session.effects.discarded_partial_id == walked_away);
    CHECK(session.effects.discard_draft);
    CHECK(session.state.screen == Screen::Welcome);
    CHECK(session.state.answers.empty());
    CHECK(session.state.response_id.empty());
    CHECK_FALSE(session.state.kiosk->still_there_since_ms);
    CHECK_FALSE(kiosk_next_tick_ms(session.state));
}

TEST_CASE("\"Yes, I am still here\", or any input, closes the prompt and keeps the answers") {
    Session session = kiosk_session();
    at(session, 0, intent::Start{});
    at(session, 0, intent::Answer{"segment", nlohmann::json::array({"business"})});
    at(session, 5'000, intent::Tick{});
    REQUIRE(session.state.kiosk->still_there_since_ms);
    const ViewModel prompt = build_view(session.state);
    REQUIRE(prompt.controls.front().id == "still_here");
    Result<Intent> pressed = intent_for_control(prompt, "still_here");
    REQUIRE(pressed.ok());
    at(session, 6'000, *pressed);
    CHECK_FALSE(session.state.kiosk->still_there_since_ms);
    CHECK(session.state.answers["segment"] == nlohmann::json::array({"business"}));
    CHECK(kiosk_next_tick_ms(session.state) == kNow + 11'000);  // idle time starts again from the press

    at(session, 11'000, intent::Tick{});
    REQUIRE(session.state.kiosk->still_there_since_ms);
    at(session, 12'000, intent::SetLocale{"pl"});  // any input counts
    CHECK_FALSE(session.state.kiosk->still_there_since_ms);
    CHECK(session.refused(intent::StillHere{}) == "\"Still here\" is not possible on the question screen");
}

TEST_CASE("after a submit the thank-you screen counts down, then the next respondent starts from nothing") {
    Session session = kiosk_session();
    at(session, 0, intent::SetLocale{"pl"});
    at(session, 0, intent::ChangeTextSize{2});
    at(session, 0, intent::Start{});
    at(session, 0, intent::Answer{"segment", nlohmann::json::array({"resident"})});
    session.continue_to_end();
    at(session, 1'000, intent::Submit{});
    REQUIRE(session.effects.submit);
    CHECK(session.effects.submit->channel == "kiosk");
    at(session, 1'200, intent::SubmitFinished{true, ""});
    REQUIRE(session.state.screen == Screen::Confirmation);
    CHECK(build_view(session.state).seconds_left == 3);
    CHECK(kiosk_next_tick_ms(session.state) == kNow + 2'200);
    at(session, 2'200, intent::Tick{});
    CHECK(build_view(session.state).paragraphs == std::vector<std::string>{"Za 2 s ekran zacznie się od nowa dla następnej osoby."});
    at(session, 4'200, intent::Tick{});
    CHECK(session.state.screen == Screen::Welcome);
    CHECK(session.state.reference.empty());
    CHECK(session.state.submitted_id.empty());
    CHECK(session.state.locale == "en");
    CHECK(session.state.text_size_percent == kMinTextSizePercent);
    CHECK(session.effects.discarded_partial_id.empty());  // a submitted response is not a partial
}

TEST_CASE("a kiosk never offers a draft: a reload mid-survey discards and counts it") {
    Session session;
    session.apply(intent::SetKiosk{kShort});
    session.apply(intent::StaffRecordsLoaded{make_pin_record("246810", {}, 1'000), {}});  // set up before: no PIN prompt
    Draft draft;
    draft.id = "00000000-0000-4000-8000-000000000001";
    draft.survey_id = session.state.survey->model.id;
    draft.survey_version = session.state.survey->model.version;
    draft.data_json = R"({"segment":["resident"]})";
    session.apply(intent::SurveyLoaded{session.state.survey, "", false, draft});
    CHECK(session.state.screen == Screen::Welcome);
    CHECK_FALSE(session.state.offered_draft);
    CHECK(session.effects.discard_draft);
    CHECK(session.effects.discarded_partial_id == draft.id);
}

TEST_CASE("Start again on a kiosk wipes everything, and counts a partial only once a response was started") {
    Session session = kiosk_session();
    at(session, 0, intent::StartAgain{});
    CHECK(session.effects.discarded_partial_id.empty());
    at(session, 0, intent::Start{});
    const std::string started = session.state.response_id;
    at(session, 0, intent::StartAgain{});
    CHECK(session.effects.discarded_partial_id == started);
    CHECK(session.state.screen == Screen::Welcome);
    CHECK(session.state.response_id.empty());
}

TEST_CASE("kiosk timings from the page address: defaults, whole seconds, and a message naming a wrong one") {
    struct Row {
        std::string thanks, idle, countdown, error;
        KioskSettings expected;
    };
    const Row rows[] = {
        {"", "", "", "", KioskSettings{}},
        {"3", "5", "4", "", KioskSettings{3'000, 5'000, 4'000}},
        {"", "0", "", "kiosk-idle: '0' is not a whole number of seconds from 1 to 86400", {}},
        {"2.5", "", "", "kiosk-thanks: '2.5' is not a whole number of seconds from 1 to 86400", {}},
        {"", "", "twenty", "kiosk-countdown: 'twenty' is not a whole number of seconds from 1 to 86400", {}},
        {"", "", "86401", "kiosk-countdown: '86401' is not a whole number of seconds from 1 to 86400", {}},
    };
    for (const Row& row : rows) {
        CAPTURE(row.thanks);
        CAPTURE(row.idle);
        CAPTURE(row.countdown);
        const auto settings = kiosk_settings_from([&](std::string_view name) {
            return name == "kiosk-thanks" ? row.thanks : name == "kiosk-idle" ? row.idle : name == "kiosk-countdown" ? row.countdown : "";
        });
        if (row.error.empty()) {
            REQUIRE(settings.ok());
            CHECK(*settings == row.expected);
        } else {
            REQUIRE_FALSE(settings.ok());
            CHECK(settings.error().to_string() == row.error);
        }
    }
}
