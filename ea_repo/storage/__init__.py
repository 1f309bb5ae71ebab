"""Where the repository lives: tables, the database (SQLite or PostgreSQL), the store, audit, backup."""
