"""Output formats: each module turns results into one kind of text; none of them prints."""
