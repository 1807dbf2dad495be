"""One visual language for every page: a colour per gate and state, per class, per model role.

All colours come from the Okabe-Ito palette (Okabe and Ito, 2008), chosen so that the
common forms of colour blindness still tell them apart; blue against orange-red carries
every signed meaning. The same meaning has the same colour on every page:

- sign: blue is positive / "more" / "towards the verdict", vermillion is negative / "less";
  diverging heatmaps (candidate, cell, hidden state, occlusion) run vermillion - white - blue;
- gates live in [0, 1] and use the sequential Viridis scale: dark = shut, yellow = open;
- models: the truth is black, the LSTM orange, baselines grey and cool colours.

Figure modules (lstm_core/*/*_figures.py, *_plots.py) and the UI take their colours from
here; tests/core/ui/test_classroom_data.py fails if a colour literal appears anywhere else. A text
never names a colour by hand either: it has a placeholder ({positive}, {input}, ...) that the
page fills with `name(colour, language)`, so a caption says the colour the chart draws
(tests/core/ui/test_colour_words.py).
"""

from __future__ import annotations

# The Okabe-Ito colours, by name.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#999999"
LIGHT_GREY = "#BBBBBB"
DARK_GREY = "#555555"
WHITE = "#F7F7F7"  # the middle of a diverging scale: off-white, so zero still reads as a cell

# Sign: one meaning everywhere.
POSITIVE = BLUE
NEGATIVE = VERMILLION

# A colour per gate and state, as in the Home cell diagram and the Gates page.
GATES = {
    "forget_gate": VERMILLION,
    "input_gate": BLUISH_GREEN,
    "candidate": REDDISH_PURPLE,
    "output_gate": BLUE,
    "cell": ORANGE,
    "hidden": SKY_BLUE,
    "input": GREY,  # x_t and h_(t-1), the cell's inputs
}

# A colour per sentiment class.
CLASSES = {"negative": NEGATIVE, "neutral": GREY, "positive": POSITIVE}

# A colour per model role, shared by Forecasting, Why an LSTM, Text generation and the GAN.
MODELS = {
    "truth": BLACK,
    "lstm": ORANGE,
    "naive": GREY,
    "seasonal_naive": SKY_BLUE,
    "stat": BLUISH_GREEN,
    "ngram": GREY,
    "rnn": SKY_BLUE,
    "gru": BLUISH_GREEN,
    "article": REDDISH_PURPLE,
    "context": LIGHT_GREY,  # the data a forecast starts from, not itself a prediction
    "discriminator": REDDISH_PURPLE,
    "pretrained": REDDISH_PURPLE,  # an LSTM fine-tuned from a language model (Making LSTMs practical, Pretraining)
    "tfidf": GREY,
    "no_attention": BLUE,  # an encoder-decoder without attention (Sequence to sequence)
    "free_running": BLUISH_GREEN,  # a decoder trained on its own outputs
    "transformer": BLUE,
}

# Sequence labelling: names, coarse parts of speech (`lstm_core.text.segmentation.TAG_GROUPS`),
# and how a method's word compares with the others' and the gold one's.
ENTITIES = {"PER": VERMILLION, "LOC": BLUE, "ORG": ORANGE}
POS_GROUPS = {
    "person": VERMILLION, "place": BLUE, "organization": ORANGE, "noun": SKY_BLUE, "verb": BLUISH_GREEN,
    "adjective": YELLOW, "adverb": REDDISH_PURPLE, "number": GREY, "time": GREY,
    "function": LIGHT_GREY, "punctuation": LIGHT_GREY, "other": LIGHT_GREY,
}
WORDS = {"agree": SKY_BLUE, "disagree": ORANGE, "wrong": VERMILLION, "gold": BLACK}

# Roles that are not models: training against validation curves, before against after.
SPLITS = {"train": BLUE, "validation": ORANGE, "test": VERMILLION}
COMPARE = {"before": GREY, "after": ORANGE, "first": BLUE, "second": VERMILLION}
# Several lines of equal standing (one per experiment variant), in a fixed order.
SERIES = (BLUE, ORANGE, BLUISH_GREEN, VERMILLION, REDDISH_PURPLE, SKY_BLUE, BLACK)
REFERENCE = DARK_GREY  # reference lines: chance level, x + y = 1, a chosen distance

# Colour scales for heatmaps. Gates are in [0, 1]; signed values are centred on 0.
SEQUENTIAL = "Viridis"
DIVERGING = [[0.0, NEGATIVE], [0.5, WHITE], [1.0, POSITIVE]]
COUNTS = [[0.0, WHITE], [1.0, BLUE]]


# What each colour is called in a caption, per language.
NAMES = {
    BLACK: {"en": "black", "zh": "黑色"},
    ORANGE: {"en": "orange", "zh": "橙色"},
    SKY_BLUE: {"en": "light blue", "zh": "浅蓝色"},
    BLUISH_GREEN: {"en": "green", "zh": "绿色"},
    YELLOW: {"en": "yellow", "zh": "黄色"},
    BLUE: {"en": "blue", "zh": "蓝色"},
    VERMILLION: {"en": "orange-red", "zh": "橙红色"},
    REDDISH_PURPLE: {"en": "pink", "zh": "粉紫色"},
    GREY: {"en": "grey", "zh": "灰色"},
    LIGHT_GREY: {"en": "light grey", "zh": "浅灰色"},
    DARK_GREY: {"en": "dark grey", "zh": "深灰色"},
    WHITE: {"en": "white", "zh": "白色"},
}


def name(colour: str, language: str) -> str:
    """What a palette colour is called in a caption, in "en" or "zh"."""
    if colour not in NAMES:
        raise ValueError(f"{colour!r} is not a palette colour with a name")
    return NAMES[colour][language]


def rgba(colour: str, alpha: float) -> str:
    """A "#rrggbb" colour as a CSS rgba() string with opacity `alpha` in [0, 1]."""
    if not (len(colour) == 7 and colour.startswith("#")):
        raise ValueError(f"expected a colour like '#0072B2', got {colour!r}")
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha must be in [0, 1], got {alpha}")
    red, green, blue = (int(colour[k:k + 2], 16) for k in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha:.2f})"


def tint(colour: str, amount: float) -> str:
    """`colour` mixed with white: amount 0 keeps it, 1 gives white (for fills behind text)."""
    if not 0.0 <= amount <= 1.0:
        raise ValueError(f"amount must be in [0, 1], got {amount}")
    channels = (int(colour[k:k + 2], 16) for k in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * amount):02X}" for c in channels)
