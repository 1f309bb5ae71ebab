"""SQLModel tables. JSON-valued columns are TEXT so SQLite and PostgreSQL share one code path."""
from __future__ import annotations

from typing import Optional

from sqlmodel import Field, SQLModel, UniqueConstraint, Index

SCHEMA_VERSION = 1


class SchemaInfo(SQLModel, table=True):
    __tablename__ = "ea_schema"
    key: str = Field(primary_key=True)
    value: str


class IppdRecord(SQLModel, table=True):
    """A government (IPPD): a central agency or a local government."""

    __tablename__ = "ippd"
    code: str = Field(primary_key=True)
    name: Optional[str] = None
    spec: str = "{}"
    labels: str = "{}"
    source: Optional[str] = None


class OpdRecord(SQLModel, table=True):
    """An agency (OPD) of one IPPD, identified by its Kode OPD."""

    __tablename__ = "opd"
    __table_args__ = (UniqueConstraint("ippd", "code"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    ippd: str = Field(index=True)
    code: str
    name: Optional[str] = None
    spec: str = "{}"
    labels: str = "{}"
    source: Optional[str] = None


class ElementRecord(SQLModel, table=True):
    """One architecture element in one plateau of one IPPD."""

    __tablename__ = "element"
    __table_args__ = (UniqueConstraint("ippd", "plateau", "element_id"), Index("ix_element_kind", "kind"))
    id: Optional[int] = Field(default=None, primary_key=True)
    ippd: str
    plateau: str
    element_id: str
    kind: str
    name: Optional[str] = None
    opd: Optional[str] = None
    reference: str = "[]"
    spec: str = "{}"
    labels: str = "{}"
    annotations: str = "{}"
    source: Optional[str] = None
    digest: str = ""


class LinkRecord(SQLModel, table=True):
    """A link as its source element declared it: a typed field or the untyped `related` list."""

    __tablename__ = "link"
    __table_args__ = (Index("ix_link_source", "ippd", "plateau", "source_id"), Index("ix_link_target", "target_id"))
    id: Optional[int] = Field(default=None, primary_key=True)
    ippd: str
    plateau: str
    source_id: str
    field: str
    target_id: str
    position: int = 0


class ReferenceCodeRecord(SQLModel, table=True):
    """A user-loaded reference-model code; it replaces the shipped list of its domain."""

    __tablename__ = "reference_code"
    domain: str = Field(primary_key=True)
    code: str = Field(primary_key=True)
    level: int
    name: str
    version: str
    source: str = ""
