"""The REST API and the web UI over a `Store`: `create_app(store)` returns a FastAPI application.

Every filter is validated by its type and bounds before it reaches the store, and the store binds values
as parameters, so hostile input ends as a 4xx with a message. Writing (`POST /api/code`) is off unless the
app is created with `allow_write=True` and a token; storing batches coded elsewhere (`/api/ingest`, see
`ingest.py`) is off unless it is created with an ingest token. Both tokens are checked before the body
is read. Only requests naming an allowed host are answered, and every response carries the headers of
`security.py`. Swagger UI (`/docs`) and ReDoc (`/redoc`) are served from the `fastapi-offline` package.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import secrets
import threading
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.security import HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, model_validator
from starlette.concurrency import run_in_threadpool
from starlette.middleware.trustedhost import TrustedHostMiddleware

from dyads.actors.lexicon import country_code
from dyads.events.ontology import QUAD_CLASS_NAMES, cameo_codes, cameo_filter
from dyads.export.store import (
    DOCUMENT_SORT_KEYS,
    EVENT_SORT_KEYS,
    DocumentRecord,
    DyadCount,
    EventFilter,
    Facets,
    PlaceCount,
    QueryError,
    RuleFamily,
    Store,
    StoredDocument,
    TimelinePoint,
)
from dyads.export.stream import MEDIA_TYPES, DownloadFormat, stream_events
from dyads.ingest.identity import RunIds, content_id
from dyads.ingest.report import ReadReport
from dyads.model import Document, Event, Modality
from dyads.server.ingest import INGEST_PATH, MAX_INGEST_BYTES, coded_from_wire
from dyads.server.security import LOOPBACK_HOSTS, SecurityHeaders

STATIC_DIR = Path(__file__).parent / "static"
DOCS_ASSETS_DIR = Path(str(files("fastapi_offline") / "static"))
REDOC_BUNDLE = "redoc.standalone.js"
_REDOC_CREDIT_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"
MAX_PAGE = 1000
MAX_OFFSET = 10_000_000
MAX_BODY_BYTES = 2_000_000
MAX_TEXT_CHARS = 200_000
MAX_BATCH = 20

_COUNTRY_HELP = "ISO 3166 alpha-3 code (`IND`, `ind`) or name (`India`, `Indian`)"
_NAME = r"^[A-Za-z_]{2,40}$"
_CAMEO = r"^[0-9]{2,4}$"
_ACTOR_CODE = r"^[A-Za-z]{3,30}$"
_SORT = r"^-?[a-z_]{1,20}$"
# ids are whatever the input named documents; refuse only what no id holds (control characters, length)
_DOCUMENT_ID = re.compile(r"^[^\x00-\x1f\x7f]{1,512}$")
_BEARER = HTTPBearer(auto_error=False, description="the token given to `dyads serve --token`")


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
    stored: Annotated[int, Field(description="documents added or replaced")]
    skipped: Annotated[int, Field(description="documents already stored with their id and text, or repeated")]
    replaced: Annotated[list[str], Field(description="ids of stored documents whose text and events were replaced")]
    warnings: Annotated[list[str], Field(description="each document renamed, skipped or replaced, and why")]
    results: Annotated[list[CodedResult], Field(description="one per coded document, under the id it is stored as")]


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
    source_country: Annotated[str | None, Query(max_length=100, description=_COUNTRY_HELP)] = None,
    target_country: Annotated[str | None, Query(max_length=100, description=_COUNTRY_HELP)] = None,
    country: Annotated[
        str | None, Query(max_length=100, description=f"source or target country: {_COUNTRY_HELP}")
    ] = None,
    sector: Annotated[str | None, Query(pattern=_NAME, description="PLOVER sector of either actor")] = None,
    cameo: Annotated[
        str | None,
        Query(pattern=_CAMEO, description="CAMEO code, with every code under it: a root (`04`) or a code (`0311`)"),
    ] = None,
    plover_type: Annotated[str | None, Query(pattern=_NAME, description="PLOVER event type")] = None,
    modality: Annotated[list[Modality] | None, Query()] = None,
    quad_class: Annotated[list[Annotated[int, Field(ge=1, le=4)]] | None, Query()] = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the sentence, case-insensitive")] = None,
    doc_id: Annotated[str | None, Query(max_length=512)] = None,
    cluster: Annotated[
        str | None, Query(max_length=64, description="event_cluster_id: every report of one real event")
    ] = None,
    min_confidence: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="least calibrated probability of being correct")
    ] = None,
    rule_family: Annotated[
        list[RuleFamily] | None,
        Query(
            description="how the event was found (any of those given): `lexicon` (a lexicon row, actors the"
            " lexicons name), `model` (the learned fallback), `unattributed` (an unidentified attacker),"
            " `authorities` (the local authorities of an agentless arrest), `unresolved` (a name no lexicon holds)"
        ),
    ] = None,
    actor: Annotated[
        str | None, Query(pattern=_ACTOR_CODE, description="full actor code of either side, e.g. `INDCOP`")
    ] = None,
    source_actor: Annotated[str | None, Query(pattern=_ACTOR_CODE, description="full actor code of the source")] = None,
    target_actor: Annotated[str | None, Query(pattern=_ACTOR_CODE, description="full actor code of the target")] = None,
    place: Annotated[
        str | None,
        Query(max_length=200, description="a place's name or its country (ISO alpha-3), case-insensitive"),
    ] = None,
) -> EventFilter:
    if date_from and date_to and date_from > date_to:
        raise HTTPException(400, "date_from is after date_to")
    return EventFilter(
        date_from=date_from,
        date_to=date_to,
        source_country=_checked(country_code, source_country),
        target_country=_checked(country_code, target_country),
        country=_checked(country_code, country),
        sector=sector,
        cameo=_checked(cameo_filter, cameo),
        plover_type=plover_type,
        modality=modality or [],
        quad_class=quad_class or [],
        text=q or None,
        doc_id=doc_id,
        cluster_id=cluster,
        min_confidence=min_confidence,
        rule_family=rule_family or [],
        actor=actor,
        source_actor=source_actor,
        target_actor=target_actor,
        place=place or None,
    )


def _checked(read: Callable[[str], str], value: str | None) -> str | None:
    """`value` as `read` takes it; what `read` refuses is answered 422, as a value of the wrong form is."""
    if value is None:
        return None
    try:
        return read(value)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None


Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"page size, at most {MAX_PAGE}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


def create_app(
    store: Store,
    allow_write: bool = False,
    token: str | None = None,
    coder_factory=None,
    allowed_hosts: Iterable[str] = LOOPBACK_HOSTS,
    ingest_token: str | None = None,
    lifespan=None,
) -> FastAPI:
    """The API and UI over `store`; `coder_factory()` builds the Coder for `POST /api/code` on first use.

    Requests whose Host header is not in `allowed_hosts` get 400; `ingest_token` enables `/api/ingest`;
    `lifespan` is FastAPI's (what to do when the server starts and stops).
    """
    if allow_write and not token:
        raise ValueError("writing needs a token")
    app = FastAPI(
        title="dyads",
        summary="Political events coded from news text: query, aggregate, code.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    coder_lock = threading.Lock()
    coder_holder: list = []

    @app.middleware("http")
    async def admit(request: Request, call_next):
        """Refuse, before any of the body is read, what lacks its token or exceeds the size limit."""
        path = request.url.path
        limit = MAX_BODY_BYTES
        if path == "/api/code":
            if not allow_write:
                return JSONResponse(
                    {"detail": "writing is disabled; start the server with --allow-write --token T"},
                    status_code=403,
                )
            if not _bearer_matches(request, token):
                return _unauthorized()
        elif path.startswith(INGEST_PATH):
            if ingest_token is None or not _bearer_matches(request, ingest_token):
                return _unauthorized()
            limit = MAX_INGEST_BYTES
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            return JSONResponse({"detail": f"request body over {limit} bytes"}, status_code=413)
        if declared is None and request.method in ("POST", "PUT", "PATCH"):
            return JSONResponse({"detail": "a Content-Length header is required"}, status_code=411)
        return await call_next(request)

    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(SecurityHeaders)  # added last, so outermost: refusals carry the headers too

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

    @app.get(
        "/api/export",
        tags=["events"],
        response_class=StreamingResponse,
        responses={200: {"content": {media: {} for media in MEDIA_TYPES.values()}}},
    )
    def export(event_filter: Filter, format: DownloadFormat = "csv") -> StreamingResponse:
        """Every event matching the filters, streamed as a file: CSV and Parquet hold the flat columns of
        `dyads code -o events.csv`, JSONL the nested records (ordered by date, document and event id)."""
        return StreamingResponse(
            stream_events(store.iter_events(event_filter), format),
            media_type=MEDIA_TYPES[format],
            headers={"Content-Disposition": f'attachment; filename="events.{format}"'},
        )

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
    def dyads(
        event_filter: Filter,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        by: Annotated[
            Literal["country", "actor"],
            Query(description="pairs of countries, or of full actor codes (`INDCOP` → `INDCVL`) with their countries"),
        ] = "country",
    ) -> list[DyadCount]:
        """The most frequent source → target pairs with their mean Goldstein score."""
        return store.dyads(event_filter, limit=limit, by=by)

    @app.get("/api/stats/places", response_model=list[PlaceCount], tags=["stats"])
    def places(event_filter: Filter, limit: Annotated[int, Query(ge=1, le=5000)] = 2000) -> list[PlaceCount]:
        """Events per geocoded place (name, country, latitude and longitude), the most frequent first."""
        return store.places(event_filter, limit=limit)

    @app.get("/api/vocabulary", response_model=Vocabulary, tags=["stats"])
    def vocabulary() -> Vocabulary:
        """What the store holds (countries, types, date range) and the names of codes, for the UI."""
        roots = {code: entry.name for code, entry in cameo_codes().items() if len(code) == 2}
        return Vocabulary(store.facets(), QUAD_CLASS_NAMES, roots, sorted(EVENT_SORT_KEYS), allow_write)

    # the token is checked by `admit`; declaring the scheme puts it in the OpenAPI page
    @app.post("/api/code", response_model=CodeResponse, tags=["events"], dependencies=[Depends(_BEARER)])
    def code(request: CodeRequest) -> CodeResponse:
        """Code posted text (or up to 20 documents) and store them. Needs `--allow-write` and the token.

        A document without `id` is named by its content (`api:3f2a9c1b0d4e`). An id repeated in the request
        names a repeat when the text is the same (skipped) and another document otherwise (renamed `id~2`);
        a stored document with the same id and another text is replaced, and `replaced` names it.
        """
        inputs = request.inputs()
        report, ids = ReadReport(), RunIds()
        documents = [
            document for index, item in enumerate(inputs) if ids.claim(document := _document(item, index), report)
        ]
        with coder_lock:  # one spaCy pipeline, used by one request at a time
            if not coder_holder:
                coder_holder.append((coder_factory or _default_coder)())
            coded = list(coder_holder[0].pipe(documents))
        added = store.add(coded)
        results = [
            CodedResult(c.document.id, c.document.content_hash, c.events, c.error) for c in coded
        ]
        warnings = report.warnings + [
            f"{doc_id}: replaced the stored document with this id (its text changed)" for doc_id in added.replaced_ids
        ]
        repeats = len(inputs) - len(documents)
        return CodeResponse(
            added.added + added.replaced, added.skipped + repeats, added.replaced_ids, warnings, results
        )

    @app.get(f"{INGEST_PATH}/status", include_in_schema=False)
    def ingest_status() -> dict[str, int]:
        return {"documents": store.count_documents()}

    @app.get(f"{INGEST_PATH}/done", include_in_schema=False)
    def ingest_done() -> list[tuple[str, str]]:
        return sorted(store.done())

    @app.post(INGEST_PATH, include_in_schema=False)
    async def ingest(request: Request) -> dict[str, int | list[str] | dict[str, str]]:
        return await run_in_threadpool(store_batch, await request.body())  # decoding too: off the event loop

    def store_batch(body: bytes) -> dict[str, int | list[str] | dict[str, str]]:
        try:
            coded = [coded_from_wire(item) for item in json.loads(body)]
        except (ValueError, KeyError, TypeError) as error:
            raise HTTPException(400, f"not a batch of coded documents: {error}") from None
        return asdict(store.add(coded))

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> FileResponse:
        return FileResponse(STATIC_DIR / "swagger.html")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> FileResponse:
        return FileResponse(STATIC_DIR / "redoc.html")

    @app.get(f"/docs-assets/{REDOC_BUNDLE}", include_in_schema=False)
    def redoc_bundle() -> Response:
        return Response(_redoc_bundle(), media_type="text/javascript")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.mount("/docs-assets", StaticFiles(directory=DOCS_ASSETS_DIR), name="docs-assets")
    return app



@functools.cache
def _redoc_bundle() -> bytes:
    """ReDoc's script with its sidebar credit's logo, fetched from cdn.redoc.ly, made an empty image: ReDoc
    drops an image that fails to load, and the page loads nothing from elsewhere (no policy violation)."""
    script = (DOCS_ASSETS_DIR / REDOC_BUNDLE).read_text(encoding="utf-8")
    return script.replace(f'src:"{_REDOC_CREDIT_LOGO}"', 'src:"data:,"').encode()


def _bearer_matches(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and secrets.compare_digest(given.encode(), token.encode())


def _unauthorized() -> JSONResponse:
    return JSONResponse(
        {"detail": "a valid 'Authorization: Bearer <token>' header is required"},
        status_code=401,
        headers={"WWW-Authenticate": "Bearer"},
    )


def _default_coder():
    from dyads.coder import Coder  # spaCy loads only when something is coded

    return Coder()


def _document(item: DocumentIn, index: int) -> Document:
    return Document(
        id=item.id or content_id("api", item.text),
        text=item.text,
        date=item.date,
        title=item.title,
        source=item.source,
        url=item.url,
        origin=f"documents[{index}]",
    )
