// Building the view-model for each screen from the app state.
#include "core/app/view_model.h"

#include "core/app/ui_text.h"

namespace canvass {

ViewModel build_view(const AppState& state) {
    ViewModel view;
    view.screen = screen_id(state.screen);
    view.locale = state.locale;
    view.text_size_percent = state.text_size_percent;
    const std::string_view locale = state.locale;
    view.heading = ui_text(locale, TextId::WelcomeHeading);
    view.paragraphs = {std::string(ui_text(locale, TextId::WelcomeLead)),
                       std::string(ui_text(locale, TextId::WelcomePrivacy))};
    view.notice = ui_text(locale, TextId::ComingSoon);
    view.language_label = ui_text(locale, TextId::LanguageLabel);
    view.text_size_label = ui_text(locale, TextId::TextSizeLabel);
    for (const LocaleInfo& info : supported_locales()) {
        view.controls.push_back({"language_" + std::string(info.code), std::string(info.endonym), ControlKind::Toggle,
                                 true, info.code == locale, "language", std::string(info.code)});
    }
    view.controls.push_back({"text_smaller", std::string(ui_text(locale, TextId::TextSmaller)), ControlKind::Button,
                             state.text_size_percent > kMinTextSizePercent, false, "text_size", "smaller"});
    view.controls.push_back({"text_larger", std::string(ui_text(locale, TextId::TextLarger)), ControlKind::Button,
                             state.text_size_percent < kMaxTextSizePercent, false, "text_size", "larger"});
    return view;
}

nlohmann::json to_json(const ViewModel& view) {
    nlohmann::json controls = nlohmann::json::array();
    for (const ControlView& control : view.controls) {
        controls.push_back({{"id", control.id},
                            {"label", control.label},
                            {"kind", control.kind == ControlKind::Toggle ? "toggle" : "button"},
                            {"enabled", control.enabled},
                            {"selected", control.selected},
                            {"group", control.group},
                            {"value", control.value}});
    }
    return {{"screen", view.screen},
            {"locale", view.locale},
            {"textSizePercent", view.text_size_percent},
            {"heading", view.heading},
            {"paragraphs", view.paragraphs},
            {"notice", view.notice},
            {"controls", controls}};
}

}  // namespace canvass
