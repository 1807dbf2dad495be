"""Glossary: every term the pages use, in both languages, searchable."""

from lstm_core.ui.glossary import glossary_page
from lstm_core.ui.server_setup import through_the_app

through_the_app()  # first: on a fresh server a page may be run without app.py (see the function)

glossary_page()
