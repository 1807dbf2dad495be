"""Looking inside a model: the models the Gates page can trace, and how to read a trace.

`registry` lists the shipped models (and the interface a freshly trained one offers);
`interpret` orders units, measures saturation and explains one step; `gate_figures` draws
heatmaps and coloured text; `brackets` is the toy bracket-depth counter, the first model
to look inside.
"""

from lstm_core.gates.registry import SHIPPED, ModelTrace, Traceable

__all__ = ["SHIPPED", "ModelTrace", "Traceable"]
