"""Looking inside a model: how to read a trace, draw it and step through it.

`interpret` orders units, measures saturation and explains one step; `gate_figures` draws
heatmaps and coloured text; `saliency` finds which earlier inputs an output depends on;
`cell_diagram` draws the cell with a step's real values. Gates imports no model family:
the models come from `lstm_core.serving.catalogue` (or the session), and all it reads is
what they hand over, `lstm_core.nn.trace.ModelTrace`.
"""

from lstm_core.nn.trace import ModelTrace, Traceable

__all__ = ["ModelTrace", "Traceable"]
