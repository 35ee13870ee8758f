// Frame loop: size the canvas, rebuild fonts when needed, draw the current screen from its
// view-model, then apply the intents the screen produced.
#include "web/web_app.h"

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "core/app/view_model.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"
#include "platform/platform.h"
#include "web/input.h"
#include "web/theme.h"
#include "web/views/gallery_view.h"
#include "web/views/welcome_view.h"

namespace canvass::web {
namespace {

constexpr const char* kGlslVersion = "#version 300 es";
constexpr int kFramesAfterChange = 3;  // ImGui settles hover, focus and layout within a few frames

// clang-format off
EM_JS(void, js_signal_ready, (), { if (Module.onCanvassReady) Module.onCanvassReady(); });
// clang-format on

WebApp* input_target = nullptr;
void on_any_input() {
    if (input_target) input_target->request_frames(kFramesAfterChange);
}

}  // namespace

bool WebApp::start() {
    if (!surface_.create_context()) return false;
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini: layout is the app's, not the user's
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigWindowsMoveFromTitleBarOnly = true;
    io.BackendPlatformName = "canvass_html5";
    ImGui_ImplOpenGL3_Init(kGlslVersion);
    input_target = this;
    install_input_callbacks(selector_, on_any_input);
    surface_.sync_size();
    open_store();
    high_contrast_ = platform::prefers_more_contrast() || platform::url_parameter("contrast") == "high";
    if (const std::string gallery = platform::url_parameter("gallery"); !gallery.empty()) start_gallery(gallery);
    return true;
}

// --- The question gallery (web/gallery.h): remove with it ----------------------------------

void WebApp::start_gallery(const std::string& name) {
    gallery_ = std::make_unique<Gallery>();
    gallery_->source = gallery_source(name);
    gallery_->page = std::max(0, std::atoi(platform::url_parameter("page").c_str()) - 1);
    platform::fetch_text(gallery_->source, [this](Result<std::string> text) {
        if (text) {
            load_gallery_survey(*gallery_, *text);
        } else {
            gallery_->status = Gallery::Status::Failed;
            gallery_->error = text.error().to_string();
        }
        request_frames(kFramesAfterChange);
    });
}

void WebApp::draw_gallery_screen(FrameContext& frame) {
    prepare_gallery(*gallery_, state_.locale, platform::now().unix_ms);
    draw_gallery(frame, *gallery_, {state_.locale, state_.text_size_percent, high_contrast_}, gallery_->ui, pending_intents_,
                 gallery_actions_);
}

// The store lives in the module's file system (persisted to IndexedDB by the respondent-flow
// work); a store that fails to open is reported, and the welcome screen still works.
void WebApp::open_store() {
    std::error_code ignored;
    std::filesystem::create_directories(platform::data_directory(), ignored);
    Result<ResponseStore> opened = ResponseStore::open(platform::data_directory() + "/canvass.db");
    if (opened) {
        store_.emplace(std::move(opened).value());
    } else {
        store_error_ = opened.error().to_string();
    }
}

void WebApp::tick() {
    if (surface_.sync_size()) request_frames(kFramesAfterChange);
    if (platform::text_input_has_events()) request_frames(kFramesAfterChange);
    if (surface_.context_lost()) return;
    if (surface_.take_restored()) {
        // Every GPU object died with the old context: re-create them from the CPU-side state.
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplOpenGL3_Init(kGlslVersion);
        request_frames(kFramesAfterChange);
    }
    if (frames_to_draw_ <= 0) return;
    --frames_to_draw_;
    draw_frame();
    apply_intents();
    if (!ImGui::GetCurrentContext()->InputEventsQueue.empty()) request_frames(1);
    if (!announced_ready_) {
        announced_ready_ = true;
        js_signal_ready();
    }
}

void WebApp::draw_frame() {
    ImGuiIO& io = ImGui::GetIO();
    const float text_scale = state_.text_size_percent / 100.0f;
    const Theme& theme = theme_for(high_contrast_);
    if (ensure_fonts(fonts_, surface_.pixel_ratio(), state_.text_size_percent)) {
        apply_imgui_style(theme, text_scale);
        style_high_contrast_ = high_contrast_;
        if (frames_drawn_ > 0) {  // before the first frame, NewFrame creates the texture itself
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
    } else if (style_high_contrast_ != high_contrast_) {
        apply_imgui_style(theme, text_scale);
        style_high_contrast_ = high_contrast_;
    }
    io.DisplaySize = ImVec2(surface_.css_width(), surface_.css_height());
    io.DisplayFramebufferScale = ImVec2(surface_.pixel_ratio(), surface_.pixel_ratio());
    const double now = emscripten_get_now();
    static_cast<void>(now);
    io.DeltaTime = 1.0f / 60.0f;

    begin_text_input_frame(text_session_);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("##screen", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    scroll_by_touch_drag();
    scroll_y_ = ImGui::GetScrollY();
    scroll_max_y_ = ImGui::GetScrollMaxY();
    control_rects_.clear();
    FrameContext frame{theme, fonts_, text_scale, control_rects_, &text_session_};
    if (gallery_) {
        draw_gallery_screen(frame);
    } else {
        const ViewModel view = build_view(state_);
        switch (state_.screen) {
            case Screen::Welcome: draw_welcome(frame, view, pending_intents_); break;
        }
    }
    ImGui::End();
    if (frame.frames_wanted > 0) request_frames(frame.frames_wanted);
    end_text_input_frame(text_session_);
    ImGui::Render();

    glViewport(0, 0, surface_.framebuffer_width(), surface_.framebuffer_height());
    const ImVec4 clear = ImGui::ColorConvertU32ToFloat4(theme.background);
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++frames_drawn_;
}

// ImGui scrolls with the wheel and the keyboard; on a touch screen a finger drags the page.
// A drag that started on a button does not click it, as ImGui needs the release over the button.
void WebApp::scroll_by_touch_drag() {
    const ImGuiIO& io = ImGui::GetIO();
    constexpr float kDragThresholdPx = 8.0f;
    if (gallery_ && gallery_->ui.pointer_captured()) return;  // a ranking item is being dragged
    if (io.MouseSource != ImGuiMouseSource_TouchScreen || !ImGui::IsMouseDragging(ImGuiMouseButton_Left, kDragThresholdPx)) return;
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

void WebApp::apply_intents() {
    if (pending_intents_.empty() && gallery_actions_.empty()) return;
    for (GalleryAction action : gallery_actions_) {
        if (action == GalleryAction::ToggleContrast) high_contrast_ = !high_contrast_;
        else apply_gallery_action(*gallery_, action);
    }
    gallery_actions_.clear();
    for (const Intent& intent : pending_intents_) {
        if (gallery_ && apply_gallery_intent(*gallery_, intent)) continue;
        Result<AppState> next = apply_intent(state_, intent);
        if (next) {
            state_ = std::move(next).value();
        } else {
            intent_errors_.push_back(next.error().to_string());
        }
    }
    pending_intents_.clear();
    request_frames(kFramesAfterChange);
}

std::string WebApp::view_json() const {
    nlohmann::json view = to_json(build_view(state_));
    for (nlohmann::json& control : view["controls"]) {
        for (const ControlRect& rect : control_rects_) {
            if (rect.id != control["id"].get<std::string>()) continue;
            control["rect"] = {{"x", rect.min.x}, {"y", rect.min.y},
                               {"width", rect.max.x - rect.min.x}, {"height", rect.max.y - rect.min.y}};
        }
    }
    view["canvas"] = {{"cssWidth", surface_.css_width()},
                      {"cssHeight", surface_.css_height()},
                      {"pixelRatio", surface_.pixel_ratio()},
                      {"framebufferWidth", surface_.framebuffer_width()},
                      {"framebufferHeight", surface_.framebuffer_height()},
                      {"contextLost", surface_.context_lost()},
                      {"contextRestores", surface_.context_restores()}};
    view["fonts"] = {{"bodyPx", kBodyFontPx * fonts_.text_size_percent / 100.0f},  // as rasterised
                     {"rasterPixelRatio", fonts_.pixel_ratio},
                     {"atlasBuilds", fonts_.builds}};
    nlohmann::json store = {{"open", store_.has_value()}, {"error", store_error_}};
    if (store_) {
        store["schemaVersion"] = store_->schema_version();
        Result<std::int64_t> count = store_->count_responses();
        store["responses"] = count ? nlohmann::json(*count) : nlohmann::json(nullptr);
    }
    view["store"] = store;
    view["scroll"] = {{"y", scroll_y_}, {"maxY", scroll_max_y_}};
    view["theme"] = high_contrast_ ? "high-contrast" : "default";
    if (gallery_) {
        // Gallery mode: every control drawn (question controls included), and the answers.
        view["screen"] = "gallery";
        view["gallery"] = gallery_json(*gallery_);
        view["answers"] = gallery_->shown_answers;
        nlohmann::json controls = nlohmann::json::array();
        std::string focus;
        for (const ControlRect& rect : control_rects_) {
            controls.push_back({{"id", rect.id}, {"label", rect.label}, {"kind", rect.kind}, {"group", rect.group},
                                {"value", rect.value}, {"enabled", rect.enabled}, {"selected", rect.selected},
                                {"focused", rect.focused},
                                {"rect", {{"x", rect.min.x}, {"y", rect.min.y}, {"width", rect.max.x - rect.min.x},
                                          {"height", rect.max.y - rect.min.y}}}});
            if (rect.focused) focus = rect.id;
        }
        view["controls"] = controls;
        view["focus"] = focus;
        view["textInput"] = {{"field", text_session_.field}};
    }
    view["framesDrawn"] = frames_drawn_;
    view["errors"] = intent_errors_;
    return view.dump();
}

}  // namespace canvass::web
