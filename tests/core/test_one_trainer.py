"""The core's layout rules (issue 18), checked on the source so they cannot quietly regress.

- One training loop: the one Keras `fit` call is in lstm_core/training/trainer.py, and every
  `train_on_batch` and `GradientTape` (a GAN's turns) is in lstm_core/training/.
- Keras and TensorFlow are imported (at any depth) only by modules in lstm_core/training/, and
  no Keras model is handled outside it: what leaves training is NumPy (issue 24).
- No function in lstm_core is longer than 60 lines.
- Registry entries and asset builders are callables that import their modules lazily.
"""

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "lstm_core"
TRAINER = "lstm_core/training/trainer.py"
MAX_FUNCTION_LINES = 60
# Arguments only Keras' Model.fit takes; scikit-learn, statsmodels and our NGramModel.fit take none of them.
KERAS_FIT_ARGUMENTS = {"epochs", "batch_size", "validation_data", "validation_split", "callbacks", "steps_per_epoch",
                       "initial_epoch", "validation_batch_size"}


def sources() -> dict[str, str]:
    return {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8") for p in sorted(CORE.rglob("*.py"))}


def trees() -> dict[str, ast.Module]:
    return {path: ast.parse(text, path) for path, text in sources().items()}


def test_tape_and_batch_training_appear_only_in_training():
    pattern = re.compile(r"GradientTape|train_on_batch|fit_generator")
    found = {path for path, text in sources().items() if pattern.search(text)}
    assert found and all(path.startswith("lstm_core/training/") for path in found), sorted(found)


def test_keras_style_fit_calls_appear_only_in_the_trainer():
    def keras_fits(tree: ast.Module) -> list[int]:
        return [node.lineno for node in ast.walk(tree)
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "fit"
                and {k.arg for k in node.keywords} & KERAS_FIT_ARGUMENTS]

    found = {path: lines for path, tree in trees().items() if (lines := keras_fits(tree))}
    assert set(found) == {TRAINER}, found
    assert len(found[TRAINER]) == 1  # one loop, one call


def test_only_training_imports_keras_or_tensorflow():
    def imported(tree: ast.Module) -> set[str]:
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        return names & {"keras", "tensorflow", "tf_keras"}

    importers = {path for path, tree in trees().items() if imported(tree)}
    assert importers and all(path.startswith("lstm_core/training/") for path in importers), sorted(importers)
    assert not [path for path, text in sources().items()
                if re.search(r"import_module\(\s*['\"](keras|tensorflow)", text)]


def test_keras_models_are_handled_only_in_training():
    keras_calls = re.compile(r"\.(get_layer|set_weights|get_weights|trainable_variables|apply_gradients)\b"
                             r"|\.predict\([^)]*verbose=")
    found = {path for path, text in sources().items()
             if not path.startswith("lstm_core/training/") and keras_calls.search(text)}
    assert found == set()


def test_no_function_in_the_core_is_over_60_lines():
    long = sorted(
        (path, node.name, node.end_lineno - node.lineno + 1)
        for path, tree in trees().items() for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    )
    assert long == []


def test_registry_and_builders_are_callables_imported_lazily():
    code = (
        "import sys\n"
        "from lstm_core.serving.catalogue import SHIPPED\n"
        "from lstm_core.build.__main__ import BUILDERS\n"
        "assert all(callable(e.loader) for e in SHIPPED) and all(callable(b) for b in BUILDERS.values())\n"
        "heavy = ('lstm_core.forecast.forecast_models', 'lstm_core.sentiment.classifier', 'lstm_core.gan.shipped',\n"
        "         'lstm_core.generate.language_model', 'lstm_core.brackets.counter', 'lstm_core.build.gan_build',\n"
        "         'lstm_core.compress.curves', 'lstm_core.tagging.shipped', 'tensorflow', 'keras')\n"
        "print(sorted(m for m in heavy if m in sys.modules), len(SHIPPED), sorted(BUILDERS))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == (
        "[] 21 ['attention', 'brackets', 'compression', 'forecasters', 'gan', 'generalize', 'language_models', 'order', "
        "'pretrain', 'pretrain_curve', 'sentiment', 'seq2seq', 'tagging', 'transformer_cost', 'transformer_lm', 'why_memory', "
        "'word_vectors']"
    )
