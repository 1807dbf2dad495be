"""Lessons and what they claim: the plans, and the checks that hold their words to the shipped models.

A lesson step opens a page with some of its widgets set and asks the class to predict; its
explanation then says what the screen shows. Whatever such a text states about a model (which
unit follows the depth, the verdict after a swap, a MASE, a neighbour's rank) is computed, not
typed, by a *check*, and the tests fail when the model does not bear the words out.

How it fits together
- `assets/lessons/lessons.toml`: per step the page, the widgets, and `check` ("family.function"),
  its `args` ("@key" passes the value the step sets for widget `key`, so the check reads the very
  model and input the class sees) and `expect` (claims on the facts: "top_unit != depth_unit",
  "p < 0.6", "tokens has 'don't'", "depth_unit == @gates_unit").
- `assets/lessons/quiz_checks.toml`: the same for quiz answers that state a fact about a shipped
  model; every other question is listed under [general] with the reason it needs no check.
- `lstm_core/lessons/<family>_checks.py`: the check functions, plain Python (no Streamlit); each
  module lists its checks in CHECKS and returns a dict of facts (numbers, tokens, flags).
- The words (`lstm_core/ui/strings/lessons.toml`, `quiz.toml`) quote facts as {placeholders}:
  "u{depth_unit} (r = {depth_r:+.2f})". The lesson panel and the quiz fill them from the check
  (once per server; a step whose words quote no fact does not run its check there).
- `tests/core/lessons/test_lesson_checks.py` runs every check: a claim that fails, a placeholder
  no fact fills, a step or model-fact quiz question without a check, or a number typed into a
  step's words (other than the values its widgets set) fails.

Adding a lesson step (a new page's lesson too): write the step in lessons.toml with its widgets;
write (or reuse) a function in lstm_core/lessons/<family>_checks.py that takes the model and the
input and returns the facts the words state, add its name to that module's CHECKS (a new family
also goes into `claims.FAMILIES`); name it in the step with `args` and `expect`; write the words
in both languages with the facts as {placeholders}. Run `pytest tests/core/lessons`.
"""

from lstm_core.lessons.claims import Check, Finding, fill, placeholders, run
from lstm_core.lessons.plan import Lesson, QuizChecks, Step, load_lessons, load_quiz_checks

__all__ = ["Check", "Finding", "Lesson", "QuizChecks", "Step", "fill", "load_lessons", "load_quiz_checks",
           "placeholders", "run"]
