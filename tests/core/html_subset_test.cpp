// Tests for core/text/html_subset: the blocks survey HTML becomes, entity decoding, and hostile
// input (scripts, unclosed tags, junk, huge and deeply nested markup) that must show nothing
// unsafe and finish quickly.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "core/text/html_subset.h"

using namespace canvass::text;

namespace {

std::string plain(std::string_view html) { return html_plain_text(parse_html_subset(html)); }

}  // namespace

TEST_CASE("paragraphs, headings and white space") {
    const auto blocks = parse_html_subset("<h2>Help us</h2>\n<p>The   Digital\n Innovation Zone.</p><p>  Second  </p>");
    REQUIRE(blocks.size() == 3);
    CHECK(blocks[0].kind == HtmlBlockKind::Heading);
    CHECK(blocks[0].level == 2);
    CHECK(blocks[0].runs[0].text == "Help us");
    CHECK(blocks[1].kind == HtmlBlockKind::Paragraph);
    CHECK(blocks[1].runs[0].text == "The Digital Innovation Zone.");
    CHECK(blocks[2].runs[0].text == "Second");
    // h1 is shown as h2 (the page owns h1), h5 and h6 as h4.
    CHECK(parse_html_subset("<h1>a</h1>")[0].level == 2);
    CHECK(parse_html_subset("<H3>a</H3>")[0].level == 3);
    CHECK(parse_html_subset("<h6>a</h6>")[0].level == 4);
    // Text outside any tag is a paragraph; empty paragraphs vanish.
    CHECK(plain("plain text") == "plain text");
    CHECK(parse_html_subset("<p></p><p>  </p><div><br></div>").empty());
    CHECK(parse_html_subset("").empty());
}

TEST_CASE("bold, italic and line breaks make runs") {
    const auto blocks = parse_html_subset("<p>Tick <b>all</b> that <em>apply</em>.<br>Next line<br/><br><br>Last</p>");
    REQUIRE(blocks.size() == 1);
    const auto& runs = blocks[0].runs;
    REQUIRE(runs.size() == 5);
    CHECK(runs[0].text == "Tick ");
    CHECK(runs[1].text == "all");
    CHECK(runs[1].bold);
    CHECK(runs[2].text == " that ");
    CHECK(runs[3].text == "apply");
    CHECK(runs[3].italic);
    CHECK(runs[4].text == ".\nNext line\n\nLast");  // at most one blank line
    CHECK(plain("<strong>a <i>b</i></strong> c") == "a b c");
    // Unbalanced end tags never make the count negative.
    const auto unbalanced = parse_html_subset("</b></b>x<b>y</b>z");
    REQUIRE(unbalanced[0].runs.size() == 3);
    CHECK_FALSE(unbalanced[0].runs[0].bold);
    CHECK(unbalanced[0].runs[1].bold);
}

TEST_CASE("bullet and numbered lists, nested") {
    const auto blocks = parse_html_subset(
        "<ul><li>Broadband</li><li>Mobile<ol><li>4G</li><li><p>5G</p></li></ol></li><li>Skills</li></ul>");
    REQUIRE(blocks.size() == 5);
    CHECK(blocks[0].kind == HtmlBlockKind::BulletItem);
    CHECK(blocks[0].level == 1);
    CHECK(blocks[1].runs[0].text == "Mobile");
    CHECK(blocks[2].kind == HtmlBlockKind::NumberedItem);
    CHECK(blocks[2].level == 2);
    CHECK(blocks[2].number == 1);
    CHECK(blocks[3].kind == HtmlBlockKind::NumberedItem);  // <li><p>...</p></li> stays a list item
    CHECK(blocks[3].number == 2);
    CHECK(blocks[4].kind == HtmlBlockKind::BulletItem);
    CHECK(blocks[4].level == 1);
    CHECK(plain("<ol><li>one</li><li>two</li></ol>") == "1. one\n2. two");
    // A stray <li> is a bullet; list depth is capped.
    CHECK(parse_html_subset("<li>x</li>")[0].kind == HtmlBlockKind::BulletItem);
    std::string deep;
    for (int i = 0; i < 50; ++i) deep += "<ul><li>";
    deep += "deep";
    CHECK(parse_html_subset(deep).back().level == kMaxHtmlListDepth);
}

TEST_CASE("links show their text and their address; unsafe addresses are not shown") {
    const auto blocks = parse_html_subset(R"(<p>See <a href="https://diz.example/privacy" target=_blank>our privacy notice</a>.</p>)");
    REQUIRE(blocks.size() == 1);
    const auto& runs = blocks[0].runs;
    REQUIRE(runs.size() == 4);
    CHECK(runs[1].text == "our privacy notice");
    CHECK(runs[1].href == "https://diz.example/privacy");
    CHECK(runs[2].text == " (https://diz.example/privacy)");
    CHECK(runs[2].is_address);
    CHECK(plain("<a href='mailto:help@diz.example'>Email us</a>") == "Email us (help@diz.example)");
    CHECK(plain("<a href=\"tel:+441279000000\">Call</a>") == "Call (+441279000000)");
    // A link whose text is its address is not repeated.
    CHECK(plain("<a href=\"https://a.example\">https://a.example</a>") == "https://a.example");
    // javascript:, data: and relative addresses: the text only.
    CHECK(plain("<a href=\"javascript:alert(1)\">click</a>") == "click");
    CHECK(plain("<a href=\" JaVaScRiPt:alert(1)\">click</a>") == "click");
    CHECK(plain("<a href=\"java&#x0A;script:alert(1)\">click</a>") == "click");
    CHECK(plain("<a href=\"data:text/html,<script>alert(1)</script>\">x</a>") == "x");
    CHECK(plain("<a href=\"/local\">x</a>") == "x");
    CHECK(parse_html_subset("<a href=\"javascript:alert(1)\">click</a>")[0].runs[0].href.empty());
    // Entities in the address are decoded; the other attributes are ignored entirely.
    CHECK(plain("<a onclick=\"steal()\" href=\"https://a.example/?x=1&amp;y=2\">q</a>") == "q (https://a.example/?x=1&y=2)");
}

TEST_CASE("entities") {
    CHECK(plain("fish &amp; chips &lt;3 &gt; &quot;q&quot; it&#39;s &apos;a&apos;") == "fish & chips <3 > \"q\" it's 'a'");
    CHECK(plain("a&nbsp;b") == "a\xC2\xA0" "b");
    CHECK(plain("&#261;&#x119;&#X142;&#380;") == "ąęłż");
    CHECK(plain("&pound;5 &euro;6 &ndash; &hellip;") == "£5 €6 – …");
    CHECK(plain("&#150;") == "–");                        // windows-1252 range, as browsers do
    CHECK(plain("&#0;&#xD800;&#x110000;&#99999999999;") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(plain("&unknown; & &# &#x; &amp") == "&unknown; & &# &#x; &");
    CHECK(plain("&lt;script&gt;alert(1)&lt;/script&gt;") == "<script>alert(1)</script>");  // shown as text, never run
}

TEST_CASE("script, style and other non-text content is removed entirely") {
    CHECK(plain("<p>a</p><script>alert('x')</script><p>b</p>") == "a\nb");
    CHECK(plain("<SCRIPT type=text/javascript>var s = '</scr' + 'ipt>';</SCRIPT >after") == "after");
    CHECK(plain("<style>p { color: red }</style>text") == "text");
    CHECK(plain("<script>never closed <p>hidden</p>") == "");
    CHECK(plain("before<script src=x></script>after") == "beforeafter");
    CHECK(plain("<svg><text>svg text</text></svg><iframe src=x>frame</iframe><noscript>ns</noscript>ok") == "ok");
    CHECK(plain("<title>t</title><template><p>tpl</p></template>body") == "body");
    CHECK(plain("a<plaintext><p>everything after</p>") == "a");
    CHECK(plain("<!-- comment <script>x</script> -->visible<!-- unterminated") == "visible");
    CHECK(plain("<!--><p>a</p><!--->b") == "a\nb");
    CHECK(plain("<!DOCTYPE html><?php echo 1 ?><![CDATA[x]]>y") == "y");
    CHECK(plain("<img src=x onerror=alert(1)>caption") == "caption");
    CHECK(plain("<p onmouseover=\"alert(1)\" style=\"x\">styled</p>") == "styled");
}

TEST_CASE("malformed markup degrades to text, never to markup") {
    CHECK(plain("3 < 4 and 5 > 4") == "3 < 4 and 5 > 4");
    CHECK(plain("a <= b") == "a <= b");
    CHECK(plain("<p>unclosed paragraph") == "unclosed paragraph");
    CHECK(plain("<b>unclosed bold") == "unclosed bold");
    CHECK(plain("text <a href=\"x") == "text");               // the input ends inside a tag
    CHECK(plain("text <p class='a>b") == "text");
    CHECK(plain("<scr<script>ipt>alert(1)</script>") == "ipt>alert(1)");  // the odd tag "scr<script" is not a script
    CHECK(plain("</>x</ p>y") == "xy");
    CHECK(plain("<p>a<p>b<div>c</p></div>") == "a\nb\nc");
    CHECK(plain("<ul><li>a<li>b</ul>") == "\xE2\x80\xA2 a\n\xE2\x80\xA2 b");
    CHECK(plain("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>") == "a b\nc");
    // Control characters and invalid UTF-8 never reach the screen raw.
    CHECK(plain("a\x01\x7F" "b\xFF" "c") == "ab\xEF\xBF\xBD" "c");
    CHECK(plain(std::string("x\0y", 3)) == "xy");
}

TEST_CASE("hostile sizes finish quickly and stay bounded") {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();

    std::string many_tags;
    for (int i = 0; i < 100000; ++i) many_tags += "<b><i><a href=x>";
    CHECK(plain(many_tags).empty());

    std::string unclosed_attributes;
    for (int i = 0; i < 50000; ++i) unclosed_attributes += "<a href='";
    CHECK(plain(unclosed_attributes).empty());

    std::string many_scripts;
    for (int i = 0; i < 50000; ++i) many_scripts += "<script>";
    CHECK(plain(many_scripts).empty());

    std::string paragraphs;
    for (int i = 0; i < 10000; ++i) paragraphs += "<p>p</p>";
    CHECK(parse_html_subset(paragraphs).size() == kMaxHtmlBlocks);

    std::string huge(3 * kMaxHtmlBytes, 'x');
    const auto blocks = parse_html_subset(huge);
    REQUIRE(blocks.size() == 1);
    CHECK(blocks[0].runs[0].text.size() == kMaxHtmlBytes);

    std::string long_address = "<a href=\"https://a.example/" + std::string(5000, 'q') + "\">x</a>";
    CHECK(plain(long_address).size() < kMaxHtmlAddressBytes + 20);

    std::string entities;
    for (int i = 0; i < 100000; ++i) entities += "&#x1F600;&amp";
    CHECK_FALSE(plain(entities).empty());

    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    CHECK(seconds < 10.0);  // linear work; generous for a sanitizer build on a slow machine
}

TEST_CASE("the default survey's intro parses as the council wrote it") {
    const std::string intro =
        "<h2>Help us make it easier to get online</h2><p>The Digital Innovation Zone is a group of local councils, "
        "the NHS and businesses.</p><p>This survey is for people aged 16 or over. It takes about 10 minutes.</p>";
    const auto blocks = parse_html_subset(intro);
    REQUIRE(blocks.size() == 3);
    CHECK(blocks[0].kind == HtmlBlockKind::Heading);
    CHECK(html_plain_text(blocks) ==
          "Help us make it easier to get online\nThe Digital Innovation Zone is a group of local councils, the NHS and "
          "businesses.\nThis survey is for people aged 16 or over. It takes about 10 minutes.");
}
