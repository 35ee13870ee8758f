// Drawing every respondent screen from its view-model: welcome, resume, the question screens
// (their questions through question_view.h), check your answers, confirmation, and the
// closed / unavailable / loading messages. Clicks become intents; nothing is kept here.
#pragma once

#include <vector>

#include "core/app/app_state.h"
#include "core/app/view_model.h"
#include "web/views/question_view.h"
#include "web/widgets.h"

namespace canvass::web {

// Where a link asks to go: the host opens it (the privacy notice) with the platform.
struct FlowOutput {
    std::string open_url;
};

// The first control of question `name` on the screen (its first choice, its field...), "" when
// it is not there: where the keyboard focus goes for an error.
std::string first_control_id(const ViewModel& view, const std::string& name);

void draw_screen(FrameContext& frame, const ViewModel& view, QuestionUiState& ui, std::vector<Intent>& intents,
                 FlowOutput& output);

}  // namespace canvass::web
