from __future__ import annotations

import pytest

from sandbox.html_entities import EntityParseError, parse_html


def test_basic_tags_and_entities() -> None:
    text, entities = parse_html("<b>bold</b> <i>it</i> &lt;x&gt; &amp; &quot;q&quot; &#65;&#x42;")
    assert text == 'bold it <x> & "q" AB'
    assert entities == [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "italic", "offset": 5, "length": 2},
    ]


def test_synonyms_spoiler_blockquote_and_emoji() -> None:
    markup = (
        "<strong>a</strong><em>b</em><ins>c</ins><del>d</del><strike>e</strike>"
        '<span class="tg-spoiler">f</span><tg-spoiler>g</tg-spoiler>'
        "<blockquote expandable>h</blockquote>"
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
    )
    text, entities = parse_html(markup)
    assert text == "abcdefgh👍"
    assert [e["type"] for e in entities] == [
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "strikethrough",
        "spoiler",
        "spoiler",
        "expandable_blockquote",
        "custom_emoji",
    ]
    assert entities[-1]["custom_emoji_id"] == "5368324170671202286"


def test_offsets_are_utf16_code_units() -> None:
    text, entities = parse_html("😀<b>Сәлем</b>")
    assert text == "😀Сәлем"
    assert entities == [{"type": "bold", "offset": 2, "length": 5}]


def test_pre_with_language_and_links() -> None:
    text, entities = parse_html(
        '<pre><code class="language-python">x = 1</code></pre> <code>y</code> '
        '<a href="https://egov.kz/path?a=1&amp;b=2">eGov</a> <a href="localhost">no</a>'
    )
    assert text == "x = 1 y eGov no"
    assert entities == [
        {"type": "pre", "offset": 0, "length": 5, "language": "python"},
        {"type": "code", "offset": 6, "length": 1},
        {"type": "text_link", "offset": 8, "length": 4, "url": "https://egov.kz/path?a=1&b=2"},
    ]


def test_mention_of_known_user() -> None:
    def lookup(user_id: int) -> dict[str, object] | None:
        return {"id": user_id, "is_bot": False, "first_name": "A"} if user_id == 7 else None

    _, entities = parse_html('<a href="tg://user?id=7">A</a>', known_user=lookup)
    assert entities[0]["type"] == "text_mention"
    assert entities[0]["user"]["id"] == 7


def test_lone_ampersand_is_literal_and_semicolon_optional() -> None:
    assert parse_html("Q&A & more &amp &lt")[0] == "Q&A & more & <"


@pytest.mark.parametrize(
    ("markup", "message"),
    [
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("Сәлем <foo>", 'Unsupported start tag "foo" at byte offset 11'),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("text <b", "Unclosed start tag at byte offset 5"),
        ("<b>x</b", "Unclosed end tag at byte offset 4"),
        ('<a href="x', "Unclosed start tag at byte offset 0"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ('<tg-emoji emoji-id="abc">x</tg-emoji>', "Invalid custom emoji identifier specified"),
        ("<b =x>y</b>", 'Empty attribute name in the tag "b" at byte offset 0'),
    ],
)
def test_errors_use_telegram_wording(markup: str, message: str) -> None:
    with pytest.raises(EntityParseError) as error:
        parse_html(markup)
    assert str(error.value) == message


def test_unknown_named_entity_strict_and_lenient() -> None:
    with pytest.raises(
        EntityParseError, match='Unsupported HTML entity "&nbsp;" at byte offset 2'
    ):
        parse_html("a &nbsp; b")
    assert parse_html("a &nbsp; b", strict=False)[0] == "a &nbsp; b"
