"""Sentiment: a pretrained LSTM reads a text token by token, a TF-IDF baseline beside it."""

import pandas as pd
import streamlit as st

from lstm_core import palette
from lstm_core.serving import assets
from lstm_core.sentiment import classifier, sentiment_figures as figures
from lstm_core.sentiment.tfidf_baseline import ANALYZERS
from lstm_core.text.inputs import EmptyText, clean
from lstm_core.ui import sentiment_page as page
from lstm_core.ui.sentiment_training import training_section
from lstm_core.ui.i18n import colour, lang, literal, long_text, reason_of, say, t
from lstm_core.ui.style import chart, input_notices, table
from lstm_core.ui.server_setup import through_the_app
from lstm_core.ui.session_models import add as add_model

through_the_app()  # first: on a fresh server a page may be run without app.py (see the function)

MAX_CHARS = 2_000
AXIS = {k: t(f"sentiment.axis.{k}") for k in ("class", "probability", "token", "attribution", "true", "predicted", "epoch", "loss", "accuracy")}
LSTM, BASE, ORDER = t("sentiment.lstm"), t("sentiment.baseline"), t("sentiment.order_lstm")
OURS = t("sentiment.page_lstm_name")  # beside the order-aware LSTM, "LSTM" alone would not say which

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


def show_prediction(model, shipped, base, text: str, order=None) -> None:
    """The verdicts (this page's LSTM, the order-aware LSTM, the baseline), the running verdict of
    `model` with occlusion, and the link to the Gates page."""
    try:
        user = clean(text, MAX_CHARS)
        if model is shipped:
            reading = page.shipped_reading(language, user.text)
        elif model is order:
            reading = page.order_reading(language, user.text)
        else:
            reading = model.read(user.text)
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
        shown = literal(" ".join(repr(tok) for tok in sorted(set(unknown))[:20]))
        st.caption(t("sentiment.some_unknown", count=len(unknown), total=len(reading.tokens), tokens=shown))
    names = [say(classifier.label_name(label)) for label in model.labels]
    first = ORDER if model is order else OURS if model is shipped and order is not None else LSTM
    probabilities = {first: reading.probabilities}
    if order is not None and model is not order:
        probabilities[ORDER] = order.predict_proba([user.text])[0]
    elif model is order:  # this page's own LSTM beside the order-aware one
        probabilities[OURS] = page.shipped_reading(language, user.text).probabilities
    probabilities[BASE] = base.predict_proba([user.text])[0]
    columns = st.columns(len(probabilities) + 1)
    for column, (name, p) in zip(columns, probabilities.items()):
        column.metric(t("sentiment.verdict", model=name), f"{names[p.argmax()]} {p.max():.0%}")
    if columns[-1].button(t("sentiment.open_gates"), key="sentiment_to_gates", help=t("sentiment.open_gates_help")):
        if model is order:
            add_model(order)  # the Gates page lists shipped models and this session's
        st.session_state["gates_model"] = model.key
        st.session_state["gates_text"] = user.text
        st.switch_page("pages/gates.py")
    chart(figures.probability_bars(probabilities, names, AXIS), key="sentiment_bars")
    st.subheader(t("sentiment.how_read"))
    if reading.running is None:
        st.caption(t("sentiment.bidirectional_note"))
    if reading.attribution is None and len(reading.tokens) > classifier.OCCLUSION_LIMIT:
        st.caption(t("sentiment.no_occlusion", limit=classifier.OCCLUSION_LIMIT))
    elif reading.attribution is None:
        st.caption(t("sentiment.no_occlusion_work"))
    st.caption(t("sentiment.how_read_caption", towards=colour(palette.POSITIVE), against=colour(palette.NEGATIVE)))
    chart(figures.running_verdict(reading, model.labels, names, AXIS), key="sentiment_running")


def which_reads_but(language: str) -> None:
    """Which of the two LSTMs reads "but", from the contrast set's scores in the order model's card."""
    but = page.reads_but(language)
    if but is None:
        return
    shares = {"order": but.order.pair_accuracy, "shipped": but.shipped.pair_accuracy}
    better, worse = ("order", "shipped") if shares["order"] > shares["shipped"] else ("shipped", "order")
    named = {"order": t("sentiment.order_lstm_inline"), "shipped": t("sentiment.page_lstm")}
    st.info(t("sentiment.reads_but", pairs=but.pairs, better=named[better], better_share=shares[better],
              worse=named[worse], worse_share=shares[worse]))


def show_card(model: classifier.SentimentClassifier) -> None:
    """The shipped model's test metrics beside the baseline's, from its model card."""
    st.subheader(t("sentiment.metrics_title"))
    test_texts, seed = model.test_split
    st.caption(t("sentiment.metrics_caption", test=test_texts, seed=seed))
    lstm_m, base_m = model.scores, model.baseline_scores
    st.table(pd.DataFrame(
        {LSTM: [lstm_m.accuracy, lstm_m.macro_f1], BASE: [base_m.accuracy, base_m.macro_f1]},
        index=[t("sentiment.accuracy"), t("sentiment.macro_f1")],
    ).style.format("{:.4f}"))
    diff = lstm_m.accuracy - base_m.accuracy
    (st.success if diff > 0 else st.warning)(t("sentiment.beats" if diff > 0 else "sentiment.loses", diff=diff))
    names = [say(classifier.label_name(label)) for label in model.labels]
    for column, (name, metrics) in zip(st.columns(2), ((LSTM, lstm_m), (BASE, base_m))):
        with column:
            title = t("sentiment.confusion_title", model=name)
            chart(figures.confusion(metrics.confusion, names, title, AXIS), key=f"sentiment_confusion_{name}")
    st.markdown(f"**{t('sentiment.disagree_title')}**")
    rows = pd.DataFrame(page.disagreement_rows([vars(row) for row in model.disagreements])).rename(columns={
        "text": t("sentiment.col.text"), "true": t("sentiment.col.true"), "lstm": LSTM, "baseline": BASE,
    })
    table(rows)
    with st.expander(t("sentiment.card_details")):
        st.json({k: v for k, v in model.card.to_dict().items() if k not in ("vocabulary", "reference_texts")}, expanded=False)


@st.fragment
def read_text(language: str) -> None:
    """The text box and what the models read in it: typing reruns this part alone."""
    text = st.text_area(t("sentiment.text"), key="sentiment_text", height=100, help=t("sentiment.text_help", limit=MAX_CHARS))
    own = st.session_state.get("sentiment_own")
    use_own = own is not None and own.language == language and st.toggle(
        t("sentiment.use_own"), key="sentiment_use_own", help=t("sentiment.use_own_help")
    )
    try:
        shipped = page.classifier(language)
    except assets.AssetError:
        return  # said once, below, where the card would be
    order = page.order_model(language)
    reader = "shipped"
    if order is not None and not use_own:
        reader = st.radio(t("sentiment.reader"), ("shipped", "order"), horizontal=True, key="sentiment_reader",
                          format_func=lambda r: t(f"sentiment.reader.{r}"), help=t("sentiment.reader_help"))
        which_reads_but(language)
    model = own if use_own else order if reader == "order" else shipped
    try:
        show_prediction(model, shipped, page.baseline(language), text, order)
    except assets.AssetError as error:
        st.error(t("sentiment.model_missing", reason=reason_of(error)))


read_text(language)
try:
    shipped = page.classifier(language)
    st.info(f"**{t('common.try_next')}:** {t('sentiment.try_next')}")
    with st.expander(t("sentiment.about")):
        st.markdown(long_text("sentiment_about", en_n=ANALYZERS["en"][1][1], zh_n=ANALYZERS["zh"][1][1]))
    show_card(shipped)
    page.pretraining_note(language)
except assets.AssetError as error:
    st.error(t("sentiment.model_missing", reason=reason_of(error)))

# ---- train your own, or upload a model trained here before ------------------------------------
training_section(language, AXIS)
