"""Asking: the questionnaire (whose menus are the only importer of questionary) and the session
that saves each answer the moment it is chosen."""
