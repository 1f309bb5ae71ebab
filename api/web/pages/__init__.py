"""One module per page group; each is a thin shell over the service layer, like a route."""
