// The question gallery's state: loading the survey, applying answers, re-evaluating.
#include "web/gallery.h"

#include <algorithm>
#include <variant>

#include "core/io/json_document.h"
#include "core/survey/engine.h"

namespace canvass::web {

std::string gallery_source(const std::string& name) {
    if (name == "all-types") return "test-surveys/all-types.json";
    return "assets/surveys/diz-digital-needs.json";
}

void load_gallery_survey(Gallery& gallery, const std::string& text) {
    Result<nlohmann::json> document = parse_json_document(text, gallery.source);
    if (!document) {
        gallery.status = Gallery::Status::Failed;
        gallery.error = document.error().to_string();
        return;
    }
    Result<survey::Survey> loaded = survey::load_survey(*document, gallery.source);
    if (!loaded) {
        gallery.status = Gallery::Status::Failed;
        gallery.error = loaded.error().to_string();
        return;
    }
    gallery.survey.emplace(std::move(loaded).value());
    // A new response starts from the questions' default values, as survey-core's model does.
    for (int q : gallery.survey->questions) {
        const survey::Element& element = gallery.survey->elements[q];
        if (!element.default_value.is_null()) gallery.answers[element.name] = element.default_value;
    }
    gallery.page = std::clamp(gallery.page, 0, static_cast<int>(gallery.survey->pages.size()) - 1);
    gallery.status = Gallery::Status::Ready;
    gallery.dirty = true;
}

void prepare_gallery(Gallery& gallery, const std::string& locale, std::int64_t now_ms) {
    if (gallery.status != Gallery::Status::Ready || (!gallery.dirty && gallery.locale == locale)) return;
    const survey::Survey& survey = *gallery.survey;
    gallery.locale = locale;
    const std::string effective = survey::effective_locale(survey, locale);
    const survey::EvalState state = survey::evaluate_survey(survey, gallery.answers, now_ms, effective);
    gallery.elements = survey::page_content(survey, state, gallery.page, effective, gallery.show_errors);
    gallery.pages = survey::page_views(survey, state, effective);
    gallery.shown_answers = gallery.answers;
    gallery.shown_errors = gallery.show_errors;
    gallery.shown_page = gallery.page;
    gallery.dirty = false;
}

bool apply_gallery_intent(Gallery& gallery, const Intent& intent) {
    if (const auto* answer = std::get_if<intent::Answer>(&intent)) {
        if (answer->value.is_null()) gallery.answers.erase(answer->name);
        else gallery.answers[answer->name] = answer->value;
        gallery.dirty = true;
        return true;
    }
    if (const auto* comment = std::get_if<intent::SetComment>(&intent)) {
        const std::string key = comment->name + "-Comment";
        if (comment->text.empty()) gallery.answers.erase(key);
        else gallery.answers[key] = comment->text;
        gallery.dirty = true;
        return true;
    }
    return false;
}

void apply_gallery_action(Gallery& gallery, GalleryAction action) {
    if (gallery.status != Gallery::Status::Ready) return;
    const int last = static_cast<int>(gallery.survey->pages.size()) - 1;
    const int before = gallery.page;
    switch (action) {
    case GalleryAction::PreviousPage: gallery.page = std::max(0, gallery.page - 1); break;
    case GalleryAction::NextPage: gallery.page = std::min(last, gallery.page + 1); break;
    case GalleryAction::CheckPage: gallery.show_errors = true; break;
    case GalleryAction::ToggleContrast: break;  // the host's setting
    }
    if (gallery.page != before) {
        gallery.ui = {};  // UI state belongs to the page
        gallery.show_errors = false;
    }
    gallery.dirty = true;
}

nlohmann::json gallery_json(const Gallery& gallery) {
    nlohmann::json elements = nlohmann::json::array();
    for (const survey::ElementView& e : gallery.elements) {
        elements.push_back({{"name", e.name},
                            {"type", survey::type_name(e.type)},
                            {"title", e.title},
                            {"number", e.number},
                            {"depth", e.depth},
                            {"required", e.required},
                            {"readOnly", e.read_only},
                            {"value", e.value},
                            {"errors", e.errors}});
    }
    const char* status = gallery.status == Gallery::Status::Ready ? "ready"
                         : gallery.status == Gallery::Status::Failed ? "failed" : "loading";
    nlohmann::json json = {{"status", status},
                           {"source", gallery.source},
                           {"error", gallery.error},
                           {"page", gallery.shown_page},
                           {"showErrors", gallery.shown_errors},
                           {"elements", elements}};
    if (gallery.survey) {
        json["survey"] = gallery.survey->id;
        json["pageCount"] = gallery.survey->pages.size();
        json["pageName"] = gallery.survey->pages[gallery.shown_page].name;
        json["pageVisible"] = gallery.shown_page < static_cast<int>(gallery.pages.size()) && gallery.pages[gallery.shown_page].visible;
    }
    return json;
}

}  // namespace canvass::web
