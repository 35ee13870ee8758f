// Creating the WebGL2 context and keeping the backing store matched to the display.
#include "web/canvas_surface.h"

#include <cmath>

namespace canvass::web {

bool CanvasSurface::create_context() {
    EmscriptenWebGLContextAttributes attributes;
    emscripten_webgl_init_context_attributes(&attributes);
    attributes.majorVersion = 2;
    attributes.minorVersion = 0;
    attributes.alpha = false;
    attributes.antialias = false;  // ImGui anti-aliases its own shapes
    attributes.depth = false;
    attributes.stencil = false;
    attributes.premultipliedAlpha = true;
    attributes.powerPreference = EM_WEBGL_POWER_PREFERENCE_LOW_POWER;
    // ImGui's renderer needs nothing beyond core WebGL 2; enabling every extension at start-up
    // costs tens of milliseconds before the first frame.
    attributes.enableExtensionsByDefault = false;
    context_ = emscripten_webgl_create_context(selector_, &attributes);
    if (context_ <= 0) return false;
    emscripten_webgl_make_context_current(context_);
    emscripten_set_webglcontextlost_callback(selector_, this, true, on_context_lost);
    emscripten_set_webglcontextrestored_callback(selector_, this, true, on_context_restored);
    return true;
}

bool CanvasSurface::sync_size() {
    double width = 0, height = 0;
    emscripten_get_element_css_size(selector_, &width, &height);
    const float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
    if (static_cast<float>(width) == css_width_ && static_cast<float>(height) == css_height_ && ratio == pixel_ratio_) {
        return false;
    }
    css_width_ = static_cast<float>(width);
    css_height_ = static_cast<float>(height);
    pixel_ratio_ = ratio > 0 ? ratio : 1.0f;
    framebuffer_width_ = static_cast<int>(std::lround(width * pixel_ratio_));
    framebuffer_height_ = static_cast<int>(std::lround(height * pixel_ratio_));
    emscripten_set_canvas_element_size(selector_, framebuffer_width_, framebuffer_height_);
    return true;
}

EM_BOOL CanvasSurface::on_context_lost(int, const void*, void* self) {
    static_cast<CanvasSurface*>(self)->context_lost_ = true;
    return true;  // preventDefault: asks the browser to restore the context later
}

EM_BOOL CanvasSurface::on_context_restored(int, const void*, void* self) {
    auto* surface = static_cast<CanvasSurface*>(self);
    surface->context_lost_ = false;
    surface->restored_ = true;
    ++surface->restores_;
    return true;
}

}  // namespace canvass::web
