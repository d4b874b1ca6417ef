"""Half-hourly interval readings (issue 19): codec, CSV import, storage with reconciliation
against the daily readings billing uses, monthly partitions, day curves and exports."""
