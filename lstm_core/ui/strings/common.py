"""UI strings shared by every page: key -> {"en": ..., "zh": ...}."""

STRINGS: dict[str, dict[str, str]] = {
    "common.app_title": {"en": "LSTM Lab", "zh": "LSTM 实验室"},
    "common.language": {"en": "Language", "zh": "语言"},
    "common.classroom": {"en": "Classroom mode", "zh": "课堂模式"},
    "common.classroom_help": {
        "en": "Larger type and charts, for a projector.",
        "zh": "放大字体和图表，适合投影。",
    },
    "common.page.home": {"en": "Home", "zh": "首页"},
    "common.page.why": {"en": "Why an LSTM", "zh": "为什么用 LSTM"},
    "common.page.tokens": {"en": "Tokens & embeddings", "zh": "分词与词向量"},
    "common.page.sentiment": {"en": "Sentiment", "zh": "情感分析"},
    "common.page.forecast": {"en": "Forecasting", "zh": "时间序列预测"},
    "common.page.generate": {"en": "Text generation", "zh": "文本生成"},
    "common.page.gates": {"en": "Gates", "zh": "门控激活"},
    "common.page.practical": {"en": "Making LSTMs practical", "zh": "让 LSTM 走向实用"},
    "common.page.gan": {"en": "LSTM-GAN", "zh": "LSTM-GAN"},
    "common.empty_text": {
        "en": "The text is empty. Type something, or pick an example.",
        "zh": "文本为空。请输入一些内容，或选择一个示例。",
    },
    "common.cut_notice": {
        "en": "The text was {length:,} characters long; only the first {limit:,} are used.",
        "zh": "文本长 {length:,} 个字符，只使用前 {limit:,} 个。",
    },
    "common.controls_removed": {
        "en": "{count} control character(s) were removed from the text.",
        "zh": "已从文本中删除 {count} 个控制字符。",
    },
    "common.try_next": {"en": "Try next", "zh": "接下来试试"},
    "common.over_budget": {
        "en": "These settings would take about {times:.0f} times the work one training may use on this shared "
        "server (about three minutes). Lower: {settings}.",
        "zh": "这些设置所需的计算量约为共享服务器上单次训练上限（约三分钟）的 {times:.0f} 倍。请调低：{settings}。",
    },
    "common.seed": {"en": "Random seed", "zh": "随机种子"},
    "common.seed_help": {
        "en": "The same seed gives the same result every time.",
        "zh": "相同的种子每次都会得到相同的结果。",
    },
    "common.stop": {"en": "Stop training", "zh": "停止训练"},
    "common.model_card": {"en": "Model card", "zh": "模型卡"},
    "common.download_csv": {"en": "Download CSV", "zh": "下载 CSV"},
    # ---- the server-wide training queue (lstm_core.ui.live_training)
    "common.training_queued": {
        "en": "Waiting for a free training slot: {ahead} training(s) ahead of you. Training starts by itself when it is your turn.",
        "zh": "正在等待空闲的训练名额：你前面还有 {ahead} 个训练。轮到你时会自动开始。",
    },
    "common.training_cancel": {"en": "Cancel", "zh": "取消"},
    "common.training_cancelled": {"en": "Training cancelled before it started.", "zh": "训练在开始前已取消。"},
}
