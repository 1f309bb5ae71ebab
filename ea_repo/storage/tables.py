"""SQLModel tables. JSON-valued columns are TEXT so SQLite and PostgreSQL share one code path."""

from __future__ import annotations

from sqlmodel import Field, Index, SQLModel, UniqueConstraint

SCHEMA_VERSION = 5  # 2: element.version, api_token, audit; 3: roadmap_item; 4: redundancy_dismissal;
# 5: user_account, web_session


class SchemaInfo(SQLModel, table=True):
    __tablename__ = "ea_schema"
    key: str = Field(primary_key=True)
    value: str


SCHEMA_INFO_TABLE = SQLModel.metadata.tables["ea_schema"]  # SchemaInfo's table, typed (SQLModel's __table__ is not)


class IppdRecord(SQLModel, table=True):
    """A government (IPPD): a central agency or a local government."""

    __tablename__ = "ippd"
    code: str = Field(primary_key=True)
    name: str | None = None
    spec: str = "{}"
    labels: str = "{}"
    source: str | None = None


class OpdRecord(SQLModel, table=True):
    """An agency (OPD) of one IPPD, identified by its Kode OPD."""

    __tablename__ = "opd"
    __table_args__ = (UniqueConstraint("ippd", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    ippd: str = Field(index=True)
    code: str
    name: str | None = None
    spec: str = "{}"
    labels: str = "{}"
    source: str | None = None


class ElementRecord(SQLModel, table=True):
    """One architecture element in one plateau of one IPPD."""

    __tablename__ = "element"
    __table_args__ = (UniqueConstraint("ippd", "plateau", "element_id"), Index("ix_element_kind", "kind"))
    id: int | None = Field(default=None, primary_key=True)
    ippd: str
    plateau: str
    element_id: str
    kind: str
    name: str | None = None
    opd: str | None = None
    reference: str = "[]"
    spec: str = "{}"
    labels: str = "{}"
    annotations: str = "{}"
    source: str | None = None
    digest: str = ""
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})  # +1 per accepted change; the API's ETag


class LinkRecord(SQLModel, table=True):
    """A link as its source element declared it: a typed field or the untyped `related` list."""

    __tablename__ = "link"
    __table_args__ = (Index("ix_link_source", "ippd", "plateau", "source_id"), Index("ix_link_target", "target_id"))
    id: int | None = Field(default=None, primary_key=True)
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


class TokenRecord(SQLModel, table=True):
    """An API token. Only a hash of its secret is kept; the secret is shown once, at creation."""

    __tablename__ = "api_token"
    id: str = Field(primary_key=True)
    name: str
    role: str
    ippd: str | None = None  # None: every IPPD (national)
    opds: str | None = None  # JSON list of Kode OPD; None: the whole IPPD
    secret_hash: str
    created_at: str
    created_by: str
    revoked_at: str | None = None


class UserRecord(SQLModel, table=True):
    """A person who signs in to the web pages. Scope and role as a token has them; the password only as a hash."""

    __tablename__ = "user_account"
    login: str = Field(primary_key=True)  # what the person types to sign in, lower case
    name: str  # the person's name as shown
    role: str
    ippd: str | None = None  # None: every IPPD (national)
    opds: str | None = None  # JSON list of Kode OPD; None: the whole IPPD
    password_hash: str  # argon2id, with its own salt and parameters
    created_at: str
    created_by: str
    disabled_at: str | None = None
    failed_sign_ins: int = 0  # since the last success
    locked_until: str | None = None  # sign-in refused until then (UTC ISO text), after repeated failures


class WebSessionRecord(SQLModel, table=True):
    """A signed-in browser. The cookie holds a random secret; only its SHA-256 is stored here."""

    __tablename__ = "web_session"
    id_hash: str = Field(primary_key=True)
    login: str = Field(index=True)
    created_at: str
    expires_at: str


class AuditRecord(SQLModel, table=True):
    """One accepted change: who, when, through what, and the document before and after."""

    __tablename__ = "audit"
    __table_args__ = (Index("ix_audit_subject", "ippd", "subject"),)
    id: int | None = Field(default=None, primary_key=True)
    at: str
    actor: str
    via: str
    action: str
    ippd: str
    plateau: str | None = None
    opd: str | None = None  # the owning OPD after the change (before it, for a delete)
    subject: str
    kind: str
    version: int | None = None
    before: str | None = None
    after: str | None = None


class RoadmapRecord(SQLModel, table=True):
    """A Peta Rencana plan (its period) or one of its initiatives, per IPPD."""

    __tablename__ = "roadmap_item"
    __table_args__ = (UniqueConstraint("ippd", "kind", "item_id"),)
    id: int | None = Field(default=None, primary_key=True)
    ippd: str
    kind: str  # RoadmapPlan or Initiative
    item_id: str
    name: str | None = None
    spec: str = "{}"
    labels: str = "{}"
    annotations: str = "{}"
    source: str | None = None
    digest: str = ""
    version: int = 1


class RedundancyDismissalRecord(SQLModel, table=True):
    """Applications an architect judged not redundant with each other: no two of them are reported together again."""

    __tablename__ = "redundancy_dismissal"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)  # a digest of the sorted members: the same set is dismissed once
    members: str  # JSON list of [ippd, element_id]
    ippds: str  # the members' IPPDs, comma-separated (for reading one IPPD's)
    cluster: str | None = None  # the cluster id it was dismissed as, if it was
    reason: str
    actor: str
    via: str
    at: str
