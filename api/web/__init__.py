"""Web pages served by the API: the chat widget (``/``) and the staff workspace (``/staff``)."""
