"""The longer command bodies, each a function the app calls."""
