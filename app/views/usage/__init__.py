"""Sản lượng: daily and monthly usage charts, forecast and alert thresholds."""
