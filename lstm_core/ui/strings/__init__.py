"""All UI strings, English and simplified Chinese, as one table: key -> {"en", "zh"}.

Each page keeps its own section in a module of this package (keys prefixed with the
page's name) so that the table stays readable; `TABLE` is their union.
"""

from lstm_core.ui.strings import common, forecast, gan, gates, generate, home, practical, sentiment, tokens, why

TABLE: dict[str, dict[str, str]] = {}
for _section in (common, home, why, gates, tokens, sentiment, forecast, generate, practical, gan):
    _clash = TABLE.keys() & _section.STRINGS.keys()
    assert not _clash, f"UI string keys defined twice: {sorted(_clash)}"
    TABLE.update(_section.STRINGS)
