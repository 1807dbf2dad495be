"""UI strings of the LSTM-GAN page: key -> {"en": ..., "zh": ...}."""

STRINGS: dict[str, dict[str, str]] = {
    "gan.title": {"en": "LSTM-GAN: a generator against a discriminator", "zh": "LSTM-GAN：生成器与判别器的对抗"},
    "gan.intro": {
        "en": "Two LSTMs play a game: one invents sequences, the other tries to catch the fakes. "
        "Here the game is played on number sequences, where it trains, and on text, where the article's version cannot.",
        "zh": "两个 LSTM 在玩一场博弈：一个负责编造序列，另一个负责识破假货。"
        "这一页先在数字序列上进行这场博弈（它能训练起来），再看文本：文章里的写法为什么训练不了。",
    },
    "gan.diagram": {
        "en": """digraph gan {
  rankdir=LR; bgcolor="transparent"; node [fontname="Helvetica", fontsize=13];
  z [label="noise z\\n(one vector per step)", shape=box, style="rounded,filled", fillcolor="#fff4e0"];
  G [label="generator G\\nLSTM -> dense", shape=box, style=filled, fillcolor="#fde2e2"];
  fake [label="generated sequence G(z)", shape=box, style="rounded,filled", fillcolor="#fde2e2"];
  real [label="real sequence x", shape=box, style="rounded,filled", fillcolor="#e8f0fe"];
  D [label="discriminator D\\nLSTM -> dense -> σ", shape=box, style=filled, fillcolor="#e2ecfd"];
  p [label="P(real)", shape=ellipse];
  z -> G -> fake -> D; real -> D; D -> p;
  p -> D [label="L_D: tell them apart", style=dashed, color="#1f77b4"];
  p -> G [label="L_G: fool D", style=dashed, color="#d62728"];
}""",
        "zh": """digraph gan {
  rankdir=LR; bgcolor="transparent"; node [fontname="Noto Sans CJK SC, Helvetica", fontsize=13];
  edge [fontname="Noto Sans CJK SC, Helvetica"];
  z [label="噪声 z\\n（每步一个向量）", shape=box, style="rounded,filled", fillcolor="#fff4e0"];
  G [label="生成器 G\\nLSTM -> 全连接", shape=box, style=filled, fillcolor="#fde2e2"];
  fake [label="生成的序列 G(z)", shape=box, style="rounded,filled", fillcolor="#fde2e2"];
  real [label="真实序列 x", shape=box, style="rounded,filled", fillcolor="#e8f0fe"];
  D [label="判别器 D\\nLSTM -> 全连接 -> σ", shape=box, style=filled, fillcolor="#e2ecfd"];
  p [label="P(真实)", shape=ellipse];
  z -> G -> fake -> D; real -> D; D -> p;
  p -> D [label="L_D：分辨真假", style=dashed, color="#1f77b4"];
  p -> G [label="L_G：骗过 D", style=dashed, color="#d62728"];
}""",
    },
    "gan.diagram_caption": {
        "en": "Dashed arrows: where each loss sends its gradient. D learns from both kinds of input; G learns only through D.",
        "zh": "虚线箭头：每个损失把梯度送往哪里。D 从真假两种输入中学习；G 只能通过 D 学习。",
    },
    "gan.losses_caption": {
        "en": "The discriminator's loss is ordinary binary cross-entropy. The generator's is the 'non-saturating' form: "
        "it keeps a strong gradient even while D easily spots the fakes. At the balance point D outputs 0.5 everywhere, "
        "so L_D = 2 ln 2 ≈ 1.39 and L_G = ln 2 ≈ 0.69.",
        "zh": "判别器的损失就是普通的二元交叉熵。生成器用的是“非饱和”形式：即使 D 能轻松识破假货，梯度也不会消失。"
        "在平衡点上 D 处处输出 0.5，此时 L_D = 2 ln 2 ≈ 1.39，L_G = ln 2 ≈ 0.69。",
    },
    "gan.shipped_title": {"en": "A trained generator: sine waves", "zh": "训练好的生成器：正弦波"},
    "gan.model_missing": {
        "en": "The shipped GAN cannot be loaded ({reason}). Rebuild it with `python -m lstm_core.build gan`.",
        "zh": "无法加载预训练的 GAN（{reason}）。请运行 `python -m lstm_core.build gan` 重新构建。",
    },
    "gan.sample_seed": {"en": "Noise seed", "zh": "噪声种子"},
    "gan.sample_seed_help": {
        "en": "Each seed draws new noise for the generator, new real windows and new baseline windows.",
        "zh": "每个种子会为生成器抽取新的噪声，同时换一批真实窗口和基线窗口。",
    },
    "gan.shipped_caption": {
        "en": "Real: sine windows of random period (8-24 steps) and phase. GAN: the shipped LSTM generator "
        "(checkpoint of epoch {epochs}, {seconds:.0f} s of training). AR baseline: an AR(4) model fitted to the real windows.",
        "zh": "真实：周期（8-24 步）和相位随机的正弦窗口。GAN：预训练的 LSTM 生成器"
        "（第 {epochs} 轮的检查点，训练 {seconds:.0f} 秒）。AR 基线：在真实窗口上拟合的 AR(4) 模型。",
    },
    "gan.open_gates": {"en": "Open the generator on the Gates page", "zh": "在门控页面查看生成器"},
    "gan.open_gates_help": {
        "en": "See the generator's gates while it turns this seed's noise into a wave.",
        "zh": "观察生成器把这个种子的噪声变成波形时各个门的数值。",
    },
    "gan.scores_title": {"en": "Is it any good? Measured, not eyeballed", "zh": "效果如何？用数字说话，而不是凭眼睛看"},
    "gan.scores_intro": {
        "en": "**Discriminative score**: a separate classifier (gradient-boosted trees on the raw values, their spectrum and simple "
        "statistics) learns to tell real windows from generated ones; its accuracy on held-out windows is 0.5 when it cannot. "
        "**Predictive score**: a ridge regression forecasts the next value from the previous 6, trained on generated windows "
        "and tested on real ones (mean absolute error; compare with the same model trained on real windows). "
        "**Spread**: the generated windows' mean pairwise distance divided by the real ones'; below 0.5 we call it mode collapse.",
        "zh": "**判别分数**：另训练一个分类器（梯度提升树，输入为原始数值、频谱和几项简单统计量）去区分真实窗口和生成窗口；"
        "它在留出窗口上的准确率越接近 0.5，说明越分不出来。"
        "**预测分数**：用岭回归根据前 6 个值预测下一个值，在生成窗口上训练、在真实窗口上测试（平均绝对误差；"
        "可与在真实窗口上训练的同一模型比较）。"
        "**离散度**：生成窗口两两之间的平均距离除以真实窗口的平均距离；低于 0.5 即判定为模式崩溃。",
    },
    "gan.scores_caption": {"en": "From the model card: {on}.", "zh": "数据来自模型卡：{on}。"},
    "gan.score.discriminative": {"en": "discriminative score (0.5 is perfect)", "zh": "判别分数（0.5 为最佳）"},
    "gan.score.predictive": {"en": "predictive score: MAE, trained on generated", "zh": "预测分数：MAE，在生成数据上训练"},
    "gan.score.predictive_real": {"en": "same forecaster trained on real (reference)", "zh": "同一预测器在真实数据上训练（参照）"},
    "gan.score.spread_ratio": {"en": "spread, generated / real (1 is perfect)", "zh": "离散度，生成 / 真实（1 为最佳）"},
    "gan.closer": {
        "en": "The GAN is harder to tell from real windows than the baseline: {gan:.1%} against {base:.1%} (50% would be perfect).",
        "zh": "GAN 比基线更难与真实窗口区分：{gan:.1%} 对 {base:.1%}（50% 为最佳）。",
    },
    "gan.not_closer": {
        "en": "The GAN is not harder to tell from real windows than the baseline: {gan:.1%} against {base:.1%} (50% would be perfect).",
        "zh": "GAN 并不比基线更难与真实窗口区分：{gan:.1%} 对 {base:.1%}（50% 为最佳）。",
    },
    "gan.collapsed": {
        "en": "Mode collapse: the {name}'s windows spread only {ratio:.2f} times as much as real ones; it keeps producing a few shapes.",
        "zh": "模式崩溃：{name}生成的窗口离散度只有真实窗口的 {ratio:.2f} 倍，它翻来覆去只会生成少数几种形状。",
    },
    "gan.no_collapse": {
        "en": "No mode collapse: generated windows spread {ratio:.2f} times as much as real ones (collapse below 0.5).",
        "zh": "未发生模式崩溃：生成窗口的离散度是真实窗口的 {ratio:.2f} 倍（低于 0.5 才算崩溃）。",
    },
    "gan.pca_caption": {
        "en": "Every window as a point, in the plane of the real windows' two main directions (PCA). "
        "Where generated points leave regions of real ones uncovered, the generator misses kinds of waves.",
        "zh": "每个窗口是一个点，画在真实窗口的两个主方向（PCA）构成的平面上。"
        "如果某些真实点所在的区域没有生成点覆盖，说明生成器漏掉了某些类型的波形。",
    },
    "gan.label.real": {"en": "real", "zh": "真实"},
    "gan.label.gan": {"en": "GAN", "zh": "GAN"},
    "gan.label.baseline": {"en": "AR baseline", "zh": "AR 基线"},
    "gan.label.discriminator": {"en": "discriminator loss L_D", "zh": "判别器损失 L_D"},
    "gan.label.generator": {"en": "generator loss L_G", "zh": "生成器损失 L_G"},
    "gan.label.epoch": {"en": "epoch", "zh": "轮次"},
    "gan.label.loss": {"en": "loss", "zh": "损失"},
    "gan.label.d_balance": {"en": "balance for L_D (2 ln 2)", "zh": "L_D 的平衡点（2 ln 2）"},
    "gan.label.g_balance": {"en": "balance for L_G (ln 2)", "zh": "L_G 的平衡点（ln 2）"},
    "gan.train_title": {"en": "Train a GAN yourself", "zh": "亲手训练一个 GAN"},
    "gan.train_intro": {
        "en": "A fresh generator and discriminator, trained here. After each epoch the page shows both losses and new samples. "
        "The losses do not fall together as in ordinary training: they see-saw, because each network's gain is the other's loss.",
        "zh": "从头训练一个新的生成器和判别器。每轮结束后，页面显示两个损失和新的样本。"
        "两个损失不会像普通训练那样一起下降，而是此消彼长，因为一方的收获正是另一方的损失。",
    },
    "gan.family": {"en": "Real sequences", "zh": "真实序列"},
    "gan.family_help": {
        "en": "Sine: 24-step waves of random period and phase. CO2: every 12-month window of Mauna Loa CO2, minus its own mean.",
        "zh": "正弦：周期和相位随机、长 24 步的波形。CO2：莫纳罗亚 CO2 序列中每个 12 个月的窗口，减去各自的均值。",
    },
    "gan.family.sine": {"en": "sine waves", "zh": "正弦波"},
    "gan.family.co2": {"en": "one-year windows of CO2", "zh": "CO2 的一年窗口"},
    "gan.epochs": {"en": "Epochs", "zh": "训练轮数"},
    "gan.epochs_help": {
        "en": "Each epoch is {steps} updates of each network; the page redraws after every epoch.",
        "zh": "每轮对两个网络各做 {steps} 次更新；每轮结束后页面刷新一次。",
    },
    "gan.units": {"en": "LSTM units", "zh": "LSTM 单元数"},
    "gan.units_help": {"en": "Units in each of the two LSTMs.", "zh": "两个 LSTM 各自的单元数。"},
    "gan.train": {"en": "Train", "zh": "开始训练"},
    "gan.preparing": {"en": "Building the two networks…", "zh": "正在构建两个网络……"},
    "gan.progress": {"en": "Epoch {epoch}/{epochs}, step {step}/{steps}", "zh": "第 {epoch}/{epochs} 轮，第 {step}/{steps} 步"},
    "gan.bad_settings": {"en": "These settings cannot be used: {reason}", "zh": "这些设置无法使用：{reason}"},
    "gan.stopped": {"en": "Stopped after {epochs} epochs.", "zh": "在第 {epochs} 轮后停止。"},
    "gan.finished": {
        "en": "Trained on {family} for {epochs} epochs in {seconds:.1f} s. Scores on held-out real windows:",
        "zh": "在{family}上训练了 {epochs} 轮，用时 {seconds:.1f} 秒。在留出的真实窗口上的分数：",
    },
    "gan.session_title": {"en": "GAN generator: {family} (trained here)", "zh": "GAN 生成器：{family}（本页训练）"},
    "gan.on_gates": {
        "en": "Your generator is now on the Gates page (marked ★): type a seed there to watch it generate.",
        "zh": "你的生成器已出现在门控页面（标有 ★）：在那里输入一个种子，即可观察它如何生成。",
    },
    "gan.try_next": {
        "en": "train for 3 epochs, then for 40, and compare the discriminative scores; set the units to 4 and look for mode collapse; "
        "switch to CO2 and see whether the GAN beats the AR baseline there too.",
        "zh": "先训练 3 轮再训练 40 轮，比较判别分数；把单元数设为 4，看看会不会出现模式崩溃；"
        "切换到 CO2，看 GAN 在那里是否也能胜过 AR 基线。",
    },
    "gan.text_title": {"en": "Text: why the article's GAN cannot learn", "zh": "文本：为什么文章中的 GAN 学不会"},
    "gan.check_gradients": {"en": "Measure the gradient", "zh": "测量梯度"},
    "gan.check_gradients_help": {
        "en": "Build a tiny text generator and discriminator and measure the gradient that reaches the generator's weights.",
        "zh": "构建一个很小的文本生成器和判别器，测量到达生成器权重的梯度大小。",
    },
    "gan.col.emit": {"en": "how the generator emits characters", "zh": "生成器如何输出字符"},
    "gan.col.gradient": {"en": "gradient norm at the generator", "zh": "生成器处的梯度范数"},
    "gan.emit.argmax": {"en": "argmax token id (the article)", "zh": "取 argmax 的词元编号（文章的做法）"},
    "gan.emit.sample": {"en": "sampled token id", "zh": "随机采样的词元编号"},
    "gan.emit.gumbel": {"en": "Gumbel-softmax (straight-through)", "zh": "Gumbel-softmax（直通估计）"},
    "gan.no_gradient": {"en": "none: no gradient exists", "zh": "无：梯度不存在"},
    "gan.text_scores_title": {"en": "A text GAN that trains, on a language we can check", "zh": "一个能训练的文本 GAN，用在可以精确检验的语言上"},
    "gan.col.generator": {"en": "generator", "zh": "生成方式"},
    "gan.col.valid": {"en": "valid strings", "zh": "合法字符串比例"},
    "gan.col.distinct": {"en": "distinct in 1,000", "zh": "1000 个中不同的个数"},
    "gan.text.gan": {"en": "Gumbel-softmax LSTM-GAN", "zh": "Gumbel-softmax LSTM-GAN"},
    "gan.text.language_model": {"en": "character LSTM language model", "zh": "字符级 LSTM 语言模型"},
    "gan.text.random": {"en": "random characters", "zh": "随机字符"},
    "gan.text_verdict": {
        "en": "The language: {language}. The GAN writes valid strings {gan:.1%} of the time, far more than random "
        "characters ({random:.1%}), so it has learned something about the brackets; but the language model, trained on the "
        "same words with plain next-character prediction, reaches {lm:.1%}. This is the field's experience too: for text, "
        "maximum likelihood is hard to beat, and text GANs need relaxations (Gumbel-softmax) or reinforcement learning "
        "(SeqGAN) just to train.",
        "zh": "语言：{language}。GAN 生成的字符串有 {gan:.1%} 合法，远高于随机字符（{random:.1%}），说明它确实学到了括号的一些规律；"
        "但在同样数据上用普通的“预测下一个字符”训练的语言模型达到 {lm:.1%}。这和学界的经验一致：在文本上，"
        "最大似然训练很难被超越，文本 GAN 光是要训练起来，就得借助松弛（Gumbel-softmax）或强化学习（SeqGAN）。",
    },
}
