// Drawing survey questions: one screen's visible elements (core's ElementView list, already
// localised and in order, panels before their contents) as GOV.UK-style controls, turning
// input into intent::Answer / intent::SetComment. The view owns no answers: it draws
// ElementView::value and ::comment, and the host applies the intents and re-evaluates.
//
// Hosting (see also docs/automation.md, "Question controls"):
//   - The host owns one QuestionUiState for the screen and passes it every frame; it holds only
//     UI state (open list, search text, drag, text being edited, focus moves), never answers.
//     Reset it (assign {}) when the screen changes to another page.
//   - FrameContext::text must point at the host's TextEditSession (web/text_field.h), with
//     begin_text_input_frame / end_text_input_frame called around the frame, for phone
//     keyboards, IME and paste to work.
//   - Draw inside a scrolling window; skip touch-drag scrolling while
//     QuestionUiState::pointer_captured() (a ranking item is being dragged).
//   - The theme comes from FrameContext::theme (theme_for(high_contrast)).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/app/app_state.h"
#include "core/survey/runtime.h"
#include "web/widgets.h"

namespace canvass::web {

struct DropdownUi {
    std::string open;          // the question whose list is open ("" when none)
    std::string search;        // what is typed in its search field
    int highlighted = -1;      // the keyboard's current item, an index into the filtered choices
    bool focus_search = false; // opened from the keyboard: the search field takes the focus
    // Frames left to bring the list into view after it opened (the page grows by the list only
    // a frame later, so the first scroll can fall short), and whether the highlighted item must be.
    int reveal_list = 0;
    bool reveal_highlight = false;
};

struct RankingDragUi {
    std::string question;      // the ranking being dragged ("" when none)
    int from = -1;             // the dragged item's position in the shown order
    float grab_offset = 0;     // pointer y minus the item's top when the press began
    bool moved = false;        // the pointer moved far enough to be a drag, not a press
    int target = -1;           // where it would land now
};

struct QuestionUiState {
    std::map<std::string, std::string> text;  // text field contents by control id, while edited
    DropdownUi dropdown;
    RankingDragUi drag;
    std::string focus_request;  // a control id to give the keyboard focus to in the next frame
    bool focus_visible = false; // show the focus ring there (the move came from the keyboard)
    std::string limit_announced;  // the checkbox whose limit was last announced (announce once)

    // True while a drag belongs to a control: the host must not scroll the page by touch then.
    bool pointer_captured() const { return !drag.question.empty(); }
};

// Draws `elements` at the cursor, `width` CSS px wide, in `locale`'s words for the app's own
// texts (the survey's are already localised in the views). Appends intents for changes.
// Narrow widths (under 30 em of body text) stack choice columns and matrices.
void draw_elements(FrameContext& frame, const std::vector<survey::ElementView>& elements, std::string_view locale,
                   float width, QuestionUiState& ui, std::vector<Intent>& intents);

}  // namespace canvass::web
