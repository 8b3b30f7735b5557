"""What reports, comparisons and trends show, worked out once as plain data for every format."""
