"""UI strings of the tokens page: key -> {"en": ..., "zh": ...}."""

STRINGS: dict[str, dict[str, str]] = {
    "tokens.title": {"en": "Tokens and embeddings", "zh": "分词与词向量"},
    "tokens.caption": {
        "en": "An LSTM reads numbers, one per step. This page turns raw text into those numbers: cut it into tokens, "
        "give each token an id, and learn a vector for each word.",
        "zh": "LSTM 每一步读入的是数字。本页把原始文本一步步变成这些数字：先切分成词，再给每个词编号，最后为每个词学习一个向量。",
    },
    "tokens.section": {"en": "Step", "zh": "步骤"},
    "tokens.section_help": {
        "en": "Follow the steps from left to right: text → tokens → ids and counts → word vectors → your own vectors.",
        "zh": "从左到右依次进行：文本 → 词 → 编号与计数 → 词向量 → 训练你自己的词向量。",
    },
    "tokens.section.segment": {"en": "1 · Segmentation", "zh": "1 · 分词"},
    "tokens.section.numbers": {"en": "2 · Tokens to numbers", "zh": "2 · 从词到数字"},
    "tokens.section.vectors": {"en": "3 · Word vectors", "zh": "3 · 词向量"},
    "tokens.section.train": {"en": "4 · Train your own", "zh": "4 · 训练你自己的"},
    # segmentation
    "tokens.seg.example": {"en": "Example", "zh": "示例"},
    "tokens.seg.example_help": {
        "en": "Pick a starting text: the article's sentence, a sentence where HMM matters (an unseen name), mixed "
        "Chinese/English/digits/emoji, or an English tweet. You can edit it below.",
        "zh": "选择一段起始文本：文章中的例句、HMM 起作用的句子（未登录的人名）、中英文数字表情混合文本，或一条英文推文。可在下方修改。",
    },
    "tokens.seg.text": {"en": "Text to segment", "zh": "要分词的文本"},
    "tokens.seg.text_help": {
        "en": "Type or paste any text (up to 5,000 characters are shown as chips; longer text is cut with a notice).",
        "zh": "输入或粘贴任意文本（最多显示 5,000 个字符，更长的文本会被截断并提示）。",
    },
    "tokens.seg.hmm": {"en": "HMM for unknown words", "zh": "用 HMM 识别未登录词"},
    "tokens.seg.hmm_help": {
        "en": "jieba's hidden Markov model joins characters the dictionary does not know into words. Switch it off on the "
        "second example and watch the name 李小福 fall apart into single characters.",
        "zh": "jieba 的隐马尔可夫模型会把词典里没有的字组合成新词。在第二个示例上关掉它，人名“李小福”就会散成单字。",
    },
    "tokens.seg.user_words": {"en": "Your words (this session only)", "zh": "自定义词（仅本次会话）"},
    "tokens.seg.user_words_help": {
        "en": "Words jieba should keep whole, separated by spaces or commas, e.g. 创新办 云计算. They live in a private "
        "tokenizer for your browser session only; other users never see them.",
        "zh": "希望 jieba 整体保留的词，用空格或逗号分隔，例如 创新办 云计算。它们只存在于你这个浏览器会话的私有分词器中，其他用户看不到。",
    },
    "tokens.mode.precise": {"en": "Precise", "zh": "精确模式"},
    "tokens.mode.precise_help": {"en": "the most probable split; what a model is fed", "zh": "最可能的切分，模型的输入"},
    "tokens.mode.full": {"en": "Full", "zh": "全模式"},
    "tokens.mode.full_help": {"en": "every dictionary word found, overlapping", "zh": "列出所有词典词，可重叠"},
    "tokens.mode.search": {"en": "Search engine", "zh": "搜索引擎模式"},
    "tokens.mode.search_help": {"en": "precise, plus short words inside long ones", "zh": "精确模式再加上长词中的短词"},
    "tokens.seg.looks_english": {
        "en": "This text is mostly not Chinese: a model for English would use the English rule below, not jieba.",
        "zh": "这段文本大部分不是中文：英文模型会使用下面的英文规则，而不是 jieba。",
    },
    "tokens.seg.english": {"en": "English rule (lower-cased)", "zh": "英文规则（转为小写）"},
    "tokens.seg.english_on_chinese": {
        "en": "The English rule only splits at spaces and punctuation, so Chinese comes out as whole clauses: that is why Chinese needs a segmenter such as jieba.",
        "zh": "英文规则只在空格和标点处切分，所以中文会整句整句地出来：这正是中文需要 jieba 这类分词器的原因。",
    },
    "tokens.seg.english_rule": {"en": "How the English rule works", "zh": "英文规则如何工作"},
    "tokens.seg.pos": {"en": "Part-of-speech tags (jieba.posseg)", "zh": "词性标注（jieba.posseg）"},
    "tokens.vec.missing": {
        "en": "These word vectors could not be loaded: {reason}. The other steps still work.",
        "zh": "无法加载这组词向量：{reason}。其他步骤仍然可用。",
    },
    "tokens.vec.tsne_limit": {
        "en": "t-SNE maps at most {limit:,} words here and you asked for {count:,}: the map below uses PCA instead.",
        "zh": "这里的 t-SNE 最多处理 {limit:,} 个词，而你选了 {count:,} 个：下面的图改用 PCA。",
    },
    "tokens.vec.custom_cut": {
        "en": "You typed {count:,} words; the map uses the first {limit:,}.",
        "zh": "你输入了 {count:,} 个词；图中只使用前 {limit:,} 个。",
    },
    "tokens.vec.more_unknown": {
        "en": "…and {count:,} more words without a vector.",
        "zh": "……另有 {count:,} 个词没有词向量。",
    },
    "tokens.seg.tag_cut": {
        "en": "Tags and keywords are computed on the first {limit:,} characters.",
        "zh": "词性和关键词只针对前 {limit:,} 个字符计算。",
    },
    "tokens.seg.hmm_off": {
        "en": "The text has {unknown:,} characters that jieba's tagger does not know (more than {limit}); "
        "each would cost its HMM about 8 ms, so tags and TextRank keywords are computed without the HMM.",
        "zh": "文本中有 {unknown:,} 个 jieba 词性标注器不认识的字（超过 {limit} 个）；"
        "HMM 处理每个字约需 8 毫秒，所以词性和 TextRank 关键词在关闭 HMM 的情况下计算。",
    },
    "tokens.seg.keywords": {"en": "Keywords with weights (jieba.analyse)", "zh": "关键词及权重（jieba.analyse）"},
    "tokens.kw.tfidf": {"en": "TF-IDF", "zh": "TF-IDF"},
    "tokens.kw.textrank": {"en": "TextRank", "zh": "TextRank"},
    "tokens.col.word": {"en": "word", "zh": "词"},
    "tokens.col.tag": {"en": "tag", "zh": "词性"},
    "tokens.col.group": {"en": "class", "zh": "类别"},
    "tokens.group.person": {"en": "person name", "zh": "人名"},
    "tokens.group.place": {"en": "place name", "zh": "地名"},
    "tokens.group.organization": {"en": "organization", "zh": "机构名"},
    "tokens.group.noun": {"en": "noun", "zh": "名词"},
    "tokens.group.verb": {"en": "verb", "zh": "动词"},
    "tokens.group.adjective": {"en": "adjective", "zh": "形容词"},
    "tokens.group.adverb": {"en": "adverb", "zh": "副词"},
    "tokens.group.number": {"en": "number / measure", "zh": "数词 / 量词"},
    "tokens.group.time": {"en": "time", "zh": "时间词"},
    "tokens.group.punctuation": {"en": "punctuation", "zh": "标点"},
    "tokens.group.function": {"en": "function word", "zh": "虚词"},
    "tokens.group.other": {"en": "other", "zh": "其他"},
    "tokens.group.word": {"en": "word", "zh": "单词"},
    "tokens.group.hashtag": {"en": "#hashtag", "zh": "#话题标签"},
    "tokens.group.mention": {"en": "@mention", "zh": "@提及"},
    "tokens.group.url": {"en": "URL", "zh": "网址"},
    "tokens.group.symbol": {"en": "symbol / emoji", "zh": "符号 / 表情"},
    # numbers
    "tokens.num.docs": {"en": "Documents, one per line", "zh": "文档，每行一篇"},
    "tokens.num.docs_help": {
        "en": "Up to 12 short documents. Chinese lines are cut with jieba (with your words), English lines with the English rule.",
        "zh": "最多 12 篇短文档。中文行用 jieba 切分（含你的自定义词），英文行用英文规则切分。",
    },
    "tokens.num.length": {"en": "Padded length", "zh": "填充长度"},
    "tokens.num.length_help": {
        "en": "Every sequence in a batch must have the same length: shorter ones are filled with id 0 (<pad>), longer ones are cut.",
        "zh": "同一批中的序列必须等长：短的用编号 0（<pad>）补齐，长的被截断。",
    },
    "tokens.num.ids": {"en": "Vocabulary lookup: token → id", "zh": "查词表：词 → 编号"},
    "tokens.num.vocab_size": {
        "en": "vocabulary of {size} entries: 0 = <pad>, 1 = <unk> (a word never seen in training), then by frequency",
        "zh": "词表共 {size} 项：0 = <pad>，1 = <unk>（训练中没见过的词），其余按词频排序",
    },
    "tokens.num.bow": {"en": "Bag of words: counts per document", "zh": "词袋：每篇文档的词频"},
    "tokens.num.tfidf": {"en": "TF-IDF weights (scikit-learn, jieba analyzer)", "zh": "TF-IDF 权重（scikit-learn，jieba 分词）"},
    "tokens.num.same_bag": {
        "en": "“{a}” and “{b}” have identical bag-of-words rows: counting loses word order. An LSTM reads the ids in order, so it can tell them apart.",
        "zh": "“{a}”和“{b}”的词袋向量完全相同：计数丢失了词序。LSTM 按顺序读取编号，因此能区分它们。",
    },
    "tokens.axis.term": {"en": "term", "zh": "词项"},
    "tokens.axis.document": {"en": "document", "zh": "文档"},
    "tokens.csv_help": {"en": "Download the numbers behind this chart as a CSV file.", "zh": "把此图背后的数据下载为 CSV 文件。"},
    # vectors
    "tokens.vec.source": {"en": "Word vectors", "zh": "词向量"},
    "tokens.vec.source_help": {
        "en": "Shipped vectors trained with word2vec on People's Daily (Chinese, Jan. 1998) or on English tweets; after step 4, also your own.",
        "zh": "随应用提供的词向量：用 word2vec 在《人民日报》（1998 年 1 月）或英文推文上训练；完成第 4 步后还有你自己的。",
    },
    "tokens.vec.source.zh": {"en": "Chinese (People's Daily)", "zh": "中文（人民日报）"},
    "tokens.vec.source.en": {"en": "English (tweets)", "zh": "英文（推文）"},
    "tokens.vec.source.mine": {"en": "Mine (step 4)", "zh": "我的（第 4 步）"},
    "tokens.vec.set": {"en": "Words on the map", "zh": "地图上的词"},
    "tokens.vec.set_help": {"en": "The most frequent words, or a list you type.", "zh": "最常见的词，或你输入的词表。"},
    "tokens.vec.set.top": {"en": "Most frequent", "zh": "最常见"},
    "tokens.vec.set.custom": {"en": "My list", "zh": "自选词表"},
    "tokens.vec.method": {"en": "Projection", "zh": "降维方法"},
    "tokens.vec.method_help": {
        "en": "PCA keeps the directions of largest variance (fast, linear). t-SNE keeps near neighbours together (clusters; distances between clusters mean little).",
        "zh": "PCA 保留方差最大的方向（快速、线性）。t-SNE 让近邻聚在一起（聚类清楚，但簇间距离意义不大）。",
    },
    "tokens.vec.method.pca": {"en": "PCA", "zh": "PCA"},
    "tokens.vec.method.tsne": {"en": "t-SNE", "zh": "t-SNE"},
    "tokens.vec.dims": {"en": "Dimensions", "zh": "维数"},
    "tokens.vec.dims_help": {"en": "2D is easier to read; 3D can be rotated with the mouse.", "zh": "二维更易读；三维可用鼠标旋转。"},
    "tokens.vec.perplexity": {"en": "t-SNE perplexity", "zh": "t-SNE 困惑度"},
    "tokens.vec.perplexity_help": {
        "en": "Roughly how many neighbours each word pays attention to. Small values give many tight clusters.",
        "zh": "大致表示每个词关注多少个近邻。值小时会出现许多紧凑的小簇。",
    },
    "tokens.vec.content_only": {"en": "Hide punctuation and function words", "zh": "隐藏标点和虚词"},
    "tokens.vec.content_only_help": {
        "en": "The most frequent tokens are 的, 了, commas, numbers, measure words (个, 名) and 'the'; hiding them leaves the words that carry meaning.",
        "zh": "最常见的是“的”“了”、逗号、数词和量词（个、名）以及 the 之类；隐藏它们后留下有实际意义的词。",
    },
    "tokens.vec.top_n": {"en": "Number of words", "zh": "词数"},
    "tokens.vec.top_n_help": {
        "en": "How many of the most frequent words to draw. Labels are hidden above 400 words; hover to read them. t-SNE on 1,000 words takes a few seconds the first time.",
        "zh": "绘制多少个最常见的词。超过 400 个词时隐藏标签，可悬停查看。对 1,000 个词做 t-SNE 第一次需要几秒。",
    },
    "tokens.vec.custom": {"en": "Words, separated by spaces", "zh": "词语，用空格分隔"},
    "tokens.vec.custom_help": {"en": "Words not in the vocabulary are reported with close suggestions.", "zh": "不在词表中的词会被提示，并给出相近的词。"},
    "tokens.vec.search": {"en": "Highlight a word", "zh": "高亮一个词"},
    "tokens.vec.search_help": {"en": "The word is marked on the map (and added to it if needed).", "zh": "在地图上标出这个词（必要时把它加入地图）。"},
    "tokens.vec.unknown": {
        "en": "“{word}” is not in the vocabulary. Close words: {close}",
        "zh": "“{word}”不在词表中。相近的词：{close}",
    },
    "tokens.vec.card_summary": {
        "en": "Trained on {tokens:,} tokens; {words:,} words kept; {architecture}, {size} dimensions, {epochs} epochs, "
        "{seconds} s on one thread; {megabytes:.1f} MB in float16. Analogies: {correct} of {answered} right, against "
        "{baseline} for the baseline that answers with the word nearest to c. Nearest neighbours of ten common words:",
        "zh": "训练语料 {tokens:,} 个词；保留 {words:,} 个词；{architecture}，{size} 维，{epochs} 轮，单线程 {seconds} 秒；"
        "float16 存储 {megabytes:.1f} MB。类比题答对 {correct}/{answered}，而“直接取离 c 最近的词”的基线答对 {baseline} 题。"
        "十个常用词的最近邻：",
    },
    "tokens.vec.computing": {"en": "Projecting the vectors (t-SNE on many words takes a few seconds, once)…", "zh": "正在降维（对大量词做 t-SNE 需要几秒，只算一次）…"},
    "tokens.vec.too_few": {"en": "Put at least 5 known words on the map.", "zh": "地图上至少需要 5 个已知词。"},
    "tokens.axis.pca": {"en": "principal component {n}", "zh": "主成分 {n}"},
    "tokens.axis.tsne": {"en": "t-SNE axis {n} (no unit)", "zh": "t-SNE 轴 {n}（无单位）"},
    "tokens.vec.caption.pca": {
        "en": "PCA: the axes are the two (or three) directions along which these vectors vary most.",
        "zh": "PCA：坐标轴是这些向量变化最大的两个（或三个）方向。",
    },
    "tokens.vec.caption.tsne": {
        "en": "t-SNE: only who is near whom matters; the axes and the gaps between clusters have no meaning.",
        "zh": "t-SNE：只有“谁和谁相近”有意义；坐标轴和簇之间的距离没有意义。",
    },
    "tokens.vec.neighbours": {"en": "Nearest neighbours", "zh": "最近邻"},
    "tokens.vec.word": {"en": "Word", "zh": "词"},
    "tokens.vec.word_help": {
        "en": "The words whose vectors point in the most similar direction (cosine similarity, 1 = same direction).",
        "zh": "向量方向最接近的词（余弦相似度，1 表示方向相同）。",
    },
    "tokens.vec.top": {"en": "How many", "zh": "数量"},
    "tokens.vec.top_help": {"en": "Number of neighbours to list.", "zh": "列出多少个近邻。"},
    "tokens.axis.cosine": {"en": "cosine similarity", "zh": "余弦相似度"},
    "tokens.vec.analogy": {"en": "Analogies: a − b + c", "zh": "类比：a − b + c"},
    "tokens.vec.analogy_help": {
        "en": "山东 − 济南 + 郑州 asks: what is to 郑州 as 山东 is to 济南 (a province and its capital)? The answer is the word "
        "nearest to the sum, the three inputs excluded. Blue arrow: b → a; red arrow: c → the answer; grey: c plus exactly (a − b).",
        "zh": "山东 − 济南 + 郑州 的意思是：什么之于郑州，正如山东之于济南（省份与省会）？答案是离这个向量和最近的词（三个输入词除外）。"
        "蓝色箭头：b → a；红色箭头：c → 答案；灰色：c 加上 (a − b) 的精确位置。",
    },
    "tokens.vec.analogy_word_help": {"en": "A word in the vocabulary.", "zh": "词表中的一个词。"},
    "tokens.vec.analogy_missing": {"en": "Type three words to compute an analogy.", "zh": "请输入三个词来计算类比。"},
    "tokens.vec.analogy_result": {"en": "**{a} − {b} + {c}** ≈ {answers}", "zh": "**{a} − {b} + {c}** ≈ {answers}"},
    # training
    "tokens.train.origin": {"en": "Training text", "zh": "训练文本"},
    "tokens.train.origin_help": {
        "en": "The first 3,000 sentences of People's Daily or of the tweets, or your own text (paste or upload a UTF-8 .txt file).",
        "zh": "《人民日报》或推文的前 3,000 句，或你自己的文本（粘贴，或上传 UTF-8 编码的 .txt 文件）。",
    },
    "tokens.train.origin.peoples_daily": {"en": "People's Daily sample", "zh": "人民日报样本"},
    "tokens.train.origin.tweets": {"en": "Tweets sample", "zh": "推文样本"},
    "tokens.train.origin.paste": {"en": "Paste text", "zh": "粘贴文本"},
    "tokens.train.origin.upload": {"en": "Upload a file", "zh": "上传文件"},
    "tokens.train.paste": {"en": "Your text", "zh": "你的文本"},
    "tokens.train.paste_help": {
        "en": "At least a few hundred words of running text; up to 300,000 characters are used. Chinese is cut with jieba, English with the English rule.",
        "zh": "至少几百个词的连续文本；最多使用 300,000 个字符。中文用 jieba 切分，英文用英文规则。",
    },
    "tokens.train.upload": {"en": "A UTF-8 text file", "zh": "UTF-8 文本文件"},
    "tokens.train.upload_help": {"en": "Plain text, encoded as UTF-8.", "zh": "纯文本，UTF-8 编码。"},
    "tokens.train.not_utf8": {
        "en": "This file is not UTF-8 text (or is larger than 5 MB). Save it as UTF-8 (in most editors: Save as → Encoding: UTF-8) and upload it again.",
        "zh": "该文件不是 UTF-8 文本（或大于 5 MB）。请另存为 UTF-8 编码（大多数编辑器：另存为 → 编码：UTF-8）后重新上传。",
    },
    "tokens.train.arch": {"en": "Architecture", "zh": "模型结构"},
    "tokens.train.arch_help": {
        "en": "Skip-gram predicts the neighbours from the word (better for small texts and rare words); CBOW predicts the word from its neighbours (faster).",
        "zh": "Skip-gram 用中心词预测周围的词（适合小语料和低频词）；CBOW 用周围的词预测中心词（更快）。",
    },
    "tokens.train.arch.skipgram": {"en": "Skip-gram", "zh": "Skip-gram"},
    "tokens.train.arch.cbow": {"en": "CBOW", "zh": "CBOW"},
    "tokens.train.size": {"en": "Vector size", "zh": "向量维数"},
    "tokens.train.size_help": {"en": "Numbers per word. Small texts need few (20–50).", "zh": "每个词用多少个数表示。小语料只需少量（20–50）。"},
    "tokens.train.window": {"en": "Window", "zh": "窗口"},
    "tokens.train.window_help": {"en": "How many words on each side count as context.", "zh": "左右各多少个词算作上下文。"},
    "tokens.train.epochs": {"en": "Epochs", "zh": "轮数"},
    "tokens.train.epochs_help": {
        "en": "Passes over the text. Very large texts times many epochs are refused to keep the page responsive.",
        "zh": "遍历文本的次数。文本很大且轮数很多时会被拒绝，以保持页面响应。",
    },
    "tokens.train.min_count": {"en": "Minimum count", "zh": "最低词频"},
    "tokens.train.min_count_help": {"en": "Words seen fewer times get no vector.", "zh": "出现次数少于此值的词不学习向量。"},
    "tokens.train.corpus": {"en": "{sentences:,} sentences, {tokens:,} tokens, {language}", "zh": "{sentences:,} 句，{tokens:,} 个词，{language}"},
    "tokens.train.go": {"en": "Train word2vec", "zh": "训练 word2vec"},
    "tokens.train.go_help": {"en": "Train in this browser session; the result appears below and in step 3.", "zh": "在本会话中训练；结果显示在下方和第 3 步中。"},
    "tokens.train.stop_help": {"en": "Interrupts training; the previous result (if any) is kept.", "zh": "中断训练；保留之前的结果（如有）。"},
    "tokens.train.starting": {"en": "Building the vocabulary…", "zh": "正在建立词表…"},
    "tokens.train.epoch": {"en": "Epoch {epoch}/{epochs} · {seconds:.1f} s", "zh": "第 {epoch}/{epochs} 轮 · {seconds:.1f} 秒"},
    "tokens.train.done": {"en": "Done in {seconds:.1f} s", "zh": "完成，用时 {seconds:.1f} 秒"},
    "tokens.train.summary": {
        "en": "Your vectors: {words:,} words from {tokens:,} tokens in {sentences:,} sentences; {architecture}, {epochs} epochs, {seconds} s.",
        "zh": "你的词向量：{words:,} 个词，来自 {sentences:,} 句中的 {tokens:,} 个词；{architecture}，{epochs} 轮，{seconds} 秒。",
    },
    "tokens.train.refused.too_little_text": {
        "en": "The text has fewer than 50 tokens: paste or upload more running text.",
        "zh": "文本少于 50 个词：请粘贴或上传更多连续文本。",
    },
    "tokens.train.refused.too_few_words": {
        "en": "Only {words} word(s) occur at least {min_count} times: use more text or a lower minimum count.",
        "zh": "只有 {words} 个词出现至少 {min_count} 次：请使用更多文本，或降低最低词频。",
    },
    "tokens.train.refused.too_much_work": {
        "en": "{tokens:,} tokens × {epochs} epochs with these settings would take too long in a live session: "
        "use fewer epochs, a smaller window or vector size, or a shorter text.",
        "zh": "{tokens:,} 个词 × {epochs} 轮在当前设置下训练时间过长：请减少轮数、缩小窗口或向量维数，或使用更短的文本。",
    },
    "tokens.train.download": {"en": "Download vectors (.npz)", "zh": "下载词向量（.npz）"},
    "tokens.train.download_help": {
        "en": "A NumPy archive with arrays 'words' and 'vectors' (float16); load it with numpy.load(..., allow_pickle=False).",
        "zh": "NumPy 压缩包，包含 words 和 vectors（float16）两个数组；用 numpy.load(..., allow_pickle=False) 读取。",
    },
    "tokens.train.explore": {
        "en": "Open step 3 and choose “Mine” to map your vectors, list neighbours and try analogies.",
        "zh": "打开第 3 步并选择“我的”，即可绘制你的词向量、查看近邻、尝试类比。",
    },
    "tokens.axis.epoch": {"en": "epoch", "zh": "轮次"},
    "tokens.axis.loss": {"en": "training loss (summed)", "zh": "训练损失（累加）"},
    # try next
    "tokens.next.segment": {
        "en": "pick the second example and switch HMM off; then type 创新办 云计算 as your words and watch the chips change.",
        "zh": "选择第二个示例并关闭 HMM；然后输入自定义词“创新办 云计算”，观察词块的变化。",
    },
    "tokens.next.numbers": {
        "en": "add a line that reorders another one's words, and compare their bag-of-words rows with their id rows.",
        "zh": "添加一行，把另一行的词换个顺序，比较它们的词袋行和编号行。",
    },
    "tokens.next.vectors": {
        "en": "switch to t-SNE and highlight 北京; then try your own analogies (日本 − 东京 + 汉城, or worse − bad + good in English). "
        "Many fail on a corpus this small: the model card shows how often they work.",
        "zh": "切换到 t-SNE 并高亮“北京”；再试试你自己的类比（日本 − 东京 + 汉城，英文可试 worse − bad + good）。"
        "语料这么小，很多类比会失败：模型卡记录了成功的比例。",
    },
    "tokens.next.train": {
        "en": "train once with skip-gram and once with CBOW on the same text, then compare the neighbours of a word in step 3.",
        "zh": "在同一文本上分别用 skip-gram 和 CBOW 训练，然后在第 3 步比较同一个词的近邻。",
    },
}
