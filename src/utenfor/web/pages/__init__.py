"""The HTML pages, one module per resource."""
