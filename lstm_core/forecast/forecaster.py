"""Forecasting a series with a small LSTM, and the honest yardsticks it must beat.

The LSTM reads `window` transformed, standardised values (see `lstm_core.forecast.windows`) and
predicts the next `horizon` of them. Small LSTMs vary a lot from seed to seed, so a
forecaster is an ensemble of `members` networks trained with consecutive seeds; they
are merged into one wider `Network` whose units never talk across members (block-
diagonal weights), so one NumPy pass gives every member's forecast, the spread of
the members is the band on the chart, and their mean is the forecast.

Longer forecasts are recursive: the network predicts `config.horizon` values at once,
they are appended to the history, and it predicts again. The verbs are those of every
forecaster in the comparison (`lstm_core.forecast.baselines`, after sktime and darts):
`fit_forecaster` (or `ForecastTraining`, an epoch at a time) fits, `predict(horizon)`
forecasts recursively, `predict_one_step(values, positions)` from the true past.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Callable

import numpy as np

from lstm_core.forecast.transform_choice import TransformChoice, choose_transform
from lstm_core.forecast.windows import Scaler, Transform, check_window, make_windows
from lstm_core.message import Message, UserError
from lstm_core.nn.ensemble import merge_members
from lstm_core.nn.network import Network, NetworkSpec
from lstm_core.serving import assets
from lstm_core.serving.budget import RecurrentWork
from lstm_core.serving.cards import ModelCard
from lstm_core.training.network_keras import build_keras, export_weights
from lstm_core.training.trainer import TrainConfig, Trainer


HISTORY_FILE = "history.txt"  # in a forecaster's model file: the values it was fitted on, one a line


# ---- configuration --------------------------------------------------------------------
@dataclass(frozen=True)
class ForecastConfig:
    """Everything that defines a forecaster; the page's widgets take their defaults here."""

    window: int = 24  # values the LSTM reads for one prediction
    horizon: int = 1  # values it predicts at once; longer forecasts are recursive
    units: int = 24  # small: the series are a few hundred values long
    layers: int = 1
    epochs: int = 40  # an upper bound (early stopping often ends sooner); keeps a live fit near 15 s
    learning_rate: float = 3e-3
    batch_size: int = 32
    seed: int = 0
    members: int = 1  # networks trained with seeds seed, seed+1, ... and averaged
    log: bool = False  # target transform: log first (multiplicative growth becomes additive)
    lag: int = 0  # then differences at this lag: 0 none, 1 first, season = seasonal
    scale: bool = True  # standardise with the training part's mean and spread (off: raw values)
    validation: float = 0.125  # last fraction of the fitted series, used for early stopping only
    patience: int = 10  # epochs without a better validation loss before stopping

    # What the page's "train your own" widgets offer, (low, high[, step]); the learning rate is picked
    # from RATES. A live fit stays near 15 s at the defaults; the work budget guards the rest.
    LIMITS = {"units": (4, 64, 4), "layers": (1, 3), "epochs": (1, 200), "members": (1, 5), "seed": (0, 10_000)}
    RATES = (3e-4, 1e-3, 3e-3, 1e-2, 3e-2)

    def __post_init__(self) -> None:
        for name in ("window", "horizon", "units", "layers", "epochs", "members", "batch_size"):
            if getattr(self, name) < 1:
                raise UserError(f"{name} must be at least 1",
                                Message("error.settings.at_least_one", {"setting": Message(f"error.setting.{name}"), "minimum": 1}))
        if not 0 < self.validation < 0.5:
            raise ValueError("validation must be a fraction between 0 and 0.5")  # set by code, not by a widget

    def work(self, values: int) -> RecurrentWork:
        """The run's size for the server's work budget (`lstm_core.serving.budget`): one window per value."""
        return RecurrentWork(values, self.window, 1, (self.units,) * self.layers, self.epochs * self.members,
                             batch_size=self.batch_size)

    @property
    def transform(self) -> Transform:
        return Transform(self.log, self.lag)

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class Forecast:
    """A recursive forecast: the ensemble mean and each member's own path."""

    mean: np.ndarray  # (horizon,)
    members: np.ndarray  # (members, horizon)


@dataclass(frozen=True)
class FitReport:
    """How fitting went, member by member (for the page's curves and the model card)."""

    losses: tuple[dict[str, list[float]], ...]  # one per member: {"loss": [...], "val_loss": [...]}
    seconds: float
    stopped: bool  # the user's stop button ended it before every member was trained


# ---- the forecaster -----------------------------------------------------------------------
@dataclass(frozen=True)
class Forecaster:
    """A fitted LSTM forecaster: merged member network plus the framing it was fitted with."""

    network: Network  # outputs (members * horizon,) scaled, transformed values
    config: ForecastConfig
    scaler: Scaler
    history: np.ndarray  # (N,) the levels it was fitted on; forecasts continue from its end
    fit_report: FitReport | None = None  # None for a model loaded from a file
    transform_choice: TransformChoice | None = None  # how the transform was chosen, when it was automatic
    card: ModelCard = field(default_factory=ModelCard, repr=False)  # the shipped card, or one naming the series

    def _member_outputs(self, inputs: np.ndarray) -> np.ndarray:
        """(B, window) scaled inputs -> (B, members, horizon) scaled predictions."""
        out = self.network.predict([row[:, None] for row in inputs])  # (B, members * horizon)
        return out.reshape(len(inputs), self.config.members, self.config.horizon)

    # ---- the verbs of every forecaster (lstm_core.forecast.baselines) -------------------------------
    def predict(self, horizon: int, history: np.ndarray | None = None) -> np.ndarray:
        """The next `horizon` values after the end of `history` (default: the fitted series), recursively: (horizon,)."""
        return self.predict_band(horizon, history).mean

    def predict_one_step(self, values: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """The ensemble's forecast of each values[p] from the true values before p: (P,)."""
        return self.members_one_step(values, positions).mean(axis=0)

    def predict_band(self, horizon: int, history: np.ndarray | None = None) -> Forecast:
        """Recursive forecast of every member from the end of `history` (default: the fitted series)."""
        if horizon < 1:
            raise ValueError("forecast at least 1 step")
        cfg, transform = self.config, self.config.transform
        history = np.asarray(self.history if history is None else history, float)
        check_window(len(history) - transform.lost, cfg.window, 1)
        k = cfg.members
        paths = [list(history) for _ in range(k)]  # each member extends its own path
        made = 0
        while made < horizon:
            tails = np.array([path[-(cfg.window + transform.lost) :] for path in paths])
            z = np.stack([self.scaler.scale(transform.apply(tail)) for tail in tails])  # (K, window)
            out = self._member_outputs(z)  # (K, K, horizon): row = path, column = member
            for m in range(k):
                z_next = self.scaler.unscale(out[m, m])
                paths[m] += list(transform.invert(z_next, np.array(paths[m])))
            made += cfg.horizon
        members = np.array([path[len(history) : len(history) + horizon] for path in paths])
        return Forecast(members.mean(axis=0), members)

    def members_one_step(self, values: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """Each member's forecast of values[p] from the true values before p: (members, P)."""
        cfg, transform = self.config, self.config.transform
        values = np.asarray(values, float)
        positions = np.asarray(positions, int)
        if len(positions) == 0:
            return np.zeros((cfg.members, 0))
        if positions.min() - transform.lost < cfg.window:
            raise ValueError(f"position {positions.min()} has fewer than {cfg.window} values before it")
        z = self.scaler.scale(transform.apply(values))  # z[j] belongs to values[j + lag]
        inputs = np.stack([z[p - transform.lost - cfg.window : p - transform.lost] for p in positions])
        first = self.scaler.unscale(self._member_outputs(inputs)[:, :, 0])  # (P, members)
        return np.stack([transform.invert_each(first[:, m], values, positions) for m in range(cfg.members)])

    # ---- the model file ---------------------------------------------------------------------------
    def save(self) -> bytes:
        """The model file a student downloads (`lstm_core.serving.assets`): weights, card with config and
        scaler, and the values it was fitted on (forecasts continue from their end) as `history.txt`."""
        card = self.card.with_entries(config=self.config.to_dict(),
                                      scaler={"mean": self.scaler.mean, "std": self.scaler.std})
        history = "\n".join(repr(float(v)) for v in self.history)
        return assets.network_file(self.network, card, {HISTORY_FILE: history})

    @classmethod
    def load(cls, data: bytes) -> "Forecaster":
        """A forecaster from a model file written by `save`, every part checked first."""
        network, file = assets.network_of_file(data)
        try:
            config = ForecastConfig(**file.card.config)
            scaler = Scaler(float(file.card.details["scaler"]["mean"]), float(file.card.details["scaler"]["std"]))
            history = np.array([float(v) for v in file.texts[HISTORY_FILE].split()])
        except (KeyError, TypeError, ValueError) as error:
            raise assets.AssetError(f"the model file lacks what a forecaster needs: {error}", "card_incomplete") from error
        spec = network.spec
        if spec.input_kind != "values" or spec.input_dim != 1 or spec.output_dim != config.members * config.horizon \
                or not np.all(np.isfinite(history)) or len(history) <= config.window + config.lag or scaler.std <= 0:
            raise assets.AssetError("the network, config and history in the model file do not fit together",
                                    "card_incomplete")
        return cls(network, config, scaler, history, card=file.card)


class ForecastTraining:
    """Members fitted one after another, one epoch per `run_epoch` call (the page's and `fit_forecaster`'s loop).

    The last `validation` fraction of the series is kept out of training and used for
    early stopping; scaling statistics come from the training part alone. Member m is
    seeded with seed + m. A stopped run keeps the members trained so far, the one under
    way included once it has finished an epoch.
    """

    def __init__(self, series: np.ndarray, config: ForecastConfig) -> None:
        values = np.asarray(series, float).ravel()
        if not np.all(np.isfinite(values)):
            raise UserError("the series has missing or infinite values; fill or drop them first",
                            Message("error.forecast.not_finite"))

        z = config.transform.apply(values)
        val_start = len(z) - max(1, int(round(len(values) * config.validation)))
        check_window(val_start, config.window, config.horizon)
        self.scaler = Scaler.fit(z[:val_start]) if config.scale else Scaler(0.0, 1.0)
        zs = self.scaler.scale(z)
        self.fit_part = make_windows(zs, config.window, config.horizon, last_target=val_start)
        val_part = make_windows(zs[max(0, val_start - config.window) :], config.window, config.horizon)
        # Too short for a validation window: fit without early stopping.
        self.validation = (val_part.inputs[..., None], val_part.targets) if len(val_part.inputs) else None
        self.spec = NetworkSpec(input_kind="values", units=(config.units,) * config.layers,
                                output_dim=config.horizon, output_activation="linear")
        self.config, self.values = config, values
        self.networks: list[Network] = []
        self.losses: list[dict[str, list[float]]] = []
        self.seconds, self.stopped, self.trainer = 0.0, False, None

    @property
    def member(self) -> int:
        """The member being trained (0-based); equals `members` when all are done."""
        return len(self.networks)

    @property
    def finished(self) -> bool:
        return self.stopped or self.member >= self.config.members

    def progress(self, within_epoch: float = 0.0) -> float:
        """Fraction of the most epochs the run may take."""
        current = (self.trainer.epochs_run if self.trainer else 0) + within_epoch
        return (self.member + current / self.config.epochs) / self.config.members

    def _new_trainer(self):
        cfg = self.config
        fit = TrainConfig(epochs=cfg.epochs, batch_size=cfg.batch_size, learning_rate=cfg.learning_rate,
                          seed=cfg.seed + self.member, loss="mse", metrics=("mae",),
                          patience=cfg.patience if self.validation else 0)
        return Trainer(lambda: build_keras(self.spec, cfg.window), (self.fit_part.inputs[..., None], self.fit_part.targets),
                       fit, self.validation)

    def run_epoch(self, on_batch=None, should_stop=None):
        """One epoch of the current member; returns its `EpochReport`."""
        if self.finished:
            raise RuntimeError("this training has finished")
        self.trainer = self.trainer or self._new_trainer()
        report = self.trainer.run_epoch(on_batch, should_stop)
        self.stopped = self.trainer.stopped
        if self.trainer.finished:
            self._keep_member()
        return report

    def stop(self) -> None:
        """End the run; a member that has finished an epoch is kept."""
        self.stopped = True
        if self.trainer is not None and self.trainer.epochs_run:
            self._keep_member()

    def _keep_member(self) -> None:
        model = self.trainer.best_weights_restored()
        self.networks.append(Network(self.spec, export_weights(model, self.spec)))
        self.losses.append(self.trainer.history())
        self.seconds += self.trainer.seconds
        self.trainer = None

    def current(self) -> Forecaster:
        """The member under training (or the last one kept) as a one-network forecaster, weights as they are now."""
        if self.trainer is not None:
            member, network = self.member, Network(self.spec, export_weights(self.trainer.model, self.spec))
        else:
            member, network = self.member - 1, self.networks[-1]
        config = ForecastConfig(**{**self.config.to_dict(), "members": 1, "seed": self.config.seed + member})
        return Forecaster(network, config, self.scaler, self.values)

    def result(self) -> Forecaster:
        """The members trained so far, merged into one forecaster."""
        if not self.networks:
            raise ValueError("no member has finished an epoch yet")
        config = ForecastConfig(**{**self.config.to_dict(), "members": len(self.networks)})
        report = FitReport(tuple(self.losses), self.seconds, self.stopped)
        return Forecaster(merge_members(self.networks), config, self.scaler, self.values, report)


def fit_forecaster(
    series: np.ndarray,
    window: int,
    horizon: int = 1,
    seed: int = 0,
    on_epoch: Callable[[int, object, Callable[[], Forecaster]], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    season: int | None = None,
    **options,
) -> Forecaster:
    """Fit an LSTM forecaster on a 1-D series; options are `ForecastConfig` fields.

    Unless the options name a transform (`log` or `lag`), it is chosen on the validation
    part by `lstm_core.forecast.transform_choice.choose_transform` (a ridge-regression
    proxy scores none, log, first and seasonal differences, log + differences; the season
    is `season`, else the frequency of a pandas series with dates, else found from the
    autocorrelation); the result's `transform_choice` says what was tried and why.
    on_epoch(member, EpochReport, current) reports progress, where current() returns that
    member as a one-network forecaster with the weights reached so far; should_stop()
    ends training early (members not yet started are skipped). The result's
    `fit_report` says what happened.
    """
    choice = None
    if "log" not in options and "lag" not in options:
        choice = choose_transform(series, window, options.get("validation", ForecastConfig.validation), season)
        options = {**options, "log": choice.chosen.transform.log, "lag": choice.chosen.transform.lag}
    training = ForecastTraining(series, ForecastConfig(window=window, horizon=horizon, seed=seed, **options))
    while not training.finished:
        member = training.member
        report = training.run_epoch(should_stop=should_stop)
        if on_epoch:
            snapshot = training.current()
            on_epoch(member, report, lambda snapshot=snapshot: snapshot)
    return replace(training.result(), transform_choice=choice)
