"""`python -m lstm_core.build`: every builder names a module that exists and has `build(folder, ...)`."""

import ast
import importlib.util
from pathlib import Path

from lstm_core.build.__main__ import BUILDERS


def test_every_builder_module_defines_build_taking_the_folder_first():
    found = {}
    for name, builder in BUILDERS.items():
        source = Path(importlib.util.find_spec(builder.args[0]).origin).read_text(encoding="utf-8")
        functions = {node.name: node for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)}
        found[name] = functions["build"].args.args[0].arg if "build" in functions else None
    assert found == {name: "folder" for name in BUILDERS}
