"""Sentiment: a pretrained LSTM reads a text token by token, a TF-IDF baseline beside it."""

import pandas as pd
import streamlit as st

from lstm_core.nn import assets
from lstm_core.nn.budget import OverBudget
from lstm_core.sentiment import classifier, sentiment_figures as figures
from lstm_core.sentiment.imdb import MAX_REVIEWS, ImdbError
from lstm_core.sentiment.sentiment_train import SentimentConfig
from lstm_core.text.inputs import EmptyText, clean
from lstm_core.ui import sentiment as session
from lstm_core.ui.i18n import lang, long_text, say, t
from lstm_core.ui.style import chart, input_notices

MAX_CHARS = 2_000
AXIS = {k: t(f"sentiment.axis.{k}") for k in ("class", "probability", "token", "attribution", "true", "predicted", "epoch", "loss", "accuracy")}
DEFAULTS = SentimentConfig()
LSTM, BASE = t("sentiment.lstm"), t("sentiment.baseline")

st.title(t("sentiment.title"))
st.markdown(t("sentiment.intro"))


def use_example() -> None:
    """on_change of the model and example pickers: put the chosen example in the text box."""
    language = st.session_state["sentiment_language"]
    chosen = st.session_state.get(f"sentiment_example_{language}", 0)
    st.session_state["sentiment_text"] = classifier.EXAMPLES[language][chosen][1]


st.session_state.setdefault("sentiment_language", "zh" if lang() == "zh" else "en")
st.session_state.setdefault("sentiment_text", classifier.EXAMPLES[st.session_state["sentiment_language"]][0][1])
left, right = st.columns([1, 2])
language = left.radio(
    t("sentiment.language"), classifier.LANGUAGES, format_func=lambda code: t(f"sentiment.lang.{code}"),
    key="sentiment_language", on_change=use_example, help=t("sentiment.language_help"),
)
examples = classifier.EXAMPLES[language]
right.selectbox(
    t("sentiment.example"), range(len(examples)), key=f"sentiment_example_{language}", on_change=use_example,
    format_func=lambda i: f"[{t('sentiment.kind.' + examples[i][0])}] {examples[i][1]}", help=t("sentiment.example_help"),
)


def show_prediction(model, shipped, base, text: str) -> None:
    """The verdicts, the running verdict with occlusion, and the link to the Gates page."""
    try:
        user = clean(text, MAX_CHARS)
        reading = session.shipped_reading(language, user.text) if model is shipped else model.read(user.text)
    except EmptyText:
        st.warning(t("common.empty_text"))
        return
    except ValueError:
        st.warning(t("sentiment.no_tokens"))
        return
    input_notices(user)
    if reading.steps_before_cut:
        st.info(t("sentiment.cut_tokens", steps=reading.steps_before_cut, limit=model.max_steps))
    unknown = [tok for tok, unk in zip(reading.tokens, reading.unknown) if unk]
    if len(unknown) == len(reading.tokens):
        st.warning(t("sentiment.all_unknown"))
    elif unknown:
        shown = " ".join(repr(tok) for tok in sorted(set(unknown))[:20])
        st.caption(t("sentiment.some_unknown", count=len(unknown), total=len(reading.tokens), tokens=shown))
    names = [say(classifier.label_name(label)) for label in model.labels]
    base_probabilities = base.predict_proba([user.text])[0]
    columns = st.columns(3)
    columns[0].metric(t("sentiment.verdict", model=LSTM), f"{names[reading.predicted]} {reading.probabilities.max():.0%}")
    columns[1].metric(t("sentiment.verdict", model=BASE), f"{names[base_probabilities.argmax()]} {base_probabilities.max():.0%}")
    if columns[2].button(t("sentiment.open_gates"), key="sentiment_to_gates", help=t("sentiment.open_gates_help")):
        st.session_state["gates_model"] = model.key
        st.session_state["gates_text"] = user.text
        st.switch_page("pages/gates.py")
    chart(figures.probability_bars({LSTM: reading.probabilities, BASE: base_probabilities}, names, AXIS), key="sentiment_bars")
    st.subheader(t("sentiment.how_read"))
    if reading.running is None:
        st.caption(t("sentiment.bidirectional_note"))
    if reading.attribution is None:
        st.caption(t("sentiment.no_occlusion", limit=classifier.OCCLUSION_LIMIT))
    st.caption(t("sentiment.how_read_caption"))
    chart(figures.running_verdict(reading, model.labels, names, AXIS), key="sentiment_running")


def show_card(card: dict) -> None:
    """The shipped model's test metrics beside the baseline's, from its model card."""
    st.subheader(t("sentiment.metrics_title"))
    split = card["data"]["split"]
    st.caption(t("sentiment.metrics_caption", test=split["sizes"]["test"], seed=split["seed"]))
    lstm_m, base_m = card["metrics"], card["baseline"]["metrics"]
    st.table(pd.DataFrame(
        {LSTM: [lstm_m["accuracy"], lstm_m["macro_f1"]], BASE: [base_m["accuracy"], base_m["macro_f1"]]},
        index=[t("sentiment.accuracy"), t("sentiment.macro_f1")],
    ).style.format("{:.4f}"))
    diff = lstm_m["accuracy"] - base_m["accuracy"]
    (st.success if diff > 0 else st.warning)(t("sentiment.beats" if diff > 0 else "sentiment.loses", diff=diff))
    names = [say(classifier.label_name(label)) for label in card["labels"]]
    for column, (name, metrics) in zip(st.columns(2), ((LSTM, lstm_m), (BASE, base_m))):
        with column:
            title = t("sentiment.confusion_title", model=name)
            chart(figures.confusion(metrics["confusion"], names, title, AXIS), key=f"sentiment_confusion_{name}")
    st.markdown(f"**{t('sentiment.disagree_title')}**")
    rows = pd.DataFrame(card["disagreements"]).rename(columns={
        "text": t("sentiment.col.text"), "true": t("sentiment.col.true"), "lstm": LSTM, "baseline": BASE,
    })
    st.dataframe(rows, hide_index=True, width="stretch")
    with st.expander(t("sentiment.card_details")):
        st.json({k: v for k, v in card.items() if k not in ("vocabulary", "reference_texts")}, expanded=False)


@st.fragment
def read_text(language: str) -> None:
    """The text box and what the models read in it: typing reruns this part alone."""
    text = st.text_area(t("sentiment.text"), key="sentiment_text", height=100, help=t("sentiment.text_help", limit=MAX_CHARS))
    own = st.session_state.get("sentiment_own")
    use_own = own is not None and own.language == language and st.toggle(
        t("sentiment.use_own"), key="sentiment_use_own", help=t("sentiment.use_own_help")
    )
    try:
        shipped = session.classifier(language)
    except assets.AssetError:
        return  # said once, below, where the card would be
    try:
        show_prediction(own if use_own else shipped, shipped, session.baseline(language), text)
    except assets.AssetError as error:
        st.error(t("sentiment.model_missing", reason=error))


read_text(language)
try:
    shipped = session.classifier(language)
    st.info(f"**{t('common.try_next')}:** {t('sentiment.try_next')}")
    with st.expander(t("sentiment.about")):
        st.markdown(long_text("sentiment_about"))
    show_card(shipped.card)
except assets.AssetError as error:
    st.error(t("sentiment.model_missing", reason=error))

# ---- train your own -------------------------------------------------------------------------
st.header(t("sentiment.train_title"))
st.markdown(t("sentiment.train_intro"))
datasets = ("reviews", "tweets", "imdb")
d1, d2 = st.columns([1, 2])
dataset = d1.selectbox(
    t("sentiment.dataset"), datasets, index=0 if language == "zh" else 1, format_func=lambda d: t(f"sentiment.dataset.{d}"),
    key=f"sentiment_dataset_{language}", help=t("sentiment.dataset_help"),  # follows the model picked above
)
if dataset == "imdb":
    d2.file_uploader(t("sentiment.imdb_file"), type=["npz", "zip"], key="sentiment_imdb_file", help=t("sentiment.imdb_file_help", limit=MAX_REVIEWS))
    d2.file_uploader(t("sentiment.imdb_index"), type=["json"], key="sentiment_imdb_index", help=t("sentiment.imdb_index_help"))
elif dataset == "reviews":
    d2.radio(
        t("sentiment.token_unit"), classifier.TOKEN_UNITS, index=classifier.TOKEN_UNITS.index(DEFAULTS.token_unit), horizontal=True,
        format_func=lambda u: t(f"sentiment.unit.{u}"), key="sentiment_token_unit", help=t("sentiment.token_unit_help"),
    )
c1, c2, c3, c4 = st.columns(4)
embedding_dim = c1.slider(t("sentiment.embedding_dim"), 4, 128, DEFAULTS.embedding_dim, step=4, key="sentiment_embedding_dim", help=t("sentiment.embedding_dim_help"))
units = c2.slider(t("sentiment.units"), 4, 128, DEFAULTS.units, step=4, key="sentiment_units", help=t("sentiment.units_help"))
layers = c3.slider(t("sentiment.layers"), 1, 3, DEFAULTS.layers, key="sentiment_layers", help=t("sentiment.layers_help"))
dropout = c4.slider(t("sentiment.dropout"), 0.0, 0.8, DEFAULTS.dropout, step=0.05, key="sentiment_dropout", help=t("sentiment.dropout_help"))
c1, c2, c3, c4 = st.columns(4)
epochs = c1.number_input(t("sentiment.epochs"), 0, 30, DEFAULTS.epochs, key="sentiment_epochs", help=t("sentiment.epochs_help"))
max_length = c2.number_input(t("sentiment.max_length"), 0, 500, DEFAULTS.max_length, step=10, key="sentiment_max_length", help=t("sentiment.max_length_help"))
seed = c3.number_input(t("common.seed"), 0, 10_000, DEFAULTS.seed, key="sentiment_seed", help=t("sentiment.seed_help"))
bidirectional = c4.toggle(t("sentiment.bidirectional"), DEFAULTS.bidirectional, key="sentiment_bidirectional", help=t("sentiment.bidirectional_help"))

b1, b2 = st.columns(2)
start = b1.button(t("sentiment.train"), key="sentiment_train", type="primary", disabled=session.JOB in st.session_state)
b2.button(t("common.stop"), key="sentiment_stop", on_click=session.request_stop, disabled=session.JOB not in st.session_state)
progress_slot, curves_slot = st.empty(), st.empty()
drawn = iter(range(10_000))  # a fresh key for each redraw of the curves within one run


def draw_curves(slot, history) -> None:
    names_ = {"train": t("sentiment.train_part"), "validation": t("sentiment.validation_part")}
    with slot.container():
        chart(figures.training_curves(history, AXIS, names_), key=f"sentiment_curves_{next(drawn)}")


if start:
    try:
        config = SentimentConfig(
            embedding_dim=embedding_dim, units=units, layers=layers, bidirectional=bidirectional, dropout=dropout,
            epochs=int(epochs), max_length=int(max_length), seed=int(seed),
            token_unit=st.session_state.get("sentiment_token_unit", DEFAULTS.token_unit) if dataset == "reviews" else DEFAULTS.token_unit,
        )
        if dataset == "imdb":
            data = session.imdb(st.session_state.get("sentiment_imdb_file"), st.session_state.get("sentiment_imdb_index"), int(seed))
        else:
            with st.spinner(t("sentiment.preparing")):
                data = session.dataset(dataset, int(seed))
        session.start(data, config)
    except ImdbError as error:
        st.error(t("sentiment.imdb_error", reason=error))
    except OverBudget as error:
        st.error(t("common.over_budget", times=error.times, settings=", ".join(error.settings)))
    except ValueError as error:
        st.error(t("sentiment.bad_settings", reason=error))
session.advance(progress_slot, curves_slot, draw_curves)

trained = st.session_state.get(session.TRAINED)
if trained is not None:
    draw_curves(curves_slot, trained.history)
    if trained.stopped:
        st.warning(t("sentiment.stopped", epochs=trained.epochs_run))
    m = trained.metrics
    st.success(t("sentiment.finished", epochs=trained.epochs_run, seconds=trained.seconds, best=trained.best_epoch, accuracy=m.accuracy, f1=m.macro_f1))
    shipped_language = {"reviews": "zh", "tweets": "en"}.get(trained.classifier.card["data"]["name"])
    if shipped_language:
        reference = session.classifier(shipped_language).card["metrics"]
        st.caption(t("sentiment.compare_shipped", accuracy=reference["accuracy"], f1=reference["macro_f1"]))
    st.caption(t("sentiment.on_gates"))
    zipped = assets.to_zip(trained.classifier.network, trained.classifier.card)
    st.download_button(t("sentiment.download"), zipped, file_name="sentiment_model.zip", mime="application/zip", key="sentiment_download", help=t("sentiment.download_help"))

uploaded = st.file_uploader(t("sentiment.upload"), type=["zip"], key="sentiment_upload", help=t("sentiment.upload_help"))
if uploaded is not None:
    try:
        st.session_state["sentiment_own"] = session.upload(uploaded.getvalue())
        st.caption(t("sentiment.uploaded", name=uploaded.name))
    except assets.AssetError as error:
        st.error(t("sentiment.upload_error", reason=error))
