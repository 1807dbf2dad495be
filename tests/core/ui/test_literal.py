"""Values from users, links and files are literal text in Markdown (issue 22).

`?lesson=![x](http://elsewhere/)` used to make a classmate's browser fetch another host.
The browser test renders these in Chromium; here the rules are checked on the text.
"""

import re
import string

import pytest

from lstm_core.message import Message, Quoted
from lstm_core.string_table import WORD_JOINER, literal, render

# What GFM turns into a link (mdast-util-gfm-autolink-literal) or Markdown into an image/link.
AUTOLINK = re.compile(r"https?://|www\.|[-.+\w]+@[-\w]+\.")


@pytest.mark.parametrize("value", ["![x](http://elsewhere/)", "[t](https://elsewhere/)", "www.elsewhere.org",
                                   "me@elsewhere.org", "<img src=x onerror=alert(1)>", ":red[hi] $x$ **b** `c`",
                                   "# heading\n- item\n\n| a | b |"])
def test_nothing_in_a_value_can_become_markup(value):
    shown = literal(value)
    unescaped = re.sub(r"\\(.)", "", shown)  # what would be left for Markdown to read
    assert not any(mark in unescaped for mark in string.punctuation), shown
    assert not AUTOLINK.search(re.sub(r"\\(.)", r"\1", shown))  # GFM finds autolinks after the escapes are undone
    assert "\n" not in shown
    assert re.sub(r"\\(.)", r"\1", shown).replace(WORD_JOINER, "") == " ".join(value.split())


def test_plain_words_and_chinese_are_left_alone():
    assert literal("创新办 hello") == "创新办 hello"


def test_a_quoted_value_in_a_message_is_made_literal_and_others_are_not():
    message = Message("error.csv.no_column", {"column": Quoted("[x](http://a.b/)")})
    assert "\\[x\\]" in render(message, "en")
    plain = Message("error.csv.no_column", {"column": "price_usd"})
    assert render(plain, "en").count("\\") == 0
