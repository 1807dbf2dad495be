"""UI strings of the Home page: key -> {"en": ..., "zh": ...}."""

STRINGS: dict[str, dict[str, str]] = {
    "home.title": {"en": "LSTM Lab: what an LSTM does with text and numbers", "zh": "LSTM 实验室：LSTM 如何处理文本和数字"},
    "home.equations": {"en": "The equations, one step at a time", "zh": "公式：一次一个时间步"},
    "home.article_note": {
        "en": "These are the standard LSTM equations, exactly what every model in this app computes. "
        "The article this app follows writes some of them wrongly (a sigmoid applied twice, the candidate "
        "inside the input gate); the app shows the correct form.",
        "zh": "这是标准的 LSTM 公式，也正是本应用中每个模型的计算方式。"
        "本应用所依据的文章中有几处写错了（sigmoid 被重复使用、候选值被写进了输入门），这里给出的是正确形式。",
    },
    "home.map": {"en": "Where to go next", "zh": "下一步去哪里"},
    "home.diagram_caption": {
        "en": "One LSTM cell at step t. The cell state c runs along the top like a conveyor belt: the forget gate "
        "scales what it carries, the input gate adds new content, the output gate decides how much is shown as h.",
        "zh": "时间步 t 的一个 LSTM 细胞。细胞状态 c 像传送带一样沿顶部流动：遗忘门缩放它携带的内容，"
        "输入门加入新内容，输出门决定有多少作为 h 输出。",
    },
    "home.diagram": {
        "en": """digraph lstm {
  rankdir=LR; bgcolor="transparent"; node [fontname="Helvetica", fontsize=13];
  xt [label="x_t (input)", shape=box, style="rounded,filled", fillcolor="#e8f0fe"];
  hprev [label="h_(t-1)", shape=box, style="rounded,filled", fillcolor="#e8f0fe"];
  cprev [label="c_(t-1)", shape=box, style="rounded,filled", fillcolor="#fff4e0"];
  f [label="forget gate f_t\\nσ", shape=ellipse, style=filled, fillcolor="#fde2e2"];
  i [label="input gate i_t\\nσ", shape=ellipse, style=filled, fillcolor="#e2f5e2"];
  g [label="candidate g_t\\ntanh", shape=ellipse, style=filled, fillcolor="#fff9d6"];
  o [label="output gate o_t\\nσ", shape=ellipse, style=filled, fillcolor="#e2ecfd"];
  mulf [label="×", shape=circle]; muli [label="×", shape=circle]; add [label="+", shape=circle];
  tanhc [label="tanh", shape=circle]; mulo [label="×", shape=circle];
  ct [label="c_t (cell state)", shape=box, style="rounded,filled", fillcolor="#fff4e0"];
  ht [label="h_t (hidden state, output)", shape=box, style="rounded,filled", fillcolor="#e8f0fe"];
  {xt hprev} -> {f i g o};
  cprev -> mulf; f -> mulf; i -> muli; g -> muli;
  mulf -> add; muli -> add; add -> ct; ct -> tanhc; tanhc -> mulo; o -> mulo; mulo -> ht;
}""",
        "zh": """digraph lstm {
  rankdir=LR; bgcolor="transparent"; node [fontname="Noto Sans CJK SC, Helvetica", fontsize=13];
  xt [label="x_t（输入）", shape=box, style="rounded,filled", fillcolor="#e8f0fe"];
  hprev [label="h_(t-1)", shape=box, style="rounded,filled", fillcolor="#e8f0fe"];
  cprev [label="c_(t-1)", shape=box, style="rounded,filled", fillcolor="#fff4e0"];
  f [label="遗忘门 f_t\\nσ", shape=ellipse, style=filled, fillcolor="#fde2e2"];
  i [label="输入门 i_t\\nσ", shape=ellipse, style=filled, fillcolor="#e2f5e2"];
  g [label="候选值 g_t\\ntanh", shape=ellipse, style=filled, fillcolor="#fff9d6"];
  o [label="输出门 o_t\\nσ", shape=ellipse, style=filled, fillcolor="#e2ecfd"];
  mulf [label="×", shape=circle]; muli [label="×", shape=circle]; add [label="+", shape=circle];
  tanhc [label="tanh", shape=circle]; mulo [label="×", shape=circle];
  ct [label="c_t（细胞状态）", shape=box, style="rounded,filled", fillcolor="#fff4e0"];
  ht [label="h_t（隐藏状态，输出）", shape=box, style="rounded,filled", fillcolor="#e8f0fe"];
  {xt hprev} -> {f i g o};
  cprev -> mulf; f -> mulf; i -> muli; g -> muli;
  mulf -> add; muli -> add; add -> ct; ct -> tanhc; tanhc -> mulo; o -> mulo; mulo -> ht;
}""",
    },
}
