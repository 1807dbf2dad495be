"""Lessons: guided walks through the pages, with a teacher's note and a link per step."""

from lstm_core.ui.lessons import lessons_page

lessons_page()
