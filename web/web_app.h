// The web app: owns the core AppState (the UI draws from it and never keeps its own copy of
// answers or settings), the canvas, ImGui and the font atlas, and runs one frame at a time.
// Frames are drawn only while something changes, so an idle page costs almost nothing.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/app/app_state.h"
#include "core/collect/outbox.h"
#include "core/results/results_loader.h"
#include "core/store/durable_store.h"
#include "platform/platform.h"
#include "web/canvas_surface.h"
#include "web/fonts.h"
#include "web/gallery.h"
#include "web/text_field.h"
#include "web/views/question_view.h"
#include "web/widgets.h"

namespace canvass::web {

class WebApp;
WebApp& mutable_running_app();  // web/main.cpp: the one app, for the page's entry points

class WebApp {
public:
    explicit WebApp(const char* canvas_selector) : surface_(canvas_selector), selector_(canvas_selector) {}

    void start();  // without WebGL 2 the app runs as HTML only (web_app.cpp, section 1)
    // Asks for `count` more frames, scheduling an animation frame if none is pending. With
    // nothing requested no animation frame is scheduled at all, so an idle page uses no CPU.
    void request_frames(int count);
    void poll();  // looks for changes that arrive without an input event (size, typed text)
    std::string view_json() const;  // the automation API's view, as JSON text
    // A request from the accessible DOM layer (core/app/semantic_intents.h), applied on the next
    // frame as a canvas click would be; returns "" or why it was refused.
    std::string submit_request(std::string_view request_json);
    // Keyboard focus moved to control `control_id` in the DOM layer ("" for no control, such as
    // a heading): the canvas shows its focus ring there, so sighted keyboard users see it.
    void follow_page_focus(std::string_view control_id);
    DurableStore* store() { return store_ ? &*store_ : nullptr; }  // null when it could not be opened
    void open_staff();  // a kiosk's hidden staff gesture (web/staff_host.cpp)

private:
    void tick();  // one animation frame
    void mark_startup(const char* phase);
    void schedule_frame();
    void schedule_draft_flush();
    void open_store();
    void start_kiosk_if_asked();
    void remember_settings(const AppState& before);
    void load_survey();
    void draw_frame();
    void note_tab_press(bool new_screen);
    void leave_canvas_after_last_control();
    void scroll_by_touch_drag();
    bool apply_intents();  // true when any intent was applied
    void carry_out(Effects effects);
    // A kiosk's staff work (web/staff_host.cpp).
    void load_staff_records();
    void carry_out_staff(const Effects& effects);
    intent::StaffReport staff_report(std::string message) const;
    void report_later(intent::StaffReport report);
    // The results dashboard's files and live responses (web/dashboard_host.cpp).
    void accept_results_files();
    void carry_out_dashboard(const Effects& effects);
    void start_results_loader(std::optional<results::ImportedFile> added);
    void step_results_loader();
    void flush_draft(bool force);
    // The outbox (docs/outbox.md): sends the next queued response when core's rules allow.
    void send_outbox();
    void outbox_answered(const std::string& id, const platform::HttpReply& reply);
    bool after_change(const ViewModel& view);
    void start_gallery(const std::string& name);
    void draw_gallery_screen(FrameContext& frame);

    CanvasSurface surface_;
    const char* selector_;
    AppState state_;
    std::optional<DurableStore> store_;
    std::string store_error_;
    std::string device_id_;      // a kiosk's own id (web/staff_host.cpp)
    std::string kiosk_problem_;  // the kiosk's address has a wrong setting: the page says which
    // Results being counted for a kiosk's dashboard, and the files staff imported for them
    // (web/dashboard_host.cpp); the file being added joins imported_files_ once it counted.
    std::unique_ptr<results::ResultsLoader> loader_;
    std::optional<results::ImportedFile> loading_file_;
    std::vector<results::ImportedFile> imported_files_;
    std::string shown_loading_stage_;                     // the stage and percent last shown, and when
    int shown_loading_percent_ = -1;
    std::chrono::steady_clock::time_point last_loading_shown_;
    Fonts fonts_;
    std::string font_text_;  // the survey's text until the first font build (web/fonts.h)
    std::vector<Intent> pending_intents_;
    std::vector<Intent> finished_intents_;   // from asynchronous work (a submit becoming durable)
    std::optional<Draft> unsaved_draft_;     // written at most once a second while typing
    double unsaved_since_ms_ = 0;
    std::vector<ControlRect> control_rects_;
    std::vector<std::string> intent_errors_;
    std::vector<std::string> store_errors_;  // drafts or submits the store refused
    collect::OutboxPacing outbox_pacing_;    // backoff after failures; kept in memory only (a reload tries at once)
    bool outbox_sending_ = false;            // one request at a time
    bool was_online_ = true;                 // at the last look: coming back online ends the backoff
    QuestionUiState question_ui_;            // the screen's UI-only state (open lists, drags)
    std::string screen_key_;                 // screen + position last drawn: a change resets question_ui_
    std::string document_title_;
    float scroll_y_ = 0, scroll_max_y_ = 0;  // of the screen, as last drawn
    std::optional<std::pair<std::string, float>> prompted_over_;  // the screen and scroll "Are you still there?" covered
    std::optional<float> restore_scroll_y_;
    TextEditSession text_session_;          // the phone-keyboard text element bridge (web/text_field.h)
    bool style_high_contrast_ = false;      // the theme ImGui's style was last built for
    std::unique_ptr<Gallery> gallery_;      // ?gallery=...: the question gallery (web/gallery.h)
    std::vector<GalleryAction> gallery_actions_;
    int frames_to_draw_ = 0;
    bool frame_scheduled_ = false;       // an animation frame is requested and has not run yet
    bool draft_flush_scheduled_ = false;
    long frames_drawn_ = 0;
    std::vector<std::pair<std::string, double>> startup_marks_;  // phase, ms since navigation start
    bool announced_ready_ = false;
    bool html_only_ = false;  // no WebGL 2: no canvas, the HTML layer is the page
    bool view_changed_ = true;  // since the DOM layer last heard: it rebuilds from the view JSON
    // A Tab pressed on the canvas, from the control at this index in control_rects_, waiting to
    // see where ImGui moves the focus (web_app.cpp, leave_canvas_after_last_control).
    int tab_from_ = -1;
    bool tab_backwards_ = false;
};

}  // namespace canvass::web
