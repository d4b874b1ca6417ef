"""Thanh toán bằng mã QR: a checked dynamic VietQR for one unpaid bill, until it is paid."""
