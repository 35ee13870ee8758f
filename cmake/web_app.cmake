# The web app: core + Dear ImGui + WebGL2, linked to canvass.js/.wasm and laid out with the page
# files as a deployable folder of static files in ${CANVASS_SITE_DIR}.
set(CANVASS_SITE_DIR "${CMAKE_BINARY_DIR}/site")

add_library(canvass_imgui STATIC
  "${IMGUI_DIR}/imgui.cpp"
  "${IMGUI_DIR}/imgui_draw.cpp"
  "${IMGUI_DIR}/imgui_tables.cpp"
  "${IMGUI_DIR}/imgui_widgets.cpp"
  "${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp"
  "${IMGUI_DIR}/misc/cpp/imgui_stdlib.cpp")
target_include_directories(canvass_imgui SYSTEM PUBLIC "${IMGUI_DIR}" "${IMGUI_DIR}/backends" "${IMGUI_DIR}/misc/cpp")
target_compile_definitions(canvass_imgui PUBLIC
  IMGUI_IMPL_OPENGL_ES3
  IMGUI_DISABLE_DEMO_WINDOWS
  IMGUI_DISABLE_DEBUG_TOOLS
  IMGUI_DISABLE_OBSOLETE_FUNCTIONS
  IMGUI_DISABLE_OBSOLETE_KEYIO)
target_compile_options(canvass_imgui PRIVATE -w)

# The two Noto Sans subsets scripts/setup made, compiled in as byte arrays (web/embedded_fonts.h).
set(CANVASS_FONTS "${CANVASS_DEPS}/fonts")
set(CANVASS_EMBEDDED_FONTS "${CMAKE_BINARY_DIR}/generated/embedded_fonts.cpp")
add_custom_command(OUTPUT "${CANVASS_EMBEDDED_FONTS}"
  COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${CANVASS_EMBEDDED_FONTS}" -DNAMESPACE=canvass::web
    "-DENTRIES=kNotoSansRegular=${CANVASS_FONTS}/NotoSans-Regular.ttf|kNotoSansBold=${CANVASS_FONTS}/NotoSans-Bold.ttf"
    -P "${CMAKE_SOURCE_DIR}/cmake/embed_binary.cmake"
  DEPENDS "${CANVASS_FONTS}/NotoSans-Regular.ttf" "${CANVASS_FONTS}/NotoSans-Bold.ttf" "${CMAKE_SOURCE_DIR}/cmake/embed_binary.cmake"
  COMMENT "Embedding the font subsets"
  VERBATIM)

file(GLOB_RECURSE CANVASS_WEB_SOURCES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/web/*.cpp")
add_executable(canvass_web ${CANVASS_WEB_SOURCES} "${CANVASS_EMBEDDED_FONTS}")
set_target_properties(canvass_web PROPERTIES
  OUTPUT_NAME canvass
  SUFFIX ".js"
  RUNTIME_OUTPUT_DIRECTORY "${CANVASS_SITE_DIR}")
target_link_libraries(canvass_web PRIVATE canvass_core canvass_platform canvass_imgui)
target_compile_options(canvass_web PRIVATE ${CANVASS_WARNINGS})

target_link_options(canvass_web PRIVATE
  -Oz                             # smallest wasm; also minifies the JS glue
  -sUSE_WEBGL2=1 -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1
  -sMALLOC=emmalloc                # a small allocator: the app allocates little, and size matters more
  -sENVIRONMENT=web
  -sDYNAMIC_EXECUTION=0            # the page's CSP allows no eval
  -sSUPPORT_LONGJMP=0              # nothing uses setjmp: no longjmp support code
  -sTEXTDECODER=2                  # every supported browser has TextDecoder
  -sGL_TRACK_ERRORS=0 -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0 -sGL_EXTENSIONS_IN_PREFIXED_FORMAT=0
  "-sINCOMING_MODULE_JS_API=['canvas','preRun','print','printErr','onAbort']"  # what boot.js gives the module
  -sFILESYSTEM=0                   # no files: SQLite keeps the database in memory, the fonts are compiled in
  -sEXIT_RUNTIME=0
  "-sEXPORTED_FUNCTIONS=['_main','_malloc','_free']"
  "-sEXPORTED_RUNTIME_METHODS=['ccall','UTF8ToString','addRunDependency','removeRunDependency']"
  -lhtml5.js
  # IndexedDB journal and checkpoints, and the restore before main() (docs/storage.md)
  "--pre-js=${CMAKE_SOURCE_DIR}/platform/web/storage.pre.js")
set_property(TARGET canvass_web APPEND PROPERTY LINK_DEPENDS "${CMAKE_SOURCE_DIR}/platform/web/storage.pre.js")

# The page around the module: index.html from shell.html, scripts, style and privacy notices,
# and surveys/: the manifest and survey files boot.js fetches (docs/formats.md, "Survey
# manifest"), where officers add surveys without a rebuild. A target that runs on every build
# rather than a post-link step, so an edited page, survey or manifest reaches the folder even
# when the wasm did not need relinking.
file(GLOB CANVASS_PAGE_FILES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/web/page/*")
# The page's scripts and styles are copied again, without comments (cmake/pack_page.mjs).
file(GLOB CANVASS_PACKED_PAGE_FILES CONFIGURE_DEPENDS "${CMAKE_SOURCE_DIR}/web/page/*.js" "${CMAKE_SOURCE_DIR}/web/page/*.css")
find_program(CANVASS_NODE node REQUIRED)
add_custom_target(canvass_site_files ALL
  COMMAND ${CMAKE_COMMAND} -E copy "${CMAKE_SOURCE_DIR}/shell.html" "${CANVASS_SITE_DIR}/index.html"
  COMMAND ${CMAKE_COMMAND} -E copy ${CANVASS_PAGE_FILES} "${CANVASS_SITE_DIR}/"
  COMMAND "${CANVASS_NODE}" "${CMAKE_SOURCE_DIR}/cmake/pack_page.mjs" "${CANVASS_SITE_DIR}" ${CANVASS_PACKED_PAGE_FILES}
  COMMAND ${CMAKE_COMMAND} -E copy_directory "${CMAKE_SOURCE_DIR}/assets" "${CANVASS_SITE_DIR}/assets"
  COMMAND ${CMAKE_COMMAND} -E copy_directory "${CMAKE_SOURCE_DIR}/assets/surveys" "${CANVASS_SITE_DIR}/surveys"
  COMMAND "${CANVASS_NODE}" "${CMAKE_SOURCE_DIR}/cmake/stamp_service_worker.mjs" "${CANVASS_SITE_DIR}"
  COMMENT "Laying out the web folder in ${CANVASS_SITE_DIR}"
  VERBATIM)
add_dependencies(canvass_site_files canvass_web)

# The results benchmark as wasm for Chromium (bench/results_bench.mjs puts the files into its
# memory file system, then runs main): the same -Os code the app runs.
add_executable(canvass_results_bench "${CMAKE_SOURCE_DIR}/bench/results_bench.cpp")
target_link_libraries(canvass_results_bench PRIVATE canvass_core)
target_link_options(canvass_results_bench PRIVATE -sENVIRONMENT=web -sINVOKE_RUN=0 -sFORCE_FILESYSTEM=1
  -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sEXPORTED_RUNTIME_METHODS=callMain,FS)

# The engine benchmark as wasm for Node (bench/engine_bench.cpp), reading files straight from disk.
add_executable(canvass_engine_bench "${CMAKE_SOURCE_DIR}/bench/engine_bench.cpp")
target_link_libraries(canvass_engine_bench PRIVATE canvass_core)
set_target_properties(canvass_engine_bench PROPERTIES SUFFIX ".cjs")  # package.json makes .js an ES module
target_link_options(canvass_engine_bench PRIVATE -O2 -sENVIRONMENT=node -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1
  -sWASM_ASYNC_COMPILATION=0 -sEXIT_RUNTIME=1)
