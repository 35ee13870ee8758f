// The WebGL2 canvas: its context, its size in CSS pixels, and a backing store scaled by
// devicePixelRatio so text is crisp on HiDPI screens. Also follows context loss and restore.
#pragma once

#include <emscripten/html5.h>

namespace canvass::web {

class CanvasSurface {
public:
    explicit CanvasSurface(const char* selector) : selector_(selector) {}

    bool create_context();  // false when WebGL2 is unavailable
    // Re-reads the CSS size and pixel ratio; resizes the backing store. True when either changed.
    bool sync_size();

    float css_width() const { return css_width_; }
    float css_height() const { return css_height_; }
    float pixel_ratio() const { return pixel_ratio_; }
    int framebuffer_width() const { return framebuffer_width_; }
    int framebuffer_height() const { return framebuffer_height_; }
    bool context_lost() const { return context_lost_; }
    int context_restores() const { return restores_; }
    // Set by the restore callback; the renderer re-creates its GPU objects and clears it.
    bool take_restored() { bool was = restored_; restored_ = false; return was; }
    bool restored_pending() const { return restored_; }

private:
    static EM_BOOL on_context_lost(int, const void*, void* self);
    static EM_BOOL on_context_restored(int, const void*, void* self);

    const char* selector_;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context_ = 0;
    float css_width_ = 0, css_height_ = 0, pixel_ratio_ = 0;
    int framebuffer_width_ = 0, framebuffer_height_ = 0;
    bool context_lost_ = false;
    bool restored_ = false;
    int restores_ = 0;
};

}  // namespace canvass::web
