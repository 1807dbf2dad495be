"""UI strings of the sentiment page: key -> {"en": ..., "zh": ...}."""

STRINGS: dict[str, dict[str, str]] = {}
