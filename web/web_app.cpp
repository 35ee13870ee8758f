// The web app's frame loop and its host duties: size the canvas, rebuild fonts when needed,
// draw the current screen from its view-model, apply the intents the screen produced through
// core, and carry out the effects core asks for (drafts, durable submits, announcements).
//
// Sections:
//   1. Start-up: ImGui, the store, the survey, the person's saved settings
//   2. The frame loop
//   3. Intents and their effects
//   4. The question gallery (?gallery=, web/gallery.h)
//   5. The automation view
#include "web/web_app.h"

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cstdlib>

#include "core/app/kiosk_settings.h"
#include "core/app/semantic_intents.h"
#include "core/app/survey_source.h"
#include "core/app/ui_text.h"
#include "core/store/bundle.h"
#include "core/survey/manifest.h"
#include "core/app/view_model.h"
#include "core/io/json_document.h"
#include "core/util/uk_time.h"
#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"
#include "platform/platform.h"
#include "web/input.h"
#include "web/store_view.h"
#include "web/theme.h"
#include "web/views/flow_view.h"
#include "web/views/gallery_view.h"

namespace canvass::web {
namespace {

constexpr const char* kGlslVersion = "#version 300 es";
constexpr int kFramesAfterChange = 3;  // ImGui settles hover, focus and layout within a few frames
// While someone types, drafts are written at most this often; a move to another screen writes at once.
constexpr double kDraftWriteIntervalMs = 1000;
// How often an idle page looks for changes that come without an event (web_app.cpp, section 2).
constexpr double kPollIntervalMs = 500;

// clang-format off
EM_JS(void, js_signal_ready, (), { if (Module.onCanvassReady) Module.onCanvassReady(); });
EM_JS(void, js_signal_view_changed, (int kiosk), { if (Module.onCanvassViewChanged) Module.onCanvassViewChanged(!!kiosk); });
EM_JS(void, js_signal_html_only, (), { if (Module.onCanvassHtmlOnly) Module.onCanvassHtmlOnly(); });
EM_JS(void, js_signal_tab_out, (int backwards), { if (Module.onCanvassTabOut) Module.onCanvassTabOut(!!backwards); });
// clang-format on

WebApp* input_target = nullptr;
void on_any_input() {
    if (input_target) input_target->request_frames(kFramesAfterChange);
}

IntentContext intent_context() { return IntentContext{platform::now().unix_ms, platform::random_bytes_16()}; }

// What to tell a resident when the survey cannot be answered here, in their language.
std::string storage_problem(const platform::StorageInfo& storage, std::string_view locale) {
    const bool pl = locale == "pl";
    switch (storage.state) {
        case platform::StorageState::Ready: return {};
        case platform::StorageState::Full:
            return pl ? "To urządzenie nie ma miejsca na zapisanie odpowiedzi. Poproś o pomoc lub użyj innego urządzenia."
                      : "This device has no room to save your answers. Please ask for help, or use another device.";
        case platform::StorageState::OtherTab:
            return pl ? "Canvass jest już otwarty w innej karcie. Zamknij tamtą kartę, aby kontynuować tutaj."
                      : "Canvass is already open in another tab. Close that tab to carry on here.";
        case platform::StorageState::Unavailable: break;
    }
    return pl ? "Ta przeglądarka nie pozwala zapisać odpowiedzi (na przykład w trybie prywatnym). Otwórz ankietę w zwykłym oknie przeglądarki."
              : "This browser is not letting us save your answers (for example, in a private window). Please open the survey in a normal browser window.";
}

std::string boot_problem(BootFailure failure, const Error& error, std::string_view locale) {
    const bool pl = locale == "pl";
    std::string advice;
    switch (failure) {
        case BootFailure::Download:
            advice = pl ? "Sprawdź połączenie z internetem i odśwież stronę." : "Check your internet connection and reload the page.";
            break;
        case BootFailure::UnknownSurvey:
            advice = pl ? "Sprawdź otrzymany link." : "Check the link you were given.";
            break;
        default:
            advice = pl ? "Ankieta nie jest poprawnie skonfigurowana." : "This survey is not set up correctly.";
    }
    return advice + " (" + error.to_string() + ")";
}

}  // namespace

// --- 1. Start-up ---------------------------------------------------------------------------------

// Without WebGL 2 (an old browser, a locked-down council PC) the app runs without its canvas:
// the accessible HTML layer (web/page/semantics.js) becomes the visible page, and every frame
// only applies intents and tells the layer the view changed. The person can also ask for that
// plain page: with forced colours (Windows contrast themes), which a canvas cannot follow, or
// with ?view=html, for their own style sheet or text spacing (docs/accessibility.md).
void WebApp::start() {
    mark_startup("main");
    html_only_ = platform::prefers_plain_page() || !surface_.create_context();
    if (html_only_) {
        js_signal_html_only();
    } else {
        mark_startup("webglContext");
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;  // no imgui.ini: layout is the app's, not the user's
        io.LogFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        io.ConfigWindowsMoveFromTitleBarOnly = true;
        io.BackendPlatformName = "canvass_html5";
        ImGui_ImplOpenGL3_Init(kGlslVersion);
        install_input_callbacks(selector_, on_any_input);
        surface_.sync_size();
    }
    input_target = this;
    platform::set_wake_handler(on_any_input);
    emscripten_set_interval([](void* self) { static_cast<WebApp*>(self)->poll(); }, kPollIntervalMs, this);

    // An event kiosk starts each respondent from the defaults; anywhere else the person's settings
    // from an earlier visit apply, else what their system asks for.
    start_kiosk_if_asked();
    if (!state_.kiosk) {
        const std::string locale = platform::stored_preference("locale");
        if (!locale.empty()) pending_intents_.push_back(intent::SetLocale{locale});
        // Text size: the person's choice here, else the browser's text-size setting to the nearest step.
        const std::string chosen_size = platform::stored_preference("text_size");
        const int text_size = chosen_size.empty() ? platform::browser_text_size_percent() : std::atoi(chosen_size.c_str());
        const int steps = (text_size - kMinTextSizePercent + kTextSizeStepPercent / 2) / kTextSizeStepPercent;
        if (steps > 0) pending_intents_.push_back(intent::ChangeTextSize{steps});
        const std::string contrast = platform::stored_preference("high_contrast");
        const bool high_contrast = contrast.empty() ? platform::prefers_more_contrast() || platform::url_parameter("contrast") == "high"
                                                    : contrast == "1";
        if (high_contrast) pending_intents_.push_back(intent::SetHighContrast{true});
    }
    apply_intents();

    mark_startup("imgui");
    open_store();
    load_staff_records();
    mark_startup("store");
    if (const std::string gallery = platform::url_parameter("gallery"); !gallery.empty()) {
        start_gallery(gallery);
    } else {
        load_survey();
        apply_intents();  // so the first frame shows the survey's first screen, not "loading"
        mark_startup("survey");
    }
    accept_results_files();
    request_frames(kFramesAfterChange);
}

// ?kiosk=1 makes this device an event kiosk until ?kiosk=0 (docs/kiosk.md); the choice is kept
// on the device, so a reload or a browser restart stays a kiosk. Timings come from the address.
void WebApp::start_kiosk_if_asked() {
    const std::string asked = platform::url_parameter("kiosk");
    if (asked == "1" || asked == "0") platform::store_preference("kiosk", asked);
    // The address wins: with storage blocked nothing is remembered, and ?kiosk=1 must still be a kiosk.
    if (asked != "1" && (!asked.empty() || platform::stored_preference("kiosk") != "1")) return;
    Result<KioskSettings> settings = kiosk_settings_from([](std::string_view name) { return platform::url_parameter(name); });
    if (!settings) {
        kiosk_problem_ = "This kiosk's web address has a wrong setting: " + settings.error().to_string() +
                         ". Correct the address, then reload the page.";
        return;
    }
    pending_intents_.push_back(intent::SetKiosk{*settings});
    apply_intents();
}

// The store is the checkpoint storage.pre.js read before main() ran, in memory, plus the
// journal written after it (docs/storage.md). With another tab open, or no usable storage, it stays
// closed and the view's storage state says why; when full it opens, for reading and export.
void WebApp::open_store() {
    const platform::StorageInfo storage = platform::storage_info();
    if (storage.state != platform::StorageState::Ready && storage.state != platform::StorageState::Full) {
        store_error_ = storage.detail;
        return;
    }
    Result<DurableStore> opened =
        DurableStore::open(platform::database_location(), platform::pending_journal_records(), platform::journal_writer());
    if (opened) {
        store_.emplace(std::move(opened).value());
    } else {
        store_error_ = opened.error().to_string();
    }
}

// The survey boot.js fetched, checked by core; a resident who cannot answer here is told so
// on the first screen, before they start, never after they finish.
void WebApp::load_survey() {
    const std::int64_t now_ms = platform::now().unix_ms;
    BootFailure failure = BootFailure::None;
    const BootDocuments documents = platform::boot_documents();
    font_text_ = documents.manifest_text + documents.survey_text;
    Result<LoadedSurvey> loaded = load_boot_survey(documents, now_ms, &failure);
    intent::SurveyLoaded event;
    if (!kiosk_problem_.empty()) {
        event.failure = kiosk_problem_;
        pending_intents_.push_back(std::move(event));
        return;
    }
    if (!loaded) {
        event.failure = boot_problem(failure, loaded.error(), state_.locale);
        pending_intents_.push_back(std::move(event));
        return;
    }
    const bool closed = loaded->availability.state != survey::AvailabilityState::Open;
    event.survey = to_active_survey(std::move(loaded).value());
    event.closed = closed;
    const platform::StorageInfo storage = platform::storage_info();
    if (!store_ || storage.state != platform::StorageState::Ready) {
        event.failure = storage_problem(storage, state_.locale);
        if (event.failure.empty()) event.failure = store_error_;
    } else if (!closed) {
        Result<std::optional<Draft>> draft = store_->take_live_draft(event.survey->model.id, now_ms, kDefaultDraftMaxAgeMs);
        if (draft) event.draft = std::move(draft).value();
        else store_errors_.push_back(draft.error().to_string());
    }
    pending_intents_.push_back(std::move(event));
}

// --- 2. The frame loop -------------------------------------------------------------------------
// Frames are drawn on demand: input, a resize, typed text or finished work asks for a few
// frames (ImGui settles hover, focus and layout within them), and each asks the browser for
// the next animation frame only while more are wanted. An idle page schedules nothing; a slow
// heartbeat (kPollIntervalMs) catches what arrives without an event, such as a pixel-ratio change.

// Where start-up time goes, on the page's clock (ms since navigation start): docs/benchmarks.md.
void WebApp::mark_startup(const char* phase) { startup_marks_.emplace_back(phase, emscripten_get_now()); }

void WebApp::request_frames(int count) {
    if (count > frames_to_draw_) frames_to_draw_ = count;
    if (frames_to_draw_ > 0) schedule_frame();
}

void WebApp::schedule_frame() {
    if (frame_scheduled_) return;
    frame_scheduled_ = true;
    emscripten_request_animation_frame(
        [](double, void* self) -> EM_BOOL {
            static_cast<WebApp*>(self)->tick();
            return false;
        },
        this);
}

// While someone types, the draft waits out the write interval; this writes it then, frame or not.
void WebApp::schedule_draft_flush() {
    if (draft_flush_scheduled_ || !unsaved_draft_) return;
    draft_flush_scheduled_ = true;
    const double wait_ms = std::max(0.0, kDraftWriteIntervalMs - (emscripten_get_now() - unsaved_since_ms_));
    emscripten_set_timeout(
        [](void* self) {
            auto* app = static_cast<WebApp*>(self);
            app->draft_flush_scheduled_ = false;
            app->flush_draft(false);
            app->schedule_draft_flush();  // not yet due (a newer draft came): wait again
        },
        wait_ms + 1, this);
}

void WebApp::poll() {
    if (!html_only_ && surface_.sync_size()) request_frames(kFramesAfterChange);
    // A kiosk's timeouts (thank-you, idle, countdown) are due: core decides what happens.
    if (const auto due = kiosk_next_tick_ms(state_); due && platform::now().unix_ms >= *due) {
        pending_intents_.push_back(intent::Tick{});
        request_frames(kFramesAfterChange);
    }
    if (platform::text_input_has_events()) request_frames(kFramesAfterChange);
    if (!finished_intents_.empty()) request_frames(kFramesAfterChange);
    if (surface_.restored_pending()) request_frames(kFramesAfterChange);
    send_outbox();
    // Idle (no frame wanted): a good moment to save the whole database, even when changes came
    // in without drawing anything (a kiosk's exports, the test exports).
    if (!frame_scheduled_ && store_) store_->checkpoint_if_due();
}

void WebApp::tick() {
    frame_scheduled_ = false;
    poll();
    if (!finished_intents_.empty()) {
        for (Intent& intent : finished_intents_) pending_intents_.push_back(std::move(intent));
        finished_intents_.clear();
        apply_intents();
    }
    if (unsaved_draft_) flush_draft(false);
    step_results_loader();
    if (surface_.context_lost()) return;
    if (surface_.take_restored()) {
        // Every GPU object died with the old context: re-create them from the CPU-side state.
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplOpenGL3_Init(kGlslVersion);
        request_frames(kFramesAfterChange);
    }
    if (frames_to_draw_ > 0) {
        --frames_to_draw_;
        draw_frame();
        // A click that changed the screen is drawn in this same animation frame rather than the
        // next, a frame sooner: the person sees the new screen as soon as the browser can show it.
        if (apply_intents() && frames_to_draw_ > 0) {
            --frames_to_draw_;
            draw_frame();
            apply_intents();
        }
        if (!ImGui::GetCurrentContext()->InputEventsQueue.empty()) request_frames(1);
        if (!announced_ready_) {
            mark_startup("firstFrame");
            announced_ready_ = true;
            js_signal_ready();
        }
        if (view_changed_) {
            view_changed_ = false;
            js_signal_view_changed(state_.kiosk ? 1 : 0);
        }
    }
    if (frames_to_draw_ > 0 || loader_) {  // results being counted need the next frame's slice
        schedule_frame();
        return;
    }
    // Idle: a good moment to save the whole database, and to make sure a typed draft is written.
    if (store_) store_->checkpoint_if_due();
    schedule_draft_flush();
}

void WebApp::draw_frame() {
    if (html_only_) {  // nothing to draw: the HTML layer shows the view
        after_change(build_view(state_));
        ++frames_drawn_;
        return;
    }
    ImGuiIO& io = ImGui::GetIO();
    const float text_scale = state_.text_size_percent / 100.0f;
    const Theme& theme = theme_for(state_.high_contrast);
    if (ensure_fonts(fonts_, surface_.pixel_ratio(), state_.text_size_percent, font_text_.c_str())) {
        if (frames_drawn_ == 0) mark_startup("fonts");
        font_text_ = std::string();  // read once: the fonts keep the characters they need
        apply_imgui_style(theme, text_scale);
        style_high_contrast_ = state_.high_contrast;
        if (frames_drawn_ > 0) {  // before the first frame, NewFrame creates the texture itself
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
        }
    } else if (style_high_contrast_ != state_.high_contrast) {
        apply_imgui_style(theme, text_scale);
        style_high_contrast_ = state_.high_contrast;
    }
    io.DisplaySize = ImVec2(surface_.css_width(), surface_.css_height());
    io.DisplayFramebufferScale = ImVec2(surface_.pixel_ratio(), surface_.pixel_ratio());
    io.DeltaTime = 1.0f / 60.0f;  // frames are drawn on demand, so wall-clock deltas mean nothing

    begin_text_input_frame(text_session_);
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    if (frames_drawn_ == 0) mark_startup("gpuObjects");  // shaders and the font texture, made on the first frame
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    const ViewModel view = build_view(state_);
    const bool new_screen = !gallery_ && after_change(view);
    if (new_screen) ImGui::SetNextWindowScroll(ImVec2(0, restore_scroll_y_.value_or(0)));  // a new screen starts at the top
    ImGui::Begin("##screen", nullptr,
                 ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                     ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    scroll_by_touch_drag();
    // Back from a kiosk's prompt: the frame after the screen returns, when ImGui knows its height
    // again (a scroll is clamped to the last frame's content), goes back to where the person was.
    if (restore_scroll_y_ && !new_screen) {
        ImGui::SetScrollY(*restore_scroll_y_);
        restore_scroll_y_.reset();
        request_frames(2);
    }
    // The focused control went with the old screen: the keyboard starts again at the top of the new one.
    // (Not when back from a kiosk's prompt, which returns to where the person was.)
    if (new_screen && !restore_scroll_y_) ImGui::NavInitWindow(ImGui::GetCurrentWindow(), true);
    note_tab_press(new_screen);
    control_rects_.clear();
    FrameContext frame{theme, fonts_, text_scale, control_rects_, &text_session_};
    QuestionUiState& ui = gallery_ ? gallery_->ui : question_ui_;
    frame.focus_request = &ui.focus_request;
    frame.focus_visible = &ui.focus_visible;
    if (gallery_) {
        draw_gallery_screen(frame);
    } else {
        FlowOutput output;
        draw_screen(frame, view, question_ui_, pending_intents_, output);
        if (!output.open_url.empty()) platform::open_page(output.open_url);
    }
    scroll_y_ = ImGui::GetScrollY();
    scroll_max_y_ = ImGui::GetScrollMaxY();
    ImGui::End();
    leave_canvas_after_last_control();
    if (frame.frames_wanted > 0) request_frames(frame.frames_wanted);  // an animation or a scroll still under way
    end_text_input_frame(text_session_);
    ImGui::Render();

    glViewport(0, 0, surface_.framebuffer_width(), surface_.framebuffer_height());
    const ImVec4 clear = ImGui::ColorConvertU32ToFloat4(theme.background);
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++frames_drawn_;
}

namespace {
int focused_control_index(const std::vector<ControlRect>& rects) {
    const auto it = std::find_if(rects.begin(), rects.end(), [](const ControlRect& rect) { return rect.focused; });
    return it == rects.end() ? -1 : static_cast<int>(it - rects.begin());
}
}  // namespace

// Tab from the canvas's last control (Shift+Tab from its first) must leave the canvas, as it
// leaves any other part of a page, or the keyboard would be trapped there (WCAG 2.1.2). ImGui
// wraps round instead, a frame after the press; seeing it wrap, the page moves the focus on into
// the DOM layer (web/page/semantics.js), whose ring the canvas then follows.
void WebApp::note_tab_press(bool new_screen) {
    // A Tab that moved nothing (one control, an open list) must not count later, after a click.
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) || new_screen) tab_from_ = -1;
    if (!ImGui::IsKeyPressed(ImGuiKey_Tab, false)) return;
    tab_from_ = focused_control_index(control_rects_);
    tab_backwards_ = ImGui::GetIO().KeyShift;
}

void WebApp::leave_canvas_after_last_control() {
    if (tab_from_ < 0) return;
    const int now = focused_control_index(control_rects_);
    if (now < 0 || now == tab_from_) return;  // not moved yet
    const bool wrapped = tab_backwards_ ? now > tab_from_ : now < tab_from_;
    tab_from_ = -1;
    if (wrapped) js_signal_tab_out(tab_backwards_ ? 1 : 0);
}

void WebApp::follow_page_focus(std::string_view control_id) {
    if (html_only_) return;
    QuestionUiState& ui = gallery_ ? gallery_->ui : question_ui_;
    if (control_id.empty()) {
        ImGui::GetCurrentContext()->NavDisableHighlight = true;  // a heading: no canvas control has the focus
    } else {
        ui.focus_request = std::string(control_id);
        ui.focus_visible = true;
    }
    request_frames(kFramesAfterChange);
}

// A new screen gets fresh UI state, and the page title follows the step. True when the screen
// changed since the last frame.
bool WebApp::after_change(const ViewModel& view) {
    if (view.document_title != document_title_) {
        document_title_ = view.document_title;
        platform::set_document_title(document_title_);
    }
    std::string key = view.screen + ":" + std::to_string(state_.position.page) + ":" + std::to_string(state_.position.element);
    if (key == screen_key_) return false;
    // A kiosk's "Are you still there?" covers the screen for a moment: "Yes" returns to the same
    // place on it, not to its top (a long check-answers page would be lost).
    restore_scroll_y_.reset();
    if (view.screen == "still-there") {
        prompted_over_ = {screen_key_, scroll_y_};
    } else {
        if (prompted_over_ && prompted_over_->first == key) restore_scroll_y_ = prompted_over_->second;
        prompted_over_.reset();  // anywhere else (the answers discarded): the next person starts at the top
    }
    screen_key_ = std::move(key);
    question_ui_ = QuestionUiState{};
    return true;
}

// ImGui scrolls with the wheel and the keyboard; on a touch screen a finger drags the page.
// A drag that started on a button does not click it, as ImGui needs the release over the button.
void WebApp::scroll_by_touch_drag() {
    const ImGuiIO& io = ImGui::GetIO();
    constexpr float kDragThresholdPx = 8.0f;
    if (question_ui_.pointer_captured() || (gallery_ && gallery_->ui.pointer_captured())) return;  // a ranking drag
    if (io.MouseSource != ImGuiMouseSource_TouchScreen || !ImGui::IsMouseDragging(ImGuiMouseButton_Left, kDragThresholdPx)) return;
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

// --- 3. Intents and their effects ------------------------------------------------------------------

bool WebApp::apply_intents() {
    if (pending_intents_.empty() && gallery_actions_.empty()) return false;
    for (GalleryAction action : gallery_actions_) {
        if (action == GalleryAction::ToggleContrast) pending_intents_.push_back(intent::SetHighContrast{!state_.high_contrast});
        else apply_gallery_action(*gallery_, action);
    }
    gallery_actions_.clear();
    std::vector<Intent> intents = std::move(pending_intents_);
    pending_intents_.clear();
    for (const Intent& intent : intents) {
        if (gallery_ && apply_gallery_intent(*gallery_, intent)) continue;
        const AppState before = state_;
        Result<Transition> next = apply_intent(state_, intent, intent_context());
        if (!next) {
            intent_errors_.push_back(next.error().to_string());
            continue;
        }
        state_ = std::move(next->state);
        if (!state_.kiosk) remember_settings(before);
        if (state_.kiosk.has_value() != before.kiosk.has_value()) accept_results_files();
        if (!before.show_errors && state_.show_errors && state_.screen == Screen::Question) {
            // Continue found errors: the keyboard focus goes to the first question in error.
            const ViewModel shown = build_view(state_);
            if (!shown.errors.empty()) {
                question_ui_.focus_request = first_control_id(shown, shown.errors.front().target);
                question_ui_.focus_visible = true;
            }
        }
        const bool typing = std::holds_alternative<intent::Answer>(intent) || std::holds_alternative<intent::SetComment>(intent);
        carry_out(std::move(next->effects));
        if (!typing) flush_draft(true);
    }
    view_changed_ = true;
    request_frames(kFramesAfterChange);
    return true;
}

// A person's display settings are kept on their device for their next visit (never on a kiosk,
// where the next visit is someone else's).
void WebApp::remember_settings(const AppState& before) {
    if (state_.locale != before.locale) platform::store_preference("locale", state_.locale);
    if (state_.text_size_percent != before.text_size_percent) platform::store_preference("text_size", std::to_string(state_.text_size_percent));
    if (state_.high_contrast != before.high_contrast) platform::store_preference("high_contrast", state_.high_contrast ? "1" : "0");
}

std::string WebApp::submit_request(std::string_view request_json) {
    Result<nlohmann::json> request = parse_json_document(request_json, "request");
    if (!request) return request.error().to_string();
    Result<Intent> intent = intent_from_request(build_view(state_), *request);
    if (!intent) return intent.error().to_string();
    pending_intents_.push_back(std::move(intent).value());
    request_frames(kFramesAfterChange);
    return {};
}

void WebApp::carry_out(Effects effects) {
    if (!effects.announce.empty()) platform::announce(effects.announce);
    carry_out_dashboard(effects);  // a results file needs no store
    if (effects.leave_kiosk) {  // needs no store: a kiosk whose storage failed can still stop being one
        platform::store_preference("kiosk", "0");
        pending_intents_.push_back(intent::SetKiosk{std::nullopt});
    }
    if (!store_ || !state_.survey) {
        const bool staff_work = effects.export_responses || effects.choose_saved_file || !effects.device_settings.empty();
        if (staff_work) pending_intents_.push_back(intent::StaffReport{std::nullopt, "This browser's storage cannot be used here, so nothing can be saved, exported or deleted: " + store_error_, {}, ""});
        return;
    }
    const std::string survey_id = state_.survey->model.id;
    if (effects.save_draft) {
        if (!unsaved_draft_) unsaved_since_ms_ = emscripten_get_now();
        unsaved_draft_ = std::move(effects.save_draft);
    }
    if (effects.discard_draft) {
        unsaved_draft_.reset();
        if (Status done = store_->discard_draft(survey_id); !done) store_errors_.push_back(done.error().to_string());
    }
    if (!effects.discarded_partial_id.empty()) {
        const CivilDate today = uk_local_time(platform::now()).date;
        const std::string day = format_day(TimePoint{days_from_civil(today) * 86'400'000});
        if (Status noted = store_->note_discarded_partial(effects.discarded_partial_id, day); !noted) {
            store_errors_.push_back(noted.error().to_string());
        }
    }
    if (state_.kiosk) carry_out_staff(effects);
    if (effects.submit) {
        unsaved_draft_.reset();  // the submit removes the draft; a late draft write must not bring it back
        auto on_durable = [this](Status durable) {
            finished_intents_.push_back(intent::SubmitFinished{durable.ok(), durable.ok() ? "" : durable.error().to_string()});
            request_frames(kFramesAfterChange);
        };
        const std::string& collector = state_.survey->collector;
        if (collector.empty()) {
            store_->submit(*effects.submit, std::move(on_durable));
        } else {
            // Queued with the response, in its transaction and journal record (docs/outbox.md);
            // the body is fixed now, so every retry sends the same response.
            OutboxEntry queued{effects.submit->id, survey::collector_endpoint(collector),
                               posted_response_body(*effects.submit, state_.kiosk ? device_id_ : std::string()),
                               effects.submit->submitted_at, OutboxState::Queued, ""};
            store_->submit(*effects.submit, queued, std::move(on_durable));
        }
    }
}

// --- The outbox (docs/outbox.md) ---------------------------------------------------------------------
// Called on every heartbeat and after each answer: core decides whether and what to send (online,
// one at a time, not while a kiosk respondent is answering, not before the backoff is over).
void WebApp::send_outbox() {
    if (!store_ || outbox_sending_) return;
    const bool online = platform::network_online();
    if (online && !was_online_) outbox_pacing_ = collect::after_back_online(outbox_pacing_);
    was_online_ = online;
    if (!online && state_.delivery == Delivery::Sending) {
        // Submitted offline: the confirmation says it waits on this device.
        finished_intents_.push_back(intent::OutboxProgress{state_.submitted_id, Delivery::WaitingForNetwork});
        request_frames(kFramesAfterChange);
    }
    const std::int64_t now_ms = platform::now().unix_ms;
    if (!online || now_ms < outbox_pacing_.next_try_ms || !outbox_may_send(state_)) return;  // before reading the queue
    Result<std::vector<OutboxEntry>> queued = store_->store().queued_outbox();
    if (!queued) {
        outbox_pacing_.last_error = "reading the outbox: " + queued.error().to_string();
        return;
    }
    // A response whose save failed on screen waits until it is saved (pressed again, or a checkpoint).
    std::erase_if(*queued, [&](const OutboxEntry& e) { return store_->submit_failed(e.id); });
    const std::optional<std::size_t> next =
        collect::next_outbox_entry(*queued, outbox_pacing_, now_ms, {online, outbox_sending_, !outbox_may_send(state_)});
    if (!next) return;
    const OutboxEntry& entry = (*queued)[*next];
    outbox_sending_ = true;
    platform::post_json(entry.url, entry.body, [this, id = entry.id](platform::HttpReply reply) { outbox_answered(id, reply); });
}

void WebApp::outbox_answered(const std::string& id, const platform::HttpReply& reply) {
    outbox_sending_ = false;
    const collect::SendOutcome outcome = collect::judge_collector_reply(reply.status, reply.body, id);
    const Delivery delivery = outcome.verdict == collect::SendVerdict::Sent    ? Delivery::Sent
                              : outcome.verdict == collect::SendVerdict::Retry ? Delivery::WaitingForNetwork
                                                                               : Delivery::Refused;
    finished_intents_.push_back(intent::OutboxProgress{id, delivery});
    std::optional<std::string> failure;  // why the entry is still queued; none when it is settled
    if (outcome.verdict == collect::SendVerdict::Retry) {
        failure = outcome.reason;
    } else {
        const OutboxState state = outcome.verdict == collect::SendVerdict::Sent ? OutboxState::Sent : OutboxState::Refused;
        if (Status settled = store_->settle_outbox(id, state, outcome.reason); !settled) {
            // Not recorded, so still queued: paced as a failure rather than posted again at once.
            store_errors_.push_back(settled.error().to_string());
            failure = "recording the collector's answer: " + settled.error().to_string();
        }
        if (state_.kiosk && state_.screen == Screen::Staff) finished_intents_.push_back(staff_report({}));  // the figures move
    }
    if (failure) {
        const auto random = platform::random_bytes_16();
        outbox_pacing_ = collect::after_failure(outbox_pacing_, platform::now().unix_ms, {random[0], random[1]}, *failure);
    } else {
        outbox_pacing_ = collect::after_answer(outbox_pacing_);
    }
    view_changed_ = true;  // the automation view's counts moved
    request_frames(kFramesAfterChange);
    send_outbox();  // the next one at once, if any
}

// Writes the latest draft: at once when `force`, else once it has waited the write interval.
void WebApp::flush_draft(bool force) {
    if (!unsaved_draft_ || !store_) return;
    if (!force && emscripten_get_now() - unsaved_since_ms_ < kDraftWriteIntervalMs) return;
    if (Status saved = store_->save_draft(*unsaved_draft_); !saved) store_errors_.push_back(saved.error().to_string());
    unsaved_draft_.reset();
}

// --- 4. The question gallery (web/gallery.h) ----------------------------------------------------------

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
    draw_gallery(frame, *gallery_, {state_.locale, state_.text_size_percent, state_.high_contrast}, gallery_->ui,
                 pending_intents_, gallery_actions_);
}

// --- 5. The automation view -----------------------------------------------------------------------------

std::string WebApp::view_json() const {
    nlohmann::json view = to_json(build_view(state_));
    auto rect_json = [](const ControlRect& rect) {
        return nlohmann::json{{"x", rect.min.x}, {"y", rect.min.y}, {"width", rect.max.x - rect.min.x}, {"height", rect.max.y - rect.min.y}};
    };
    // Screen controls from the view-model, with where they were drawn; then every other
    // control drawn (the questions' own), as the question view describes them.
    nlohmann::json controls = nlohmann::json::array();
    std::string focus;
    for (nlohmann::json& control : view["controls"]) {
        for (const ControlRect& rect : control_rects_) {
            if (rect.id == control["id"].get<std::string>()) {
                control["rect"] = rect_json(rect);
                control["focused"] = rect.focused;
            }
        }
        // Only what is on screen; without a canvas, every control of the view (the HTML layer shows them).
        if (control.contains("rect") || html_only_) controls.push_back(control);
    }
    for (const ControlRect& rect : control_rects_) {
        if (rect.focused) focus = rect.id;
        const bool listed = std::any_of(view["controls"].begin(), view["controls"].end(),
                                        [&](const nlohmann::json& c) { return c["id"] == rect.id; });
        if (listed) continue;
        controls.push_back({{"id", rect.id}, {"label", rect.label}, {"kind", rect.kind}, {"group", rect.group},
                            {"value", rect.value}, {"enabled", rect.enabled}, {"selected", rect.selected},
                            {"focused", rect.focused}, {"rect", rect_json(rect)}});
    }
    view["controls"] = controls;
    view["focusedControl"] = focus;
    view["textInput"] = {{"field", text_session_.field}};
    if (state_.evaluation) {
        view["response"] = {{"id", state_.response_id}, {"answers", state_.answers}};
    }
    if (state_.screen == Screen::Confirmation) view["submittedId"] = state_.submitted_id;
    if (state_.survey) view["survey"] = {{"id", state_.survey->model.id}, {"version", state_.survey->model.version}};
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
    view["store"]["errors"] = store_errors_;
    if (store_) {
        nlohmann::json outbox = {{"collector", state_.survey ? state_.survey->collector : std::string()},
                                 {"online", platform::network_online()},
                                 {"sending", outbox_sending_},
                                 {"failures", outbox_pacing_.failures},
                                 {"lastError", outbox_pacing_.last_error}};
        if (Result<OutboxCounts> counts = store_->store().count_outbox(); counts) {
            outbox["queued"] = counts->queued;
            outbox["sent"] = counts->sent;
            outbox["refused"] = counts->refused;
        }
        view["store"]["outbox"] = outbox;
    }
    view["scroll"] = {{"y", scroll_y_}, {"maxY", scroll_max_y_}};
    view["theme"] = state_.high_contrast ? "high-contrast" : "default";
    if (gallery_) {
        view["screen"] = "gallery";
        view["gallery"] = gallery_json(*gallery_);
        view["answers"] = gallery_->shown_answers;
        view["focus"] = focus;  // the gallery's tests predate focusedControl
    }
    view["framesDrawn"] = frames_drawn_;
    view["htmlOnly"] = html_only_;
    view["startup"] = startup_marks_;
    view["errors"] = intent_errors_;
    return view.dump();
}

}  // namespace canvass::web
