"""Báo mất điện: report a power failure or a hazard, follow it; staff move incidents."""
