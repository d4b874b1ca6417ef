"""Screens, one folder per feature: view_model.py (state + actions), view.py, widgets.py."""
