"""UI strings of the Gates page: key -> {"en": ..., "zh": ...}."""

STRINGS: dict[str, dict[str, str]] = {
    "gates.model_failed": {
        "en": "The model “{title}” could not be opened: {reason}. The page shows the next model instead.",
        "zh": "无法打开模型“{title}”：{reason}。页面改为显示下一个模型。",
    },
    "gates.title": {"en": "Inside the cell: gate activations", "zh": "细胞内部：门控激活"},
    "gates.intro": {
        "en": "Type any text, pick a model, and see every gate of every unit at every step. "
        "These are the exact numbers the model's prediction came from.",
        "zh": "输入任意文本并选择模型，即可看到每个时间步、每个单元的每个门的数值。"
        "这些正是模型做出预测时所用的数字。",
    },
    "gates.model": {"en": "Model", "zh": "模型"},
    "gates.model_help": {
        "en": "Shipped models, plus (★) any model you trained in this browser tab.",
        "zh": "预训练模型，以及（★）你在本标签页中训练的模型。",
    },
    "gates.text": {"en": "Input", "zh": "输入"},
    "gates.text_help": {
        "en": "Any text; characters the model never saw become <unk> (dashed underline below).",
        "zh": "任意文本；模型没见过的字符记为 <unk>（下方以虚线标出）。",
    },
    "gates.numbers_help": {
        "en": "Numbers separated by commas or spaces: a window of the series.",
        "zh": "用逗号或空格分隔的数字：序列的一个窗口。",
    },
    "gates.cannot_trace": {"en": "This input cannot be traced: {reason}", "zh": "无法追踪此输入：{reason}"},
    "gates.cut_steps": {
        "en": "The input has {steps:,} steps; only the first {limit:,} are traced.",
        "zh": "输入共 {steps:,} 步，只追踪前 {limit:,} 步。",
    },
    "gates.unknown": {
        "en": "Unknown to this model (read as <unk>): {tokens}",
        "zh": "此模型不认识的符号（按 <unk> 处理）：{tokens}",
    },
    "gates.unk_title": {"en": "unknown token", "zh": "未知符号"},
    "gates.verdict": {"en": "Model output: {summary}", "zh": "模型输出：{summary}"},
    "gates.layer": {"en": "Layer", "zh": "层"},
    "gates.layer_help": {
        "en": "Stacked models have several LSTM layers; a bidirectional layer has a forward and a backward half.",
        "zh": "堆叠模型有多个 LSTM 层；双向层分为正向和反向两半。",
    },
    "gates.sort": {"en": "Sort units by", "zh": "单元排序方式"},
    "gates.sort_help": {
        "en": "Variance: units that change most first. Mean: most active first. "
        "Span: most active on the steps chosen below.",
        "zh": "方差：变化最大的单元在前。均值：最活跃的在前。区间：在下方所选步骤上最活跃的在前。",
    },
    "gates.sort.index": {"en": "unit number", "zh": "单元编号"},
    "gates.sort.variance": {"en": "variance over time", "zh": "随时间的方差"},
    "gates.sort.mean": {"en": "mean activation", "zh": "平均激活"},
    "gates.sort.span": {"en": "activation on the span", "zh": "区间上的激活"},
    "gates.sort_field": {"en": "…of", "zh": "……依据"},
    "gates.sort_field_help": {"en": "Which gate or state the sorting looks at.", "zh": "排序依据哪一个门或状态。"},
    "gates.top_n": {"en": "Units shown", "zh": "显示的单元数"},
    "gates.top_n_help": {"en": "Show only the first N units in the chosen order.", "zh": "只显示排序后的前 N 个单元。"},
    "gates.span": {"en": "Span of steps", "zh": "步骤区间"},
    "gates.span_help": {
        "en": "A stretch of the input, used by 'activation on the span' and by the unit search.",
        "zh": "输入中的一段，用于“区间上的激活”排序和单元搜索。",
    },
    "gates.tab.heatmaps": {"en": "Heatmaps", "zh": "热力图"},
    "gates.tab.text": {"en": "Text by unit", "zh": "按单元着色的文本"},
    "gates.tab.step": {"en": "Step through", "zh": "逐步计算"},
    "gates.tab.saturation": {"en": "Saturation", "zh": "饱和度"},
    "gates.tab.search": {"en": "Find units", "zh": "查找单元"},
    "gates.heatmaps_caption": {
        "en": "Time runs left to right, one column per token; each row is one unit. Hover for the exact value. "
        "Gates are between 0 (shut) and 1 (open); the candidate and hidden state between -1 and 1.",
        "zh": "时间从左到右，每列一个词元；每行一个单元。悬停可查看精确数值。"
        "门的取值在 0（关闭）到 1（打开）之间；候选值和隐藏状态在 -1 到 1 之间。",
    },
    "gates.panels": {"en": "Show", "zh": "显示"},
    "gates.panels_help": {"en": "Which gates and states to draw.", "zh": "要绘制哪些门和状态。"},
    "gates.field.input_gate": {"en": "input gate", "zh": "输入门"},
    "gates.field.forget_gate": {"en": "forget gate", "zh": "遗忘门"},
    "gates.field.candidate": {"en": "candidate", "zh": "候选值"},
    "gates.field.output_gate": {"en": "output gate", "zh": "输出门"},
    "gates.field.cell": {"en": "cell state", "zh": "细胞状态"},
    "gates.field.hidden": {"en": "hidden state", "zh": "隐藏状态"},
    "gates.axis.time": {"en": "time step (token)", "zh": "时间步（词元）"},
    "gates.axis.value": {"en": "value", "zh": "数值"},
    "gates.axis.shut": {"en": "fraction of steps shut (< 0.1)", "zh": "关闭（< 0.1）的步骤比例"},
    "gates.axis.open": {"en": "fraction of steps open (> 0.9)", "zh": "打开（> 0.9）的步骤比例"},
    "gates.unit": {"en": "Unit", "zh": "单元"},
    "gates.unit_help": {"en": "Units in the order chosen above.", "zh": "按上方所选顺序排列的单元。"},
    "gates.color_field": {"en": "Colour by", "zh": "着色依据"},
    "gates.text_caption": {
        "en": "Each token's background shows the chosen unit's value after reading it: red positive, blue negative. "
        "Hover a token for the number. Look for units that switch on inside brackets, quotes or after a negation.",
        "zh": "每个词元的背景色表示所选单元读完它之后的数值：红色为正，蓝色为负。"
        "悬停可查看数值。试着寻找在括号、引号内或否定词之后被激活的单元。",
    },
    "gates.step": {"en": "Time step", "zh": "时间步"},
    "gates.step_help": {"en": "Move through the input one token at a time.", "zh": "逐个词元地移动。"},
    "gates.step_units": {"en": "Units to show", "zh": "显示的单元"},
    "gates.step_caption": {
        "en": "Step {step} reads {token}. Each pre-activation is the sum of what comes from the input (x_t W), "
        "from the previous hidden state (h_(t-1) U) and the bias; the gate squashes it. Then the cell keeps "
        "f_t of its old value and adds i_t of the candidate.",
        "zh": "第 {step} 步读入 {token}。每个预激活值由来自输入的部分（x_t W）、来自上一隐藏状态的部分（h_(t-1) U）"
        "和偏置相加得到，再经门函数压缩。然后细胞保留旧值的 f_t 倍，并加上候选值的 i_t 倍。",
    },
    "gates.backward_note": {
        "en": "This is the backward half: it reads from the end, so the previous step is the one to the right.",
        "zh": "这是反向的一半：它从末尾开始读，因此“上一步”在右边。",
    },
    "gates.saturation_caption": {
        "en": "Each dot is one unit's gate over the model's reference texts. Dots near the right edge are gates that "
        "are almost always shut; near the top, almost always open; on the diagonal, gates that switch sharply "
        "between the two. Karpathy, Johnson and Fei-Fei (2015) found forget gates that stay open keep long memories.",
        "zh": "每个点是一个单元的门在模型参考文本上的统计。靠右的点几乎总是关闭；靠上的几乎总是打开；"
        "靠近对角线的门在两者之间急剧切换。Karpathy、Johnson 和 Fei-Fei（2015）发现，始终打开的遗忘门能保持长期记忆。",
    },
    "gates.search_caption": {
        "en": "After LSTMVis: pick a span above and a threshold; the units of the chosen state that stay above it "
        "over the whole span are listed, then every place in the model's reference texts where all of them are on.",
        "zh": "参考 LSTMVis：在上方选择一个区间和阈值，列出所选状态在整个区间上都高于阈值的单元，"
        "再找出参考文本中这些单元同时被激活的所有位置。",
    },
    "gates.threshold": {"en": "Threshold", "zh": "阈值"},
    "gates.threshold_help": {
        "en": "A unit counts as 'on' where its value is above this.",
        "zh": "单元数值高于此值即视为“激活”。",
    },
    "gates.search_field": {"en": "State to search", "zh": "搜索的状态"},
    "gates.units_on": {"en": "Units on over the span: {units}", "zh": "在区间上保持激活的单元：{units}"},
    "gates.no_units_on": {
        "en": "No unit stays above {threshold} over the whole span; lower the threshold or shorten the span.",
        "zh": "没有单元在整个区间上都高于 {threshold}；请降低阈值或缩短区间。",
    },
    "gates.closest": {
        "en": "Closest: {units} (the lowest value each reaches over the span).",
        "zh": "最接近的单元：{units}（括号内为各单元在区间上的最低值）。",
    },
    "gates.matches": {"en": "Where the same units are on in the reference texts", "zh": "参考文本中这些单元同时激活的位置"},
    "gates.no_matches": {"en": "No matching span in the reference texts.", "zh": "参考文本中没有匹配的区间。"},
    "gates.match.text": {"en": "text", "zh": "文本"},
    "gates.match.where": {"en": "steps", "zh": "步骤"},
    "gates.match.tokens": {"en": "tokens", "zh": "词元"},
    "gates.try_next_other": {
        "en": "Set the span on one word (say 不 or 'not'), sort units by 'activation on the span' of the hidden "
        "state, then open 'Find units' to see where else in the reference texts the same units light up. "
        "The bracket counter is the clearest place to start.",
        "zh": "把区间设在一个词上（比如“不”或 not），按隐藏状态的“区间上的激活”排序单元，"
        "再打开“查找单元”，看看参考文本中还有哪些地方同样的单元被激活。括号计数器是最清楚的起点。",
    },
    "gates.try_next": {
        "en": "Bracket counter: type `((((a))))`, then pick the depth unit named in the model output in 'Text by "
        "unit': its cell state climbs (or falls) with each `(` and moves back with each `)`, a counter kept in "
        "the cell. Open 'Step through' at a `(` to see which gate does the adding. Other units with high "
        "variance count something else, such as how far into the text the model is.",
        "zh": "括号计数器：输入 `((((a))))`，然后在“按单元着色的文本”中选择模型输出里提到的深度单元："
        "它的细胞状态随每个 `(` 上升（或下降），随每个 `)` 回落，这就是保存在细胞中的计数器。"
        "在“逐步计算”中停在一个 `(` 上，看看是哪个门在做加法。其他方差大的单元在数别的东西，比如已经读了多长。",
    },
}
