"""What a code used: meter readings in (readings_import, readings_store), daily and monthly
usage out (consumption), the current period's forecast and the person's alert thresholds."""
