"""Yêu cầu liên kết: owners approve, deny and revoke; members see their requests and leave."""
