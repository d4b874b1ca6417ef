"""Payments: the bank's signed webhook (webhook.py) paying a bill, an adjustment bill
(adjustment_pay.py) or a batch of bills behind one QR (batches.py makes them, batch_pay.py
pays them all or none)."""
