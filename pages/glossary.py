"""Glossary: every term the pages use, in both languages, searchable."""

from lstm_core.ui.glossary import glossary_page

glossary_page()
