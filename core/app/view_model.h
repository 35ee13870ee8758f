// What a screen shows, as data: the canvas (web/) draws it and the automation API and, later,
// the accessibility layer read it. Nothing here knows about pixels or widgets.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/app/app_state.h"

namespace canvass {

enum class ControlKind { Button, Toggle };

struct ControlView {
    std::string id;     // stable: tests and the DOM layer find controls by it
    std::string label;  // what is shown and spoken
    ControlKind kind = ControlKind::Button;
    bool enabled = true;
    bool selected = false;  // for toggles
    std::string group;      // controls that form one choice ("language", "text_size")
    std::string value;      // what choosing it means within its group: "pl", "larger"
};

struct ViewModel {
    std::string screen;  // screen_id()
    std::string locale;
    int text_size_percent = 100;
    std::string heading;
    std::vector<std::string> paragraphs;
    std::string notice;
    std::string language_label;
    std::string text_size_label;
    std::vector<ControlView> controls;
};

ViewModel build_view(const AppState& state);

// The JSON form documented in docs/automation.md.
nlohmann::json to_json(const ViewModel& view);

}  // namespace canvass
