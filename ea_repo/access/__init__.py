"""Who may do what: principals, roles and scopes, API tokens."""
