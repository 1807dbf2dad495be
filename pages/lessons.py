"""Lessons: guided walks through the pages, with a teacher's note and a link per step."""

from lstm_core.ui import lessons_page as page
from lstm_core.ui.server_setup import through_the_app

through_the_app()  # first: on a fresh server a page may be run without app.py (see the function)

page.overview()
