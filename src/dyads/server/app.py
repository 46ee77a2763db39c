"""The REST API and the web UI over a `Store`: `create_app(store)` returns a FastAPI application.

Every filter is validated by its type and bounds before it reaches the store, and the store binds values
as parameters, so hostile input ends as a 4xx with a message. Writing (`POST /api/code`) is off unless the
app is created with `allow_write=True` and a token.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, model_validator

from dyads.events.ontology import QUAD_CLASS_NAMES, cameo_codes
from dyads.export.store import (
    DOCUMENT_SORT_KEYS,
    EVENT_SORT_KEYS,
    DocumentRecord,
    DyadCount,
    EventFilter,
    Facets,
    QueryError,
    Store,
    StoredDocument,
    TimelinePoint,
)
from dyads.model import Document, Event, Modality

STATIC_DIR = Path(__file__).parent / "static"
MAX_PAGE = 1000
MAX_OFFSET = 10_000_000
MAX_BODY_BYTES = 2_000_000
MAX_TEXT_CHARS = 200_000
MAX_BATCH = 20

_COUNTRY = r"^[A-Za-z]{3}$"
_NAME = r"^[A-Za-z_]{2,40}$"
_CAMEO = r"^[0-9]{2,4}$"
_SORT = r"^-?[a-z_]{1,20}$"
# ids are whatever the input named documents; refuse only what no id holds (control characters, length)
_DOCUMENT_ID = re.compile(r"^[^\x00-\x1f\x7f]{1,512}$")


@dataclass
class EventPage:
    total: int
    limit: int
    offset: int
    items: list[Event]


@dataclass
class DocumentPage:
    total: int
    limit: int
    offset: int
    items: list[StoredDocument]


@dataclass
class Vocabulary:
    """Facets of the store plus the names the UI shows for codes."""

    facets: Facets
    quad_classes: dict[int, str]
    cameo_roots: dict[str, str]
    sort_keys: list[str]
    allow_write: bool


@dataclass
class CodedResult:
    id: str
    content_hash: str
    events: list[Event]
    error: str | None = None


@dataclass
class CodeResponse:
    stored: int
    skipped: int
    results: list[CodedResult]


class DocumentIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    id: str | None = Field(default=None, max_length=512, pattern=r"^[^\x00-\x1f\x7f]+$")
    date: dt.date | None = None
    title: str | None = Field(default=None, max_length=1000)
    source: str | None = Field(default=None, max_length=200)
    url: str | None = Field(default=None, max_length=2000)


class CodeRequest(BaseModel):
    """One text (`text`, `date`, ...) or a small batch (`documents`)."""

    text: str | None = Field(default=None, min_length=1, max_length=MAX_TEXT_CHARS)
    date: dt.date | None = None
    id: str | None = Field(default=None, max_length=512, pattern=r"^[^\x00-\x1f\x7f]+$")
    title: str | None = Field(default=None, max_length=1000)
    documents: list[DocumentIn] | None = Field(default=None, min_length=1, max_length=MAX_BATCH)

    @model_validator(mode="after")
    def one_form(self) -> CodeRequest:
        if (self.text is None) == (self.documents is None):
            raise ValueError("give either `text` or `documents`, not both or neither")
        return self

    def inputs(self) -> list[DocumentIn]:
        if self.documents is not None:
            return self.documents
        return [DocumentIn(text=self.text, id=self.id, date=self.date, title=self.title)]


def event_filter(
    date_from: Annotated[dt.date | None, Query(description="first event date (ISO, inclusive)")] = None,
    date_to: Annotated[dt.date | None, Query(description="last event date (ISO, inclusive)")] = None,
    source_country: Annotated[str | None, Query(pattern=_COUNTRY, description="ISO 3166 alpha-3")] = None,
    target_country: Annotated[str | None, Query(pattern=_COUNTRY, description="ISO 3166 alpha-3")] = None,
    country: Annotated[str | None, Query(pattern=_COUNTRY, description="source or target country")] = None,
    sector: Annotated[str | None, Query(pattern=_NAME, description="PLOVER sector of either actor")] = None,
    cameo: Annotated[str | None, Query(pattern=_CAMEO, description="CAMEO root (2 digits) or code")] = None,
    plover_type: Annotated[str | None, Query(pattern=_NAME, description="PLOVER event type")] = None,
    modality: Annotated[list[Modality] | None, Query()] = None,
    quad_class: Annotated[list[Annotated[int, Field(ge=1, le=4)]] | None, Query()] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the sentence, case-insensitive")] = None,
    doc_id: Annotated[str | None, Query(max_length=512)] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="least calibrated probability of being correct")
    ] = None,
) -> EventFilter:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(400, "date_from is after date_to")
    return EventFilter(
        date_from=date_from,
        date_to=date_to,
        source_country=source_country,
        target_country=target_country,
        country=country,
        sector=sector,
        cameo=cameo,
        plover_type=plover_type,
        modality=modality or [],
        quad_class=quad_class or [],
        text=q or None,
        doc_id=doc_id,
        min_confidence=min_confidence,
    )


Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


def create_app(
    store: Store, allow_write: bool = False, token: str | None = None, coder_factory=None
) -> FastAPI:
    """The API and UI over `store`; `coder_factory()` builds the Coder for `POST /api/code` on first use."""
    if allow_write and not token:
        raise ValueError("writing needs a token")
    app = FastAPI(
        title="dyads",
        summary="Political events coded from news text: query, aggregate, code.",
        version="0.1.0",
    )
    coder_lock = threading.Lock()
    coder_holder: list = []

    @app.middleware("http")
    async def limit_body_size(request: Request, call_next):
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
            return JSONResponse({"detail": f"request body over {MAX_BODY_BYTES} bytes"}, status_code=413)
        if declared is None and request.method in ("POST", "PUT", "PATCH"):
            return JSONResponse({"detail": "a Content-Length header is required"}, status_code=411)
        return await call_next(request)

    @app.exception_handler(QueryError)
    async def refused_query(request: Request, error: QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=400)

    @app.get("/api/events", response_model=EventPage, tags=["events"])
    def list_events(
        event_filter: Filter,
        sort: Annotated[str, Query(pattern=_SORT, description=f"one of {sorted(EVENT_SORT_KEYS)}")] = "-date",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> EventPage:
        """Events matching the filters, sorted (`-` prefix descends) and paged."""
        total, items = store.page(event_filter, sort=sort, limit=limit, offset=offset)
        return EventPage(total, limit, offset, items)

    @app.get("/api/documents", response_model=DocumentPage, tags=["documents"])
    def list_documents(
        q: Annotated[str | None, Query(max_length=200, description="text in the title or id")] = None,
        sort: Annotated[str, Query(pattern=_SORT, description=f"one of {sorted(DOCUMENT_SORT_KEYS)}")] = "-date",
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> DocumentPage:
        items = store.documents(q, sort=sort, limit=limit, offset=offset)
        return DocumentPage(store.count_documents(q), limit, offset, items)

    @app.get("/api/documents/{doc_id:path}", response_model=DocumentRecord, tags=["documents"])
    def get_document(doc_id: Annotated[str, PathParam(description="the document's id")]) -> DocumentRecord:
        """A document's text and metadata with its events; their offsets index the text."""
        if not _DOCUMENT_ID.match(doc_id):
            raise HTTPException(400, "a document id has 1 to 512 characters and no control characters")
        record = store.document(doc_id)
        if record is None:
            raise HTTPException(404, "no document with this id")
        return record

    @app.get("/api/stats/timeline", response_model=list[TimelinePoint], tags=["stats"])
    def timeline(
        event_filter: Filter,
        interval: Literal["day", "week", "month"] = "month",
        by: Literal["quad_class", "plover_type"] = "quad_class",
    ) -> list[TimelinePoint]:
        """Events per period (by event date, else document date) and quad class or PLOVER type."""
        return store.timeline(event_filter, interval=interval, by=by)

    @app.get("/api/stats/dyads", response_model=list[DyadCount], tags=["stats"])
    def dyads(event_filter: Filter, limit: Annotated[int, Query(ge=1, le=500)] = 50) -> list[DyadCount]:
        """The most frequent source → target country pairs with their mean Goldstein score."""
        return store.dyads(event_filter, limit=limit)

    @app.get("/api/vocabulary", response_model=Vocabulary, tags=["stats"])
    def vocabulary() -> Vocabulary:
        """What the store holds (countries, types, date range) and the names of codes, for the UI."""
        roots = {code: entry.name for code, entry in cameo_codes().items() if len(code) == 2}
        return Vocabulary(store.facets(), QUAD_CLASS_NAMES, roots, sorted(EVENT_SORT_KEYS), allow_write)

    @app.post("/api/code", response_model=CodeResponse, tags=["events"])
    def code(request: CodeRequest, authorization: Annotated[str | None, Header()] = None) -> CodeResponse:
        """Code posted text (or up to 20 documents) and store them. Needs `--allow-write` and the token."""
        if not allow_write:
            raise HTTPException(403, "writing is disabled; start the server with --allow-write --token T")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is required",
                                headers={"WWW-Authenticate": "Bearer"})
        documents = [_document(item) for item in request.inputs()]
        with coder_lock:  # one spaCy pipeline, used by one request at a time
            if not coder_holder:
                coder_holder.append((coder_factory or _default_coder)())
            coded = list(coder_holder[0].pipe(documents))
        added = store.add(coded)
        results = [
            CodedResult(c.document.id, c.document.content_hash, c.events, c.error) for c in coded
        ]
        return CodeResponse(added.added + added.replaced, added.skipped, results)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def _default_coder():
    from dyads.coder import Coder  # spaCy loads only when something is coded

    return Coder()


def _document(item: DocumentIn) -> Document:
    document = Document(id="", text=item.text, date=item.date, title=item.title, source=item.source, url=item.url)
    document.id = item.id or f"api-{document.content_hash[:16]}"
    return document
