"""Dịch vụ điện trực tuyến: catalogue, forms, OTP signing, my requests (issue 16)."""
