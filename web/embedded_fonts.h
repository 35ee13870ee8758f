// The Noto Sans subsets (scripts/setup makes them from Debian's fonts-noto-core), compiled into
// the module by cmake/embed_binary.cmake: one download fewer, and no file system needed.
#pragma once

#include <cstddef>

namespace canvass::web {

extern const unsigned char kNotoSansRegular[];
extern const std::size_t kNotoSansRegularSize;
extern const unsigned char kNotoSansBold[];
extern const std::size_t kNotoSansBoldSize;

}  // namespace canvass::web
