"""UI strings of the "Why an LSTM" page and of the Gates page's saliency view: key -> {"en", "zh"}."""

STRINGS: dict[str, dict[str, str]] = {
    "why.title": {"en": "Why an LSTM?", "zh": "为什么需要 LSTM？"},
    "why.act.header": {"en": "σ and tanh: a valve and a content", "zh": "σ 与 tanh：阀门与内容"},
    "why.act.input": {"en": "Input to the activation", "zh": "激活函数的输入"},
    "why.act.input_help": {
        "en": "Move it and watch both curves: σ never leaves 0..1, tanh never leaves -1..1.",
        "zh": "拖动滑块观察两条曲线：σ 始终在 0 到 1 之间，tanh 始终在 -1 到 1 之间。",
    },
    "why.axis.input": {"en": "input x", "zh": "输入 x"},
    "why.axis.output": {"en": "output", "zh": "输出"},
    "why.axis.time": {"en": "character read", "zh": "读入的字符"},
    "why.axis.cell": {"en": "cell state c_t of the counting unit", "zh": "计数单元的细胞状态 c_t"},
    "why.axis.depth": {"en": "true depth", "zh": "真实深度"},
    "why.axis.distance": {"en": "distance N (distractors between the marker and the answer)", "zh": "距离 N（标记与作答之间的干扰符号数）"},
    "why.axis.accuracy": {"en": "held-out accuracy", "zh": "留出集准确率"},
    "why.axis.epoch": {"en": "epoch", "zh": "轮次"},
    "why.axis.distance_back": {"en": "steps back from the answer", "zh": "距作答时刻的步数"},
    "why.axis.gradient": {"en": "mean |∂loss/∂x_t| (log scale)", "zh": "平均 |∂损失/∂x_t|（对数坐标）"},
    "why.axis.saliency": {"en": "‖∂output/∂x_t‖", "zh": "‖∂输出/∂x_t‖"},
    "why.name.sigmoid": {"en": "σ(x), sigmoid: gates", "zh": "σ(x)，sigmoid：门"},
    "why.name.tanh": {"en": "tanh(x): candidate content", "zh": "tanh(x)：候选内容"},
    "why.name.rnn": {"en": "plain RNN", "zh": "普通 RNN"},
    "why.name.gru": {"en": "GRU", "zh": "GRU"},
    "why.name.lstm": {"en": "LSTM", "zh": "LSTM"},
    "why.name.right": {"en": "standard LSTM cell", "zh": "标准 LSTM 单元"},
    "why.name.article": {"en": "the article's equations", "zh": "原文的公式"},
    "why.name.depth": {"en": "true depth", "zh": "真实深度"},
    "why.name.chance": {"en": "chance (25%)", "zh": "随机猜测（25%）"},
    "why.name.live": {"en": "your live run", "zh": "你的实时训练"},
    "why.article.header": {"en": "The article's equations, run", "zh": "把原文的公式跑一遍"},
    "why.article.right": {"en": "Standard cell", "zh": "标准单元"},
    "why.article.wrong": {"en": "As the article writes it", "zh": "原文的写法"},
    "why.article.text": {"en": "Input for the bracket counter", "zh": "括号计数器的输入"},
    "why.article.text_help": {
        "en": "Brackets and letters. Both cells use the counter's trained weights; only the update rule differs.",
        "zh": "括号和字母。两种单元使用同一套训练好的计数器权重，只有更新规则不同。",
    },
    "why.article.empty": {"en": "Type some brackets, for example (a(b)c).", "zh": "请输入一些括号，例如 (a(b)c)。"},
    "why.article.ranges": {
        "en": "Unit u{unit}, over this input: standard cell c from {right_min:+.2f} to {right_max:+.2f}; "
        "the article's c from {article_min:+.2f} to {article_max:+.2f} (it can never be negative), "
        "its h_t from {h_min:.2f} to {h_max:.2f} (never outside 0..0.73).",
        "zh": "单元 u{unit} 在这段输入上：标准单元的 c 从 {right_min:+.2f} 到 {right_max:+.2f}；"
        "原文公式的 c 从 {article_min:+.2f} 到 {article_max:+.2f}（永远不可能为负），"
        "其 h_t 从 {h_min:.2f} 到 {h_max:.2f}（永远在 0 到 0.73 之间）。",
    },
    "why.article.accuracy": {
        "en": "Depth read off correctly at {right:.0%} of the characters with the standard cell, {article:.0%} with the article's.",
        "zh": "使用标准单元，{right:.0%} 的字符处深度判断正确；使用原文公式，只有 {article:.0%}。",
    },
    "why.memory.header": {"en": "Three cells, one memory task", "zh": "三种单元，同一个记忆任务"},
    "why.memory.distance": {"en": "Distance N", "zh": "距离 N"},
    "why.memory.distance_help": {
        "en": "How many distractor tokens separate the class marker from the answer. The dotted line marks it on the chart.",
        "zh": "类别标记与作答之间隔着多少个干扰符号。图中虚线标出所选距离。",
    },
    "why.memory.table": {"en": "Shipped results (test accuracy)", "zh": "预训练结果（测试集准确率）"},
    "why.memory.cell": {"en": "cell", "zh": "单元"},
    "why.memory.card_note": {
        "en": "Each cell: 32 units, trained on 4,000 generated sequences, best epoch chosen on a validation set, "
        "scored on 1,000 test sequences at exactly N. Chance is 25% (4 classes).",
        "zh": "每种单元 32 个隐藏单元，在 4,000 条生成序列上训练，按验证集选出最佳轮次，"
        "在 1,000 条距离恰为 N 的测试序列上评分。随机猜测为 25%（4 个类别）。",
    },
    "why.memory.live": {"en": "Train the three cells yourself at distance N", "zh": "亲手在距离 N 上训练三种单元"},
    "why.memory.epochs": {"en": "Epochs", "zh": "训练轮数"},
    "why.memory.epochs_help": {
        "en": "Passes over 2,000 training sequences. Each epoch trains all three cells once.",
        "zh": "遍历 2,000 条训练序列的次数。每一轮三种单元各训练一次。",
    },
    "why.memory.train": {"en": "Train RNN, GRU and LSTM", "zh": "训练 RNN、GRU 和 LSTM"},
    "why.memory.preparing": {"en": "Building the three models…", "zh": "正在构建三个模型……"},
    "why.memory.progress": {
        "en": "Epoch {epoch} of {epochs}: {cell} done (held-out accuracy {accuracy:.0%})",
        "zh": "第 {epoch}/{epochs} 轮：{cell} 完成（留出集准确率 {accuracy:.0%}）",
    },
    "why.memory.finished": {
        "en": "Distance {distance}: {epochs} epoch(s) in {seconds:.0f} s. Held-out accuracy: {scores}.",
        "zh": "距离 {distance}：{epochs} 轮，用时 {seconds:.0f} 秒。留出集准确率：{scores}。",
    },
    "why.memory.stopped": {"en": "Stopped by you after {epochs} epoch(s).", "zh": "已在 {epochs} 轮后手动停止。"},
    "why.grad.header": {"en": "Vanishing and exploding gradients, drawn", "zh": "梯度消失与梯度爆炸，画出来看"},
    "why.grad.stage": {"en": "Weights", "zh": "权重"},
    "why.grad.stage.init": {"en": "at initialisation", "zh": "初始化时"},
    "why.grad.stage.trained": {"en": "after training", "zh": "训练之后"},
    "why.grad.scale": {"en": "Scale the recurrent weights U by", "zh": "循环权重 U 乘以"},
    "why.grad.scale_help": {
        "en": "Every recurrent kernel is multiplied by this factor. Above 1 the plain RNN's gradient grows with distance; below 1 it dies faster.",
        "zh": "所有循环权重矩阵都乘以这个系数。大于 1 时普通 RNN 的梯度随距离增长；小于 1 时衰减得更快。",
    },
    "why.grad.clip": {"en": "Clip each gradient to norm 1", "zh": "把每个梯度的范数裁剪到 1"},
    "why.grad.clip_help": {
        "en": "Gradient clipping rescales a gradient whose norm exceeds 1. It tames the size, not the shape over time.",
        "zh": "梯度裁剪会把范数超过 1 的梯度整体缩小。它控制的是大小，而不是随时间分布的形状。",
    },
    "why.grad.caption": {
        "en": "Distance {distance}, mean over {count} test sequences. Weights from the shipped run; nothing is retrained when you move the slider.",
        "zh": "距离 {distance}，对 {count} 条测试序列取平均。权重来自预训练结果；拖动滑块不会重新训练。",
    },
    "why.missing": {
        "en": "The shipped results are missing ({reason}). Rebuild them with `python -m lstm_core.build.why_build`.",
        "zh": "缺少预训练结果（{reason}）。请运行 `python -m lstm_core.build.why_build` 重新生成。",
    },
    "why.try_next": {
        "en": "set the distance to 80 and train: watch the RNN's line stay at chance while the GRU and LSTM climb; "
        "then open the Gates page's saliency tab and see which characters a prediction depends on.",
        "zh": "把距离设为 80 并训练：普通 RNN 停在随机水平，而 GRU 和 LSTM 逐步上升；"
        "然后打开“门控激活”页面的显著性标签，看看一个预测依赖于哪些字符。",
    },
    "why.saliency.tab": {"en": "Saliency", "zh": "显著性"},
    "why.saliency.caption": {
        "en": "How much does one output depend on each earlier input? The shade of each input is ‖∂output/∂x_t‖ "
        "(for tokens: the gradient at the embedding vector), computed by backpropagation through time.",
        "zh": "某一个输出在多大程度上依赖于之前的每个输入？每个输入的底色深浅表示 ‖∂输出/∂x_t‖"
        "（对词元而言是对其嵌入向量的梯度），由随时间反向传播算出。",
    },
    "why.saliency.step": {"en": "Output at step", "zh": "查看第几步的输出"},
    "why.saliency.step_help": {
        "en": "The model predicts something after every step; pick which prediction to explain. Later inputs cannot affect it.",
        "zh": "模型每读一步都会给出预测；选择要解释哪一步的预测。之后的输入不会影响它。",
    },
    "why.saliency.output": {"en": "Explained: output unit {target} after step {step} ({token}).", "zh": "被解释的输出：第 {step} 步（{token}）之后的输出单元 {target}。"},
    "why.saliency.output_mean": {"en": "Explained: the mean forecast after the last value.", "zh": "被解释的输出：读完最后一个值后的平均预测。"},
    "why.saliency.note": {
        "en": "Read it as: where would a tiny change of the input move this output most? One example shows where the model "
        "looked this time; it proves little about the model in general, and a large gradient is not the same as a cause.",
        "zh": "可以这样理解：输入的哪一处发生微小变化，会让这个输出变化最大？一个例子只说明模型这一次看向了哪里，"
        "并不能证明模型总体上如何；梯度大也不等于就是原因。",
    },
    "why.saliency.unavailable": {"en": "Saliency is not available for this model: {reason}", "zh": "此模型无法计算显著性：{reason}"},
}
