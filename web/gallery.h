// The question gallery: a temporary, honest way to see and drive every question type before
// the respondent flow exists. Opened with ?gallery=diz (the consultation survey) or
// ?gallery=all-types (tests/surveys/all-types.json, served by the dev server and the e2e
// harness only), optionally &page=N. It keeps its own answers (a JSON object) and re-evaluates
// them with core after every change, so visibility and errors update as they will in the real
// flow. Self-contained: WebApp only forwards to it, so it can be removed or kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/app/app_state.h"
#include "core/survey/runtime.h"
#include "core/survey/survey.h"
#include "web/views/question_view.h"

namespace canvass::web {

enum class GalleryAction { PreviousPage, NextPage, CheckPage, ToggleContrast };

struct Gallery {
    enum class Status { Loading, Ready, Failed };
    Status status = Status::Loading;
    std::string source;        // the survey's address
    std::string error;
    std::optional<survey::Survey> survey;
    nlohmann::json answers = nlohmann::json::object();  // SurveyJS data, name-Comment included
    int page = 0;              // index into Survey::pages (every page, visible or not)
    bool show_errors = false;  // "Check this page" pressed: errors show, as after Next
    QuestionUiState ui;

    // Built by prepare() for the current page, locale and answers: what the screen shows. The
    // automation view reports these, so a test sees an answer once it is on screen.
    std::string locale;
    nlohmann::json shown_answers = nlohmann::json::object();
    bool shown_errors = false;
    int shown_page = 0;
    std::vector<survey::ElementView> elements;
    std::vector<survey::PageView> pages;
    bool dirty = true;
};

// The survey address for the ?gallery= value: "all-types" (the test survey), anything else the
// consultation survey.
std::string gallery_source(const std::string& name);
// Loads the survey text fetched from `source`; Failed with the reason when it is not a survey.
void load_gallery_survey(Gallery& gallery, const std::string& text);
// Re-evaluates when the answers, page or locale changed.
void prepare_gallery(Gallery& gallery, const std::string& locale, std::int64_t now_ms);
// Answer and SetComment change the gallery's answers (true when taken); other intents are not its.
bool apply_gallery_intent(Gallery& gallery, const Intent& intent);
void apply_gallery_action(Gallery& gallery, GalleryAction action);
// The gallery's part of window.canvass.view() (docs/automation.md, "Gallery mode").
nlohmann::json gallery_json(const Gallery& gallery);

}  // namespace canvass::web
