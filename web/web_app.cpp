// Frame loop: size the canvas, rebuild fonts when needed, draw the current screen from its
// view-model, then apply the intents the screen produced.
#include "web/web_app.h"

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>

#include "core/app/view_model.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"
#include "platform/platform.h"
#include "web/input.h"
#include "web/store_view.h"
#include "web/theme.h"
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
    return true;
}

// The store is the SQLite file storage.pre.js restored before main() ran, plus the journal
// written after it (docs/storage.md). With another tab open, or no usable storage, it stays
// closed and the view's storage state says why; when full it opens, for reading and export.
void WebApp::open_store() {
    const platform::StorageInfo storage = platform::storage_info();
    if (storage.state != platform::StorageState::Ready && storage.state != platform::StorageState::Full) {
        store_error_ = storage.detail;
        return;
    }
    Result<DurableStore> opened =
        DurableStore::open(platform::database_path(), platform::pending_journal_records(), platform::journal_writer());
    if (opened) {
        store_.emplace(std::move(opened).value());
    } else {
        store_error_ = opened.error().to_string();
    }
}

void WebApp::tick() {
    if (surface_.sync_size()) request_frames(kFramesAfterChange);
    if (surface_.context_lost()) return;
    if (surface_.take_restored()) {
        // Every GPU object died with the old context: re-create them from the CPU-side state.
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplOpenGL3_Init(kGlslVersion);
        request_frames(kFramesAfterChange);
    }
    if (frames_to_draw_ <= 0) {
        if (store_) store_->checkpoint_if_due();  // idle: nothing to draw
        return;
    }
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
    if (ensure_fonts(fonts_, surface_.pixel_ratio(), state_.text_size_percent)) {
        apply_imgui_style(default_theme(), text_scale);
        if (frames_drawn_ > 0) {  // before the first frame, NewFrame creates the texture itself
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
    }
    io.DisplaySize = ImVec2(surface_.css_width(), surface_.css_height());
    io.DisplayFramebufferScale = ImVec2(surface_.pixel_ratio(), surface_.pixel_ratio());
    const double now = emscripten_get_now();
    static_cast<void>(now);
    io.DeltaTime = 1.0f / 60.0f;

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
    FrameContext frame{default_theme(), fonts_, text_scale, control_rects_};
    const ViewModel view = build_view(state_);
    switch (state_.screen) {
        case Screen::Welcome: draw_welcome(frame, view, pending_intents_); break;
    }
    ImGui::End();
    ImGui::Render();

    glViewport(0, 0, surface_.framebuffer_width(), surface_.framebuffer_height());
    const ImVec4 clear = ImGui::ColorConvertU32ToFloat4(default_theme().background);
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
    if (io.MouseSource != ImGuiMouseSource_TouchScreen || !ImGui::IsMouseDragging(ImGuiMouseButton_Left, kDragThresholdPx)) return;
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

void WebApp::apply_intents() {
    if (pending_intents_.empty()) return;
    for (const Intent& intent : pending_intents_) {
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
    view["store"] = store_view(store_ ? &*store_ : nullptr, store_error_);
    view["scroll"] = {{"y", scroll_y_}, {"maxY", scroll_max_y_}};
    view["framesDrawn"] = frames_drawn_;
    view["errors"] = intent_errors_;
    return view.dump();
}

}  // namespace canvass::web
