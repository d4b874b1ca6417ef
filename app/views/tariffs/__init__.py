"""The published household tariff tables and VAT rates."""
