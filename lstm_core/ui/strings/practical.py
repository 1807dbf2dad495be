"""UI strings of the page "Making LSTMs practical" (chapter 7): key -> {"en": ..., "zh": ...}."""

STRINGS: dict[str, dict[str, str]] = {
    "practical.title": {"en": "Making LSTMs practical", "zh": "让 LSTM 走向实用"},
    "practical.tab.cost": {"en": "Cost", "zh": "代价"},
    "practical.no_curves": {
        "en": "The compression curves are missing; rebuild them with `python -m lstm_core.build compression`.",
        "zh": "缺少压缩曲线；请用 `python -m lstm_core.build compression` 重新生成。",
    },
    # ---- what it costs
    "practical.cost.header": {"en": "What each shipped model costs", "zh": "每个预训练模型的代价"},
    "practical.cost.model": {"en": "Model", "zh": "模型"},
    "practical.cost.parameters": {"en": "Parameters", "zh": "参数量"},
    "practical.cost.formula": {"en": "LSTM layers: 4·H·(D+H+1)", "zh": "LSTM 层：4·H·(D+H+1)"},
    "practical.cost.macs": {"en": "Multiply-adds per step", "zh": "每步乘加次数"},
    "practical.cost.disk": {"en": "Bytes on disk (float16 .npz)", "zh": "磁盘占用（float16 .npz，字节）"},
    "practical.cost.float32": {"en": "Bytes as float32", "zh": "float32 字节数"},
    "practical.cost.time": {"en": "Time per step (µs)", "zh": "每步耗时（微秒）"},
    "practical.cost.caption": {
        "en": "D: what a layer reads per step, H: its units. Time: one step of the NumPy pass (all layers and "
              "the output layer), one thread, measured when the curves were built on {machine}.",
        "zh": "D：每层每步读入的宽度，H：单元数。耗时：NumPy 前向计算中的一步（所有层加输出层），单线程，"
              "在生成曲线时于 {machine} 上测得。",
    },
    "practical.cells.header": {"en": "LSTM, GRU and a simple RNN of the same width", "zh": "同样宽度的 LSTM、GRU 与简单 RNN"},
    "practical.cells.cell": {"en": "Cell", "zh": "单元类型"},
    "practical.cells.formula": {"en": "Recurrent parameters", "zh": "循环层参数量"},
    "practical.cells.caption": {
        "en": "Four gate blocks for an LSTM, three for a GRU (Keras' default adds a second bias: 3·H·(D+H+2)), "
              "one for a simple RNN. Multiply-adds per step scale the same way.",
        "zh": "LSTM 有四组门权重，GRU 有三组（Keras 默认多一组偏置：3·H·(D+H+2)），简单 RNN 只有一组。"
              "每步乘加次数按同样比例变化。",
    },
    # ---- pruning
    "practical.prune.header": {"en": "Pruning", "zh": "剪枝"},
    "practical.prune.model": {"en": "Model to compress", "zh": "要压缩的模型"},
    "practical.prune.model_help": {
        "en": "Every shipped model; its curves were computed ahead of time on its held-out set.",
        "zh": "所有预训练模型；其曲线已在各自的留出集上预先算好。",
    },
    "practical.prune.sparsity": {"en": "Sparsity (% removed)", "zh": "稀疏度（去掉的百分比）"},
    "practical.prune.sparsity_help": {
        "en": "Unstructured: this share of every weight matrix's entries, the smallest first. "
              "Structured: this share of every layer's hidden units.",
        "zh": "非结构化：每个权重矩阵中这一比例的元素（从绝对值最小的开始）。结构化：每层这一比例的隐藏单元。",
    },
    "practical.prune.heldout": {"en": "Held-out set: {heldout}.", "zh": "留出集：{heldout}。"},
    "practical.prune.unstructured": {"en": "Unstructured (single weights)", "zh": "非结构化（单个权重）"},
    "practical.prune.structured": {"en": "Structured (whole units)", "zh": "结构化（整个单元）"},
    "practical.prune.size": {"en": "Size", "zh": "大小"},
    "practical.prune.sparse_size": {
        "en": "Size stored sparse: {kb} kB ({share:.0%} of float32)",
        "zh": "稀疏存储大小：{kb} kB（float32 的 {share:.0%}）",
    },
    "practical.prune.time": {"en": "Time per step", "zh": "每步耗时"},
    "practical.prune.units": {"en": "Units per layer: {units}", "zh": "每层单元数：{units}"},
    "practical.prune.speedup": {"en": "{speedup:.2f}× the full model's speed", "zh": "速度为完整模型的 {speedup:.2f} 倍"},
    "practical.prune.dense_time": {
        "en": "Dense NumPy does not skip zeros: {times} µs per step at 0%, 50%, 90%.",
        "zh": "稠密 NumPy 计算不会跳过零：0%、50%、90% 时每步分别为 {times} 微秒。",
    },
    "practical.axis.sparsity": {"en": "sparsity (%)", "zh": "稀疏度（%）"},
    "practical.axis.bits": {"en": "bits per weight", "zh": "每个权重的比特数"},
    "practical.axis.kilobytes": {"en": "size (kB)", "zh": "大小（kB）"},
    "practical.axis.weight": {"en": "weight value", "zh": "权重值"},
    "practical.axis.count": {"en": "count", "zh": "个数"},
    "practical.axis.epoch": {"en": "epoch", "zh": "轮次"},
    "practical.axis.loss": {"en": "training loss (MSE)", "zh": "训练损失（MSE）"},
    "practical.metric.accuracy": {"en": "accuracy (higher is better)", "zh": "准确率（越高越好）"},
    "practical.metric.bits_per_char": {"en": "bits per character (lower is better)", "zh": "每字符比特数（越低越好）"},
    "practical.metric.mase": {"en": "MASE (lower is better)", "zh": "MASE（越低越好）"},
    "practical.now": {"en": "now", "zh": "当前"},
    # ---- quantization
    "practical.quant.header": {"en": "Quantization", "zh": "量化"},
    "practical.quant.bits": {"en": "Precision", "zh": "精度"},
    "practical.quant.bits_help": {
        "en": "32 and 16: floats. 8 and 4: integers with one scale per row of each matrix.",
        "zh": "32 和 16：浮点数。8 和 4：整数，每个矩阵的每一行配一个缩放因子。",
    },
    "practical.quant.option": {"en": "{bits}-bit {kind}", "zh": "{bits} 位{kind}"},
    "practical.quant.float": {"en": "float", "zh": "浮点"},
    "practical.quant.int": {"en": "integer", "zh": "整数"},
    "practical.quant.result": {
        "en": "{size} kB ({ratio:.1f}× smaller than float32); {metric}: {value} (float32: {base})",
        "zh": "{size} kB（比 float32 小 {ratio:.1f} 倍）；{metric}：{value}（float32：{base}）",
    },
    "practical.quant.histogram": {"en": "Weights of {matrix}, before and after", "zh": "{matrix} 的权重：量化前后"},
    "practical.quant.before": {"en": "float32", "zh": "float32"},
    "practical.quant.after": {"en": "after", "zh": "量化后"},
    "practical.quant.text": {"en": "Your text (or numbers, for a forecaster)", "zh": "你的文本（预测模型请输入数字）"},
    "practical.quant.text_help": {
        "en": "Traced through the float32 model and the quantized one; the gate that moved most is reported.",
        "zh": "分别用 float32 模型和量化模型追踪；报告变化最大的门。",
    },
    "practical.quant.change": {
        "en": "Largest gate change: {change:.4f} in the {gate} of unit u{unit} ({layer}) at step {step} (‘{label}’).",
        "zh": "门值最大变化：{change:.4f}，出现在 {layer} 的单元 u{unit} 的{gate}，第 {step} 步（“{label}”）。",
    },
    "practical.quant.cannot": {"en": "This input cannot be traced: {reason}", "zh": "无法追踪此输入：{reason}"},
    "practical.quant.open": {"en": "Open this quantized model on the Gates page", "zh": "在“门控激活”页打开这个量化模型"},
    "practical.quant.opened": {
        "en": "Added to the Gates page's model list as “{title}”.",
        "zh": "已加入“门控激活”页的模型列表：“{title}”。",
    },
    "practical.quant.title": {"en": "{title}, {bits}-bit", "zh": "{title}（{bits} 位）"},
    # ---- distributed training
    "practical.dist.header": {"en": "Distributed training", "zh": "分布式训练"},
    "practical.dist.split": {
        "en": "Devices: {devices}. Each batch of {batch} rows was split {split}.",
        "zh": "设备：{devices}。每批 {batch} 行被拆分为 {split}。",
    },
    "practical.dist.gap": {
        "en": "Largest relative gap between the loss curves: {gap:.1e} (tolerance {tolerance:.0e}); "
              "largest weight difference after training: {weights:.1e}.",
        "zh": "两条损失曲线的最大相对差：{gap:.1e}（容差 {tolerance:.0e}）；训练后权重的最大差：{weights:.1e}。",
    },
    "practical.dist.time": {
        "en": "Measured on this machine: one device {single:.1f} s, two mirrored devices {mirrored:.1f} s.",
        "zh": "本机实测：单设备 {single:.1f} 秒，两个镜像设备 {mirrored:.1f} 秒。",
    },
    "practical.dist.one": {"en": "one device", "zh": "单设备"},
    "practical.dist.two": {"en": "two mirrored devices", "zh": "两个镜像设备"},
}
