"""Evidence for the assessors: indicator self-assessment (PermenPANRB 59/2020 and 8/2026)."""
