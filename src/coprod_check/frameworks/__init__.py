"""Find, load and check frameworks (the bundled ones, in ``bundled/``, and a user's own), and
publish their JSON Schema."""
