"""Reading and writing files: the one safe YAML reader, the TOML reader, documents to typed structs
with located errors, atomic writes that refuse what must not be written, the results-file lock,
and the cache."""
