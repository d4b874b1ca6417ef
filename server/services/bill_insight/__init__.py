"""Bill insight (issue 18): why a bill changed, how its readings were taken, a review."""
