// Drawing the question gallery (web/gallery.h): a tool bar (pages, checking, contrast, text
// size, language), the survey page's title, and its questions through draw_elements.
#pragma once

#include <string>
#include <vector>

#include "core/app/app_state.h"
#include "web/gallery.h"
#include "web/widgets.h"

namespace canvass::web {

struct GallerySettings {
    std::string locale;
    int text_size_percent = 100;
    bool high_contrast = false;
};

void draw_gallery(FrameContext& frame, const Gallery& gallery, const GallerySettings& settings, QuestionUiState& ui,
                  std::vector<Intent>& intents, std::vector<GalleryAction>& actions);

}  // namespace canvass::web
