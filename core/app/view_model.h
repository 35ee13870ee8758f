// What a screen shows, as data: the canvas (web/) draws it, and the automation API and the
// accessibility layer read it. Nothing here knows about pixels or widgets. Control ids and
// the JSON form are an interface, documented in docs/automation.md.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/app/app_state.h"
#include "core/survey/runtime.h"

namespace canvass {

enum class ControlKind { Button, Toggle, Link };

struct ControlView {
    std::string id;     // stable: tests and the DOM layer find controls by it
    std::string label;  // what is shown and spoken
    ControlKind kind = ControlKind::Button;
    bool enabled = true;
    bool selected = false;  // for toggles
    std::string group;      // controls that form one choice ("language", "text_size", "navigation")
    std::string value;      // what choosing it means within its group: "pl", "larger", a question name
};

// One entry of the error summary: the question (its name) and what to fix.
struct ErrorLink {
    std::string target;
    std::string message;
};

// One row of the check-your-answers page; its Change control is "change:" + name.
struct AnswerRowView {
    std::string name;
    std::string question;
    std::string answer;  // "Not answered" in the locale when empty
    bool answered = false;
};

struct DashboardView;  // core/app/dashboard.h

struct ViewModel {
    std::string screen;  // screen_id()
    std::string locale;
    int text_size_percent = 100;
    bool high_contrast = false;
    std::string document_title;  // "Question 4 of about 18 – Canvass"
    std::string heading;
    std::vector<std::string> paragraphs;
    std::string progress;        // "Question 4 of about 18"; "" off the question screens
    std::string error_title;     // "There is a problem" when errors are shown
    std::vector<ErrorLink> errors;
    std::vector<survey::ElementView> elements;  // the questions on screen (or the start page's text)
    std::vector<AnswerRowView> answers;         // check-your-answers rows
    std::string reference;                      // confirmation: the short response id
    std::string reference_label;
    std::string completed_html;                 // confirmation: the survey's completedHtml
    std::string privacy_heading, privacy_summary, privacy_url;  // welcome: the short notice; the full one
    std::string language_label, text_size_label;
    std::vector<ControlView> controls;          // in drawing (and Tab) order
    // What should take focus when this screen appears: "error-summary", "heading" or "".
    std::string focus;
    // An event kiosk: its welcome is the attract screen (a large "Tap to start"); "still-there"
    // is its "Are you still there?" prompt, and the thank-you screen counts down to the next
    // person. seconds_left is that countdown (0 when none).
    bool kiosk = false;
    int seconds_left = 0;
    // A kiosk's staff screens: which one ("choose", "confirm", "enter" for the PIN; "home",
    // "results"), how many PIN digits are typed (never the digits), and what the last action found.
    std::string staff_mode;
    int pin_digits = -1;
    std::string status;
    // The staff screen while results are counted: what is being done, and how far (0 to 100).
    std::string loading_stage;
    int loading_percent = -1;
    // "Open a results file" (an ordinary device's welcome, closed and unavailable screens): what
    // it is for. The results dashboard's own view-model, made once per change (dashboard.h).
    std::string results_hint;
    std::shared_ptr<const DashboardView> dashboard;
};

ViewModel build_view(const AppState& state);

// The JSON form documented in docs/automation.md.
nlohmann::json to_json(const ViewModel& view);

}  // namespace canvass
