"""Looking inside a model: how to read a trace, draw it and step through it.

`interpret` orders units, measures saturation and explains one step; `gate_figures` draws
heatmaps and coloured text; `saliency` finds which earlier inputs an output depends on;
`cell_diagram` draws the cell with a step's real values; `brackets` is the toy
bracket-depth counter, the first model to look inside. The models themselves come from
`lstm_core.serving.catalogue`; what they hand over is `lstm_core.nn.trace.ModelTrace`.
"""

from lstm_core.nn.trace import ModelTrace, Traceable

__all__ = ["ModelTrace", "Traceable"]
