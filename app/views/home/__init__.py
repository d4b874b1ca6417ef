"""Signed-in home: the selected customer code, its status and the way to the features."""
