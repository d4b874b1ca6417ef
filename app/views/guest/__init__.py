"""Guest home: bill estimator, outage look-up by customer code and links to public pages."""
