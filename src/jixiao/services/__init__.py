"""Domain actions: plain functions that the CLI (and later the web application and the API) call."""
