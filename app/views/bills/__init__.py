"""Hóa đơn: the bills of a year, one bill in detail, its e-invoice."""
