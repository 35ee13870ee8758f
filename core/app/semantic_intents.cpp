// Control presses and DOM requests to intents, checked against the screen shown.
#include "core/app/semantic_intents.h"

#include <algorithm>

#include "core/survey/answer_edit.h"

namespace canvass {
namespace {

const survey::ElementView* find_question(const ViewModel& view, const std::string& name) {
    const auto found = std::find_if(view.elements.begin(), view.elements.end(),
                                    [&](const survey::ElementView& e) { return e.name == name && e.type != survey::ElementType::Html; });
    return found == view.elements.end() ? nullptr : &*found;
}

Error request_error(const std::string& message) { return make_error(message, "request"); }

}  // namespace

Result<Intent> intent_for_control(const ViewModel& view, std::string_view id) {
    const auto found = std::find_if(view.controls.begin(), view.controls.end(), [&](const ControlView& c) { return c.id == id; });
    if (found == view.controls.end()) return request_error("there is no control '" + std::string(id) + "' on the " + view.screen + " screen");
    const ControlView& c = *found;
    if (!c.enabled) return request_error("the control '" + c.id + "' is turned off");
    if (c.id == "start") return Intent(intent::Start{});
    if (c.id == "resume") return Intent(intent::ResumeDraft{});
    if (c.id == "start_again") return Intent(intent::StartAgain{});
    if (c.id == "still_here") return Intent(intent::StillHere{});
    if (c.id == "continue") return Intent(intent::Next{});
    if (c.id == "back") return Intent(intent::Back{});
    if (c.id == "submit") return Intent(intent::Submit{});
    if (c.group == "change") return Intent(intent::ChangeAnswer{c.value});
    if (c.group == "language") return Intent(intent::SetLocale{c.value});
    if (c.group == "contrast") return Intent(intent::SetHighContrast{!c.selected});
    if (c.group == "text_size") return Intent(intent::ChangeTextSize{c.value == "larger" ? 1 : -1});
    if (c.id == "open_results_file" || c.id == "dashboard:open_file") return Intent(intent::ChooseResultsFile{});
    if (c.id == "dashboard:back") return Intent(intent::Back{});
    if (c.id == "dashboard:crosstab") return Intent(intent::DashboardShowCrosstab{});
    if (c.id == "dashboard:download_report") return Intent(intent::DashboardDownloadReport{});
    if (c.group == "dashboard_segment") return Intent(intent::DashboardFilter{"segment", c.value});
    if (c.group == "dashboard_area") return Intent(intent::DashboardFilter{"area", c.value});
    if (c.group == "dashboard_questions") return Intent(intent::DashboardShowQuestion{c.value});
    if (c.group == "dashboard_rows") return Intent(intent::DashboardShowCrosstab{c.value, std::nullopt});
    if (c.group == "dashboard_columns") return Intent(intent::DashboardShowCrosstab{std::nullopt, c.value});
    if (c.group == "dashboard_crosstabs") {  // a file's cross-tab: "ROWS COLUMNS"
        const std::size_t space = c.value.find(' ');
        return Intent(intent::DashboardShowCrosstab{c.value.substr(0, space), space == std::string::npos ? std::string() : c.value.substr(space + 1)});
    }
    if (c.group == "keypad") return Intent(intent::PinKey{c.id.substr(c.id.find(':') + 1)});
    if (c.group == "staff") {
        using intent::StaffCommand;
        static constexpr std::pair<std::string_view, StaffCommand> kCommands[] = {
            {"staff:export", StaffCommand::Export},      {"staff:check_file", StaffCommand::CheckFile},
            {"staff:delete", StaffCommand::DeleteExported}, {"staff:paper", StaffCommand::EnterPaper},
            {"staff:phone", StaffCommand::EnterPhone},   {"staff:results", StaffCommand::Results},
            {"staff:import", StaffCommand::ImportFile},  {"staff:stop_loading", StaffCommand::CancelLoading},
            {"staff:close", StaffCommand::Close},        {"staff:leave", StaffCommand::LeaveKiosk}};
        for (const auto& [control_id, command] : kCommands) {
            if (c.id == control_id) return Intent(intent::Staff{command});
        }
    }
    return request_error("the control '" + c.id + "' opens a page; follow it as a link");
}

Result<Intent> intent_from_request(const ViewModel& view, const nlohmann::json& request) {
    if (!request.is_object()) return request_error("a request must be a JSON object");
    auto text_of = [&](const char* key) -> const std::string* {
        const auto it = request.find(key);
        return it != request.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
    };
    if (const std::string* id = text_of("control")) return intent_for_control(view, *id);
    for (const char* kind : {"answer", "toggle", "text", "comment"}) {
        const std::string* name = text_of(kind);
        if (!name) continue;
        const survey::ElementView* question = find_question(view, *name);
        if (!question) return request_error("there is no question '" + *name + "' on the " + view.screen + " screen");
        const std::string k = kind;
        if (k == "text" || k == "comment") {
            const std::string* typed = text_of("typed");
            if (!typed) return request_error("a " + k + " request needs \"typed\": the text as a string");
            if (k == "comment") return Intent(intent::SetComment{*name, *typed});
            return Intent(intent::Answer{*name, survey::text_to_answer(*typed, question->input_type)});
        }
        const auto value = request.find("value");
        if (value == request.end()) return request_error("an " + k + " request needs \"value\"");
        if (k == "toggle") {
            if (question->type != survey::ElementType::Checkbox) return request_error("'" + *name + "' is not a checkbox question");
            return Intent(intent::Answer{*name, survey::toggle_checkbox(*question, *value)});
        }
        return Intent(intent::Answer{*name, *value});
    }
    return request_error("a request needs one of \"control\", \"answer\", \"toggle\", \"text\" or \"comment\"");
}

}  // namespace canvass
