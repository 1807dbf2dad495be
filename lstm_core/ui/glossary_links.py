"""Link a glossary term where a page's explanation first uses it: text in, Markdown out.

The words that count as a term are data, per language, in strings/glossary.toml
(`glossary.match.<term>`: surface forms separated by "|", e.g. "early stopping" or
"早停|提前停止"). English forms match whole words, in any case when written in lower
case, with an optional plural "s"/"es"; Chinese forms match exactly, and Latin letters
inside them ("GAN", "MAE") must not touch other letters. Nothing is linked inside
code, math, an existing link, an HTML tag or a heading.

A form has one sense, the term's definition; a word that contains a form in another sense
is listed in `glossary.avoid.<term>` ("a day's temperature" is not sampling temperature,
"candidate words" are not the candidate g_t, 门控激活 is a page, not a gate) and is left
as it is, wherever it stands. tests/core/ui/test_glossary_senses.py holds each such case.
This module imports no Streamlit: `lstm_core.ui.i18n.long_text` applies it to the long
explanations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from lstm_core.string_table import TABLE

# Spans where a link would break the Markdown or the maths, matched in this order.
PROTECTED = re.compile(
    r"```[\s\S]*?```"  # fenced code
    r"|\$\$[\s\S]*?\$\$"  # display math
    r"|`+[^`]*`+"  # inline code
    r"|\$[^$\n]+\$"  # inline math
    r"|!?\[[^\]]*\]\([^)]*\)"  # a link or an image already there
    r"|<[^<>\n]+>"  # an HTML tag or an autolink
    r"|^[ \t]*#{1,6}[ \t].*$",  # a heading
    re.MULTILINE,
)
# Characters that continue a Latin word, so "GAN" is not found in "GANG" nor "gate" in "gated".
# A hyphen before a form joins it to a word ("non-gate"); one after it does not ("TF-IDF-weighted").
_BEFORE, _AFTER = r"(?<![A-Za-z0-9_-])", r"(?![A-Za-z0-9_])"


def terms() -> tuple[str, ...]:
    """Every glossary term id that has match forms."""
    return tuple(sorted(key.split(".", 2)[2] for key in TABLE if key.startswith("glossary.match.")))


def _form_pattern(form: str, language: str) -> str:
    """A regex for one surface form: word edges for Latin ends, plural and any case for English words."""
    body = re.escape(form).replace(r"\ ", r"\s+")  # a line break may fall inside a two-word term
    if language == "en" and form[-1].isalpha():
        body += "(?:e?s)?"
    if form.islower():
        body = f"(?i:{body})"
    before = _BEFORE if re.match(r"[A-Za-z0-9]", form) else ""
    after = _AFTER if re.search(r"[A-Za-z0-9]$", form) else ""
    return before + body + after



def _forms(key: str, language: str) -> list[str]:
    entry = TABLE.get(key)
    return [form for form in entry[language].split("|") if form] if entry else []


@lru_cache(maxsize=4)
def term_pattern(language: str) -> tuple[re.Pattern[str], tuple[str | None, ...]]:
    """One regex for every form of every term (longest forms first), and the term of each group.

    A look-alike in another sense (`glossary.avoid.<term>`) is a group of its own whose term
    is None: it is matched, and so kept whole, but never linked.
    """
    forms: list[tuple[str, str | None]] = []
    for term in terms():
        forms += [(form, term) for form in _forms(f"glossary.match.{term}", language)]
        forms += [(form, None) for form in _forms(f"glossary.avoid.{term}", language)]
    forms.sort(key=lambda pair: len(pair[0]), reverse=True)  # "cell state" before "state"
    pattern = "|".join(f"({_form_pattern(form, language)})" for form, _ in forms)
    return re.compile(pattern), tuple(term for _, term in forms)


def link_terms(text: str, language: str, href: Callable[[str], str], skip: Iterable[str] = ()) -> tuple[str, set[str]]:
    """`text` with the first use of each term linked to `href(term)`; also the terms linked.

    Terms in `skip` (linked earlier on the same page) are left as they are.
    """
    pattern, owners = term_pattern(language)
    done = set(skip)
    linked: set[str] = set()

    def link(match: re.Match[str]) -> str:
        term = owners[match.lastindex - 1]
        if term is None or term in done:  # a look-alike in another sense, or linked before
            return match.group(0)
        if _splits_emphasis(match):  # a link inside a longer bold run would leave its asterisks literal
            return match.group(0)
        done.add(term)
        linked.add(term)
        return f"[{match.group(0)}]({href(term)})"

    pieces, start = [], 0
    for protected in PROTECTED.finditer(text):
        pieces.append(pattern.sub(link, text[start:protected.start()]))
        pieces.append(protected.group(0))
        start = protected.end()
    pieces.append(pattern.sub(link, text[start:]))
    return BOLD_LINK.sub(r"[\1\2\1](\3)", "".join(pieces)), linked


def _splits_emphasis(match: re.Match[str]) -> bool:
    """Whether the form starts or ends a longer *emphasis* run (`**词元编号**`), not the whole of one.

    A link there puts `[` right after an opening `**` or `)` right before a closing one, which
    CommonMark, after (or before) a CJK character, no longer reads as emphasis: the asterisks
    would show. Such a use is not a clean one: the term is linked at a later use instead, and the
    run stays whole and bold. A form in the middle of a run (`**the gate opens**`) links inside it.
    """
    text, start, end = match.string, match.start(), match.end()
    opens = start > 0 and text[start - 1] == "*"
    closes = end < len(text) and text[end] == "*"
    return opens != closes


# A term that is a whole bold span, `**[门](…)**`, does not render bold in CommonMark when a CJK
# character comes right before it (an opening `**` followed by `[` must follow a space or
# punctuation): the markers go inside the link, `[**门**](…)`, which renders bold everywhere.
BOLD_LINK = re.compile(r"(\*\*|\*)\[([^\[\]]+)\]\((glossary\?[^)\s]*)\)\1")
