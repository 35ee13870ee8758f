// A safe subset of HTML for survey texts (SurveyJS "html" questions, completedHtml): the
// markup is turned into plain blocks the canvas can draw, and nothing in it can run. Kept:
// paragraphs, headings (h1 is shown as h2, h5/h6 as h4, because the page owns the h1), bullet
// and numbered lists (nested), line breaks, bold and italic runs, and links shown as their text
// followed by their address. Dropped: every attribute except a link's http/https/mailto/tel
// address, comments, and the whole content of script, style and other non-text elements.
// Entities (&amp; &lt; &gt; &quot; &#39; &apos; &nbsp;, a few typographic ones, and numeric
// &#NNN; / &#xHH;) are decoded. Pure, linear in the input, never throws.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace canvass::text {

enum class HtmlBlockKind { Paragraph, Heading, BulletItem, NumberedItem };

struct HtmlRun {
    std::string text;  // UTF-8, white space collapsed as a browser would; "\n" where a <br> was
    bool bold = false;
    bool italic = false;
    std::string href;  // set on a link's own text (and on the " (address)" run that follows it)
    bool is_address = false;  // the " (address)" run appended after a link's text
};

struct HtmlBlock {
    HtmlBlockKind kind = HtmlBlockKind::Paragraph;
    int level = 0;   // Heading: 2, 3 or 4. List items: nesting depth, 1 for a top-level list.
    int number = 0;  // NumberedItem: its position in its list, from 1.
    std::vector<HtmlRun> runs;
};

// Input beyond this many bytes is ignored (survey texts are a few kilobytes), and so are
// blocks beyond kMaxHtmlBlocks and list nesting beyond kMaxHtmlListDepth (shown at that depth).
inline constexpr std::size_t kMaxHtmlBytes = 256 * 1024;
inline constexpr std::size_t kMaxHtmlBlocks = 2000;
inline constexpr int kMaxHtmlListDepth = 6;
inline constexpr std::size_t kMaxHtmlAddressBytes = 300;

std::vector<HtmlBlock> parse_html_subset(std::string_view html);

// The blocks as plain text, one block per line ("• " before bullets, "1. " before numbered
// items): what a screen reader or the automation API is given.
std::string html_plain_text(const std::vector<HtmlBlock>& blocks);

}  // namespace canvass::text
