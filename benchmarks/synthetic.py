"""A synthetic England: a seeded generator of a national dataset in the bundled data format.

Shaped like `data/`: `registry/` holds the organisations many areas share (local authorities,
ICBs, police forces, NHS trusts, fire services, national bodies), the areas, partnerships,
editions, functions and sources; one folder per partnership holds its bodies, posts, people
and relations, and its relevant agencies; `sources/` holds one generated text per
partnership (and one national register) whose lines state each fact, so every `src` cites
lines that exist and name what they cite.

Each partnership has its three safeguarding partners (a local authority, or several; the ICB
and the police force it shares with its neighbours, as HIPS shares them), lead
representatives and delegates, 6-15 bodies in tiers with chairs and reporting lines,
escalation rules, and relevant agencies by sector. At scale 1 the counts are those of
England (docs/public-facts.md §7): about 130 partnerships over 153 local authorities, 42
ICBs, 39 police forces, 24,500 schools and 61,000 early-years providers.

    python -m benchmarks.synthetic --scale 0.1 --out /tmp/england-0.1
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

ENGLAND = {"partnerships": 130, "local_authorities": 153, "icbs": 42, "police_forces": 39,
           "schools": 24_500, "early_years": 61_000}
SCALES = (0.01, 0.1, 1.0)
SEED = 2024
MARKER = ".lscp-synthetic"  # a directory is only ever cleared when it holds this file

_STEMS = ("Ash Brad Carl Dun Elm Fair Glen Hart Kings Lang Mar Nor Oak Pen Rock Sal Thorn Wes Wood Brom "
          "Calder Dray Fen Hal Ivy Kes Lyn Mid Ned Ot Pem Quen Rad Sef Tam Ux Ver Wal Yar Bel Cor Dor "
          "Es Gar Hol Ick Jar").split()
_ENDS = "bury ford ham ton field wick mouth chester minster borough ley worth stead dale moor by thorpe well bridge port".split()
_QUALIFIERS = ("Little", "Great", "Upper", "Lower", "North", "South", "East", "West", "Old", "New")
_FIRST = ("Alex Amira Ben Chloe Dev Ella Femi Grace Hana Ian Jo Kai Lena Mo Nia Owen Priya Rhys Sam "
          "Tara Uma Vic Will Yusuf Zoe").split()
_LAST = ("Able Bell Cole Dunn Evans Ford Gill Hart Iqbal Jones Khan Lowe Mills Nash Okafor Patel Quinn "
         "Reid Shaw Todd Usman Vaughan Walsh Young").split()
_SCHOOL_KINDS = ("Primary School", "Primary School", "Primary School", "Infant School", "Junior School",
                 "Church of England Primary School", "Catholic Primary School", "Academy", "High School",
                 "Community College", "Special School", "Nursery School", "Independent School")
_SAINTS = ("St Mary's", "St John's", "St Peter's", "Holy Trinity", "St Anne's", "All Saints", "St Joseph's")
_EY_KINDS = ("Day Nursery", "Pre-School", "Playgroup", "Nursery", "Kindergarten", "Out of School Club")
_EY_WORDS = ("Little Acorns", "Rainbow", "Busy Bees", "Sunflowers", "Tiny Steps", "Woodland", "Bright Start",
             "Ladybirds", "Puddle Ducks", "Treetops")


@dataclass(frozen=True)
class BodyPlan:
    key: str
    name: str
    kind: str
    functions: tuple[str, ...] = ()
    parent: str | None = None  # for tier-3 groups: the subgroup they report to
    chair_role: str = "Chair"
    chair_in: str = "partnership"  # la, icb, police or partnership: where the chairing post sits


_CASE_REVIEW = BodyPlan("case-review", "Serious Incidents and Learning Group", "subgroup",
                        ("fn.rapid-review", "fn.practice-reviews"), chair_role="Designated Doctor for Safeguarding Children",
                        chair_in="icb")
_SUBGROUPS = (
    BodyPlan("quality-assurance", "Quality Assurance and Performance Subgroup", "subgroup", ("fn.quality-assurance",),
             chair_role="Head of Quality Assurance", chair_in="la"),
    BodyPlan("learning-development", "Learning and Development Subgroup", "subgroup", ("fn.multi-agency-training",),
             chair_role="Workforce Development Manager", chair_in="la"),
    BodyPlan("child-exploitation", "Child Exploitation Strategic Group", "subgroup", ("fn.child-exploitation",),
             chair_role="Detective Superintendent, Exploitation", chair_in="police"),
    BodyPlan("cdop", "Child Death Overview Panel", "panel", ("fn.child-death-review",),
             chair_role="Director of Public Health", chair_in="la"),
    BodyPlan("policy-procedures", "Policy and Procedures Group", "subgroup", ("fn.policies-procedures",),
             chair_role="Safeguarding Policy Lead", chair_in="la"),
    BodyPlan("education", "Education Safeguarding Group", "subgroup", ("fn.education-involvement",),
             chair_role="Head of Education Safeguarding", chair_in="la"),
    BodyPlan("health", "Health Safeguarding Group", "group", (), chair_role="Designated Nurse for Safeguarding Children",
             chair_in="icb"),
    BodyPlan("neglect", "Neglect Strategy Group", "subgroup", (), chair_role="Head of Early Help", chair_in="la"),
    BodyPlan("early-help", "Early Help Strategic Group", "subgroup", (), chair_role="Early Help Service Manager", chair_in="la"),
    BodyPlan("domestic-abuse", "Domestic Abuse and Children Group", "subgroup", (),
             chair_role="Detective Chief Inspector, Public Protection", chair_in="police"),
    BodyPlan("voice", "Voice of Children and Young People Forum", "forum", (), chair_role="Participation Lead", chair_in="la"),
    BodyPlan("section-11", "Section 11 Audit Panel", "panel", ("fn.section-11-audit",), chair_role="Chair"),
    BodyPlan("dsl-network", "Designated Safeguarding Leads Network", "network", (),
             chair_role="Education Safeguarding Adviser", chair_in="la"),
)
_TASKS = (
    BodyPlan("rapid-review-panel", "Rapid Review Panel", "panel", ("fn.rapid-review-decision",), parent="case-review",
             chair_role="Named Nurse for Safeguarding", chair_in="icb"),
    BodyPlan("audit-task-group", "Multi-Agency Audit Task and Finish Group", "task-and-finish-group", (),
             parent="quality-assurance", chair_role="Audit Lead", chair_in="la"),
    BodyPlan("missing-children", "Missing Children Operational Group", "group", (), parent="child-exploitation",
             chair_role="Missing Persons Coordinator", chair_in="police"),
    BodyPlan("trainers-pool", "Multi-Agency Trainers Pool", "network", (), parent="learning-development",
             chair_role="Training Coordinator"),
    BodyPlan("thresholds-review", "Thresholds Review Task and Finish Group", "task-and-finish-group", ("fn.thresholds",),
             parent="policy-procedures", chair_role="Head of Children's Social Care", chair_in="la"),
    BodyPlan("mash-steering", "MASH Steering Group", "group", (), parent="early-help",
             chair_role="Detective Inspector, MASH", chair_in="police"),
)
_FUNCTIONS = (
    ("fn.safeguarding-arrangements", "Make and publish multi-agency safeguarding arrangements", True),
    ("fn.strategic-leadership", "Strategic leadership, priorities and coordination of safeguarding services", True),
    ("fn.independent-scrutiny", "Independent scrutiny of the arrangements", True),
    ("fn.thresholds", "Threshold document (local criteria for action)", True),
    ("fn.rapid-review", "Rapid review of serious incidents", True),
    ("fn.rapid-review-decision", "Decision on the outcome of a rapid review", True),
    ("fn.practice-reviews", "Commissioning local child safeguarding practice reviews", True),
    ("fn.child-death-review", "Child death review", True),
    ("fn.annual-report", "Yearly report on the arrangements", True),
    ("fn.funding", "Funding the arrangements", True),
    ("fn.relevant-agencies", "Naming the relevant agencies", True),
    ("fn.education-involvement", "Involving schools, colleges and early years settings", True),
    ("fn.multi-agency-training", "Multi-agency safeguarding training", False),
    ("fn.section-11-audit", "Section 11 audit of safeguarding duties", False),
    ("fn.policies-procedures", "Multi-agency policies and procedures", False),
    ("fn.quality-assurance", "Quality assurance of multi-agency practice", False),
    ("fn.child-exploitation", "Response to child exploitation", False),
)
_COLLECTIVES = (  # (key, sector, name pattern, how represented: "education", "early-years", "nhs", "la" or None)
    ("schools", "school", "All schools in {place}", "education"),
    ("early-years", "early-years", "All early years settings in {place}", "early-years"),
    ("post-16", "further-education", "Post-16 education and training providers ({place})", "la"),
    ("nhs-providers", "nhs-provider", "NHS providers ({place})", "nhs"),
    ("voluntary", "voluntary-community", "Voluntary and community organisations in {place}", None),
    ("faith", "faith", "Faith organisations in {place}", None),
    ("sports", "sports-activities", "Sports and activities clubs ({place})", None),
    ("residential", "residential-care", "Independent residential children's homes ({place})", "la"),
    ("housing", "housing", "Registered housing providers ({place})", None),
)


# -- YAML text ------------------------------------------------------------------------------
_PLAIN = re.compile(r"^(?:[a-z][a-z0-9._-]*[a-z0-9]|\d{4}-\d{2}-\d{2})$")  # ids, words, dates (read as dates)
_YAML11_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n"}
def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, dict):
        return flow(value)
    if _PLAIN.match(value) and value not in _YAML11_WORDS:
        return value  # ids and controlled words, plain as the bundled data writes them
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


_QUOTED_KEYS = {"on": '"on"'}


def flow(record: dict) -> str:
    """One record as a YAML flow mapping (`on` is quoted: YAML 1.1 reads it as a boolean)."""
    return "{" + ", ".join(f"{_QUOTED_KEYS.get(k, k)}: {_scalar(v)}" for k, v in record.items() if v is not None) + "}"


def block(record: dict) -> str:
    """One entity as a YAML block mapping list item, lists of records as flow items."""
    lines = []
    for key, value in record.items():
        if value is None or value == []:
            continue
        if isinstance(value, list) and isinstance(value[0], dict):
            lines.append(f"{key}:")
            lines += [f"  - {flow(item)}" for item in value]
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "  - " + "\n    ".join(lines) + "\n"


class DataFile:
    """A data file being written: sections of block entities and flow relations."""

    ORDER = ("sources", "areas", "organisations", "partnerships", "editions", "functions", "people", "posts",
             "bodies", "mentions", "relations")

    def __init__(self, comment: str, edition: str | None = None):
        self.comment, self.edition = comment, edition
        self.sections: dict[str, list[str]] = {}

    def entity(self, section: str, record: dict) -> None:
        self.sections.setdefault(section, []).append(block(record))

    def item(self, section: str, record: dict) -> None:
        self.sections.setdefault(section, []).append(f"  - {flow(record)}\n")

    def relation(self, type_: str, source: str, target: str, src: str, **extra) -> None:
        self.item("relations", {"type": type_, "from": source, "to": target, **extra, "src": src})

    def text(self) -> str:
        parts = ["# yaml-language-server: $schema=../../docs/lscp-data.schema.json\n", f"# {self.comment}\n"]
        if self.edition:
            parts.append(f"edition: {self.edition}\n")
        for section in self.ORDER:
            if section in self.sections:
                parts.append(f"\n{section}:\n")
                parts += self.sections[section]
        return "".join(parts)


@dataclass
class Doc:
    """A generated source document; `add` returns the 1-based number of the line written."""

    id: str
    slug: str
    name: str
    lines: list[str] = field(default_factory=list)

    @property
    def file(self) -> str:
        return f"{self.id}_{self.slug}.txt"

    def add(self, text: str = "") -> int:
        self.lines.append(text)
        return len(self.lines)

    def src(self, *numbers: int) -> str:
        low, high = min(numbers), max(numbers)
        return f"{self.id}:{low}" if low == high else f"{self.id}:{low}-{high}"


def slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in name.lower()).split())


# -- the nation -----------------------------------------------------------------------------
@dataclass
class Org:
    id: str
    name: str
    sector: str
    area: str
    line: int = 0


@dataclass
class Plan:
    """One partnership before it is written: its areas, partners and agency counts."""

    index: int
    slug: str
    places: list[str]
    councils: list[Org]
    icb: Org
    police: Org
    trusts: list[Org]
    fire: Org
    schools: int = 0
    early_years: int = 0


def counts(scale: float) -> dict[str, int]:
    """England's counts at a scale factor; at least one of each kind, enough councils to go round."""
    found = {key: max(1, round(value * scale)) for key, value in ENGLAND.items()}
    found["local_authorities"] = max(found["local_authorities"], found["partnerships"])
    found["icbs"] = min(found["icbs"], found["partnerships"])
    found["police_forces"] = min(found["police_forces"], found["partnerships"])
    return found


def _split(total: int, weights: list[float]) -> list[int]:
    """`total` shared in proportion to `weights`, largest remainders first, summing exactly."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    shares = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (shares[i] - raw[i], i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _blocks(count: int, groups: int, shift: int = 0) -> list[int]:
    """Group index of each of `count` items in `groups` contiguous blocks (rotated by `shift`)."""
    return [((i + shift) % count) * groups // count for i in range(count)]


class England:
    """Plans and writes the national dataset; every choice comes from one seeded generator."""

    def __init__(self, scale: float = 1.0, seed: int = SEED):
        self.scale, self.seed = scale, seed
        self.rng = random.Random(seed)
        self.n = counts(scale)
        self.national = Doc("000", "national-register", "National register of safeguarding partners (synthetic)")
        self.registry = {name: DataFile(f"Synthetic England at scale {scale} (seed {seed}): {name}.")
                         for name in ("sources", "organisations", "partnerships", "functions")}
        self.files: dict[str, str] = {}
        self.docs: list[Doc] = [self.national]

    # -- names -------------------------------------------------------------------------
    def _places(self, count: int) -> list[str]:
        names = [stem + end.lower() for stem in _STEMS for end in _ENDS]
        self.rng.shuffle(names)
        if count > len(names):
            names += [f"{q} {n}" for q in _QUALIFIERS for n in names[: count]]
        return names[:count]

    def _person(self) -> str:
        return f"{self.rng.choice(_FIRST)} {self.rng.choice(_LAST)}"

    # -- the plan ----------------------------------------------------------------------
    def plan(self) -> list[Plan]:
        n = self.n
        places = self._places(n["local_authorities"])
        self.localities = self._places(400)
        doc = self.national
        doc.add(doc.name)
        doc.add(f"Generated at scale {self.scale} with seed {self.seed}; every name in it is invented.")
        doc.add()
        doc.add("1. Local authorities with children's services")
        councils = []
        for place in places:
            org = Org(f"{slug(place)}-council", f"{place} Council", "local-authority", slug(place))
            org.line = doc.add(f"{org.name} is the local authority for {place}.")
            councils.append(org)
        n_p = n["partnerships"]
        owners = list(range(n_p)) + [self.rng.randrange(n_p) for _ in range(n["local_authorities"] - n_p)]
        icb_of, police_of = _blocks(n_p, n["icbs"]), _blocks(n_p, n["police_forces"], shift=max(1, n_p // 7))
        doc.add()
        doc.add("2. Integrated care boards and the NHS trusts in their areas")
        icbs, trusts = [], []
        for k in range(n["icbs"]):
            members = [places[i] for i in range(n_p) if icb_of[i] == k]
            joined = f"{members[0]} and {members[-1]}" if len(members) > 1 else members[0]
            name = f"NHS {joined} Integrated Care Board"
            icb = Org(f"{slug(members[0])}-icb", name, "health-commissioner", f"{slug(members[0])}-health-area")
            icb.line = doc.add(f"{icb.name} ({members[0]} ICB) commissions health services for {', '.join(members)}.")
            icbs.append(icb)
            own = []
            for t in range(1 + self.rng.randrange(3)):
                place = members[t % len(members)]
                kind = ("Hospitals NHS Foundation Trust", "Community Health NHS Trust", "Mental Health NHS Foundation Trust")[t]
                trust = Org(f"{slug(place)}-{slug(kind)}", f"{place} {kind}", "nhs-provider", icb.area)
                trust.line = doc.add(f"{trust.name} is an NHS provider in the area of {icb.name}.")
                own.append(trust)
            trusts.append(own)
        doc.add()
        doc.add("3. Police forces and fire and rescue services")
        forces, fires = [], []
        for k in range(n["police_forces"]):
            members = [places[i] for i in range(n_p) if police_of[i] == k]
            force = Org(f"{slug(members[0])}-police", f"{members[0]} {'Constabulary' if k % 3 else 'Police'}", "police",
                        f"{slug(members[0])}-police-area")
            force.line = doc.add(f"{force.name} is the police force for {', '.join(members)}.")
            fire = Org(f"{slug(members[0])}-fire", f"{members[0]} Fire and Rescue Service", "fire-rescue", force.area)
            fire.line = doc.add(f"{fire.name} serves the area of {force.name}.")
            forces.append(force)
            fires.append(fire)
        doc.add()
        doc.add("4. National bodies")
        self.nationals = [Org("nhs-england", "NHS England", "national-body", "england"),
                          Org("cafcass", "Cafcass (Children and Family Court Advisory and Support Service)", "cafcass", "england"),
                          Org("probation-service", "The Probation Service", "probation", "england")]
        for org in self.nationals:
            org.line = doc.add(f"{org.name} is a national body and a relevant agency of every partnership.")
        plans = []
        for i in range(n_p):
            mine = [councils[j] for j, owner in enumerate(owners) if owner == i]
            plans.append(Plan(i, slug(places[i]), [places[j] for j, owner in enumerate(owners) if owner == i], mine,
                              icbs[icb_of[i]], forces[police_of[i]], trusts[icb_of[i]], fires[police_of[i]]))
        weights = [self.rng.lognormvariate(0, 0.5) * len(p.councils) for p in plans]
        for p, schools, early in zip(plans, _split(n["schools"], weights), _split(n["early_years"], weights)):
            p.schools, p.early_years = schools, early
        self._registry(councils, icbs, [t for own in trusts for t in own], forces, fires)
        return plans

    def _registry(self, councils, icbs, trusts, forces, fires) -> None:
        doc, orgs, areas = self.national, self.registry["organisations"], self.registry["partnerships"]
        doc.add()
        line = doc.add("5. England is the country of every area in this register.")
        areas.entity("areas", {"id": "england", "name": "England", "area_kind": "country", "src": doc.src(line)})
        for org in icbs:
            areas.entity("areas", {"id": org.area, "name": f"Area of {org.name}", "area_kind": "health-area",
                                   "within": ["england"], "src": doc.src(org.line)})
        for org in forces:
            areas.entity("areas", {"id": org.area, "name": f"Area of {org.name}", "area_kind": "police-area",
                                   "within": ["england"], "src": doc.src(org.line)})
        for org in [*councils, *icbs, *trusts, *forces, *fires, *self.nationals]:
            orgs.entity("organisations", {"id": org.id, "name": org.name, "sector": org.sector, "area": org.area,
                                          "src": doc.src(org.line)})
        doc.add()
        doc.add("6. The functions of safeguarding partnerships")
        for ident, name, statutory in _FUNCTIONS:
            line = doc.add(f"{name}: a {'statutory' if statutory else 'local'} function of the partnerships.")
            self.registry["functions"].entity("functions", {"id": ident, "name": name, "statutory": statutory or None,
                                                            "src": doc.src(line)})
        self.council_area_lines = {org.id: org.line for org in councils}

    # -- one partnership ---------------------------------------------------------------
    def partnership(self, p: Plan) -> None:
        rng = self.rng
        doc = Doc(f"{p.index + 1:03d}", p.slug, "")
        self.docs.append(doc)
        place = p.places[0] if len(p.places) < 4 else f"{p.places[0]} Area"
        name = f"{' and '.join(p.places) if len(p.places) < 4 else place} Safeguarding Children Partnership"
        acronym = "".join(w[0] for w in name.split() if w[0].isupper() and w != "and")
        pid, year = f"{p.slug}.scp", rng.choice((2019, 2019, 2020, 2021, 2022, 2023, 2024))
        date = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        edition = f"{p.slug}-{year}"
        doc.name = f"{name}: multi-agency safeguarding arrangements {year}"
        title = doc.add(doc.name)
        published = doc.add(f"Published {date} by the safeguarding partners of {name} ({acronym}).")
        main = DataFile(f"{doc.name} (source {doc.id!r}).", edition)
        reg = self.registry["partnerships"]
        self.registry["sources"].entity("sources", {"id": doc.id, "name": doc.name, "file": doc.file, "date": date,
                                                    "area": p.councils[0].area, "src": doc.src(title)})
        for council in p.councils:
            reg.entity("areas", {"id": council.area, "name": council.name.removesuffix(" Council"),
                                 "area_kind": "local-authority-area", "within": [p.icb.area, p.police.area],
                                 "src": self.national.src(council.line)})
        reg.entity("partnerships", {"id": pid, "name": name, "aliases": [acronym],
                                    "partnership_kind": "safeguarding-children-partnership", "src": doc.src(title)})
        reg.entity("editions", {"id": edition, "name": f"{name} arrangements {year}", "partnership": pid, "date": date,
                                "edition_kind": "arrangements", "source": doc.id, "src": doc.src(title, published)})
        doc.add()
        # The partners, their lead representatives and delegates.
        doc.add("1. The safeguarding partners")
        partners = [("la" if len(p.councils) == 1 else c.area, c) for c in p.councils] + [("icb", p.icb), ("police", p.police)]
        line = doc.add(f"The safeguarding partners are {', '.join(o.name for _, o in partners)}; "
                       f"together they cover {', '.join(p.places)}.")
        for council in p.councils:
            main.relation("covers", pid, council.area, doc.src(line))
        leads, delegates, people = {}, {}, []
        for key, org in partners:
            main.relation("partner_of", org.id, pid, doc.src(line))
            lead_title, delegate_title = {"health-commissioner": ("Chief Executive", "Chief Nursing Officer"),
                                          "police": ("Chief Constable", "Detective Chief Superintendent, Public Protection")
                                          }.get(org.sector, ("Chief Executive", "Director of Children's Services"))
            lead = {"id": f"{p.slug}.{key}.lead", "name": f"{lead_title}, {org.name}", "within": org.id}
            delegate = {"id": f"{p.slug}.{key}.delegate", "name": f"{delegate_title}, {org.name}", "within": org.id}
            l1 = doc.add(f"The lead representative of {org.name} is the {lead['name']}, who retains accountability.")
            l2 = doc.add(f"The {lead['name']} delegates the partner's functions to the {delegate['name']}.")
            lead["src"], delegate["src"] = doc.src(l1), doc.src(l2)
            main.entity("posts", lead)
            main.entity("posts", delegate)
            main.relation("lead_representative_of", lead["id"], org.id, doc.src(l1))
            main.relation("delegates_to", lead["id"], delegate["id"], doc.src(l2),
                          authority="To make decisions for the partner and commit it to policy, resourcing and practice.")
            leads[key], delegates[key] = lead, delegate
            for post, chance in ((lead, 0.7), (delegate, 0.85)):
                if rng.random() < chance:
                    person = self._person()
                    pl = doc.add(f"{person} holds the post of {post['name']}.")
                    people.append({"id": f"{p.slug}.person.{len(people) + 1:02d}", "name": person, "src": doc.src(pl)})
                    main.relation("holds", people[-1]["id"], post["id"], doc.src(pl))
        for person in people:
            main.entity("people", person)
        # Funding.
        stated = rng.random() < 0.7
        shares = _split(100, [55 / len(p.councils)] * len(p.councils) + [25, 20])
        for (_key, org), share in zip(partners, shares):
            fl = doc.add(f"{org.name} contributes {share}% of the partnership budget." if stated else
                         f"{org.name} contributes to the pooled partnership budget.")
            main.relation("funds", org.id, pid, doc.src(fl), share=share if stated else None)
            main.relation("responsible_for", org.id, "fn.funding", doc.src(fl))
            main.relation("responsible_for", org.id, "fn.safeguarding-arrangements", doc.src(line))
        doc.add()
        # Offices of the partnership.
        doc.add("2. Offices of the partnership")
        independent = rng.random() < 0.85
        chair = {"id": f"{p.slug}.independent-chair", "name": f"Independent Chair and Scrutineer, {acronym}",
                 "aliases": ["Independent Chair", "Independent Scrutineer"], "within": pid, "independent": True}
        cl = doc.add(f"The {chair['name']} (Independent Chair) provides independent scrutiny of the {name}.")
        chair["src"] = doc.src(cl)
        if independent:
            main.entity("posts", chair)
            main.relation("scrutinises", chair["id"], pid, doc.src(cl))
            if rng.random() < 0.9:
                main.relation("responsible_for", chair["id"], "fn.independent-scrutiny", doc.src(cl))
            main.relation("accountable_to", chair["id"], leads[partners[0][0]]["id"], doc.src(cl))
        manager = {"id": f"{p.slug}.business-manager", "name": f"Partnership Business Manager, {acronym}", "within": pid}
        manager["src"] = doc.src(doc.add(f"The {manager['name']} leads the Business Unit."))
        main.entity("posts", manager)
        education = {"id": f"{p.slug}.education-representative", "name": f"Education Safeguarding Representative, {p.councils[0].name}",
                     "within": p.councils[0].id}
        early = {"id": f"{p.slug}.early-years-representative", "name": f"Early Years Safeguarding Lead, {p.councils[0].name}",
                 "within": p.councils[0].id}
        for post in (education, early):
            post["src"] = doc.src(doc.add(f"The {post['name']} represents settings on the Partnership Board."))
            main.entity("posts", post)
        lay = []
        for k in (1, 2):
            post = {"id": f"{p.slug}.lay-member-{k}", "name": f"Lay member {k} of the {acronym}", "within": pid}
            post["src"] = doc.src(doc.add(f"The {acronym} recruits {post['name']} to bring a lay viewpoint."))
            main.entity("posts", post)
            lay.append(post)
        doc.add()
        bodies = self._bodies(p, doc, main, pid, name, acronym, partners, leads, delegates, chair if independent else None,
                              manager, [education, early, *lay])
        # Escalation.
        doc.add()
        doc.add("4. Escalation and resolving professional disagreements")
        el = doc.add(f"Professional disagreements within the {name} are escalated to the Partnership Executive Group.")
        main.relation("escalates_to", pid, bodies["executive"], doc.src(el), condition="professional-disagreement", order=1)
        if independent:
            il = doc.add(f"Where the Partnership Executive Group cannot reach a decision, it escalates to the {chair['name']}.")
            main.relation("escalates_to", bodies["executive"], chair["id"], doc.src(il), condition="failed-decision", order=1)
        for key, _ in partners:
            ll = doc.add(f"A decision the Partnership Executive Group cannot reach goes to the {leads[key]['name']}.")
            main.relation("escalates_to", bodies["executive"], leads[key]["id"], doc.src(ll), condition="failed-decision", order=2)
        main.relation("responsible_for", pid, "fn.strategic-leadership", doc.src(title))
        main.relation("responsible_for", pid, "fn.relevant-agencies", doc.src(title))
        self._agencies(p, doc, pid, edition, place, bodies, education, early, delegates)
        if rng.random() < 0.25:
            self._annual_report(p, doc, pid, name, edition, year, bodies)
        self.files[f"{p.slug}/arrangements-{year}.yaml"] = main.text()

    def _bodies(self, p, doc, main, pid, name, acronym, partners, leads, delegates, chair, manager, reps) -> dict[str, str]:
        rng = self.rng
        total = rng.randint(6, 15)
        subgroups = rng.sample(_SUBGROUPS, min(len(_SUBGROUPS), max(2, total - 4 - rng.randint(0, 3))))
        present = {"case-review"} | {b.key for b in subgroups}
        tasks = [t for t in _TASKS if t.parent in present]
        rng.shuffle(tasks)
        chosen = subgroups + tasks[: total - 4 - len(subgroups)]
        spare = [b for b in _SUBGROUPS if b not in chosen]
        while len(chosen) < total - 4:
            chosen.append(spare.pop())
        doc.add("3. The structure of the partnership")
        ids = {key: f"{p.slug}.{key}" for key in ("board", "executive", "business-unit", "case-review")}
        ids.update({b.key: f"{p.slug}.{b.key}" for b in chosen})
        orgs = {"la": p.councils[0], "icb": p.icb, "police": p.police}
        quorum = {"rule": "all-partners", "text": "Quorate only when all three safeguarding partners are present."}

        def body(ident, title, kind, purpose, parent=None, **extra):
            bl = doc.add(f"The {title} ({acronym} {kind.replace('-', ' ')}) {purpose}")
            record = {"id": ident, "name": title, "aliases": [f"{p.places[0]} {title}"], "body_kind": kind,
                      "partnership": pid, "src": doc.src(bl), "purpose": purpose.rstrip(".").capitalize() + "."}
            if rng.random() < 0.85:
                per_year = rng.choice((4, 4, 6, 6, 10, 12))
                ml = doc.add(f"The {title} meets {per_year} times a year.")
                record["meetings"] = {"per_year": per_year, "text": f"Meets {per_year} times a year.", "src": doc.src(ml)}
            else:
                record.setdefault("not_stated", []).append(
                    {"field": "frequency", "note": f"How often the {title} meets is not stated.", "src": doc.src(bl)})
            if parent is not None:
                rl = doc.add(f"The {title} reports to the {parent[1]}.")
                main.relation("reports_to", ident, parent[0], doc.src(rl))
            record.update(extra)
            return record, bl

        records = []
        board, bl = body(ids["board"], "Safeguarding Children Partnership Board", "board",
                         f"is the strategic board of the {name}.")
        ql = doc.add("The Partnership Board is quorate only when all three safeguarding partners are present.")
        board["quorum"] = {**quorum, "src": doc.src(ql)}
        records.append(board)
        member_line = doc.add(f"Members of the Partnership Board are {', '.join(o.name for _, o in partners)}, the Independent "
                              "Chair, the education and early years representatives and two lay members.")
        for _, org in partners:
            main.relation("member_of", org.id, ids["board"], doc.src(member_line), capacity="voting")
        for post in reps:
            main.relation("member_of", post["id"], ids["board"], doc.src(member_line))
        if chair is not None:
            main.relation("chairs", chair["id"], ids["board"], doc.src(doc.add(f"The {chair['name']} chairs the Partnership Board.")))
            main.relation("member_of", chair["id"], ids["board"], doc.src(member_line), capacity="non-voting")
        else:
            rl = doc.add("The chair of the Partnership Board rotates between the "
                         + ", ".join(delegates[key]["name"] for key, _ in partners) + ".")
            for key, _ in partners:
                main.relation("chairs", delegates[key]["id"], ids["board"], doc.src(rl), rotating=True)
        main.relation("responsible_for", ids["board"], "fn.annual-report", doc.src(bl))
        if rng.random() < 0.9:
            main.relation("responsible_for", ids["board"], "fn.thresholds", doc.src(bl))
        executive, el = body(ids["executive"], "Partnership Executive Group", "executive",
                             "brings the delegated safeguarding partners together to lead the arrangements.",
                             (ids["board"], "Safeguarding Children Partnership Board"))
        ql = doc.add("The Partnership Executive Group is quorate only when all three safeguarding partners are present.")
        executive["quorum"] = {**quorum, "src": doc.src(ql)}
        escalation = doc.add("Where members of the Executive disagree, the matter escalates to the lead representatives.")
        executive["rules"] = [{"topic": "escalation", "text": "Disagreements the Executive cannot resolve go to the lead representatives.",
                               "src": doc.src(escalation)}]
        records.append(executive)
        xl = doc.add("The delegated safeguarding partners are the members of the Partnership Executive Group.")
        for key, _ in partners:
            main.relation("member_of", delegates[key]["id"], ids["executive"], doc.src(xl), capacity="voting")
        rotating = rng.random() < 0.6
        cl = doc.add("The chair of the Partnership Executive Group rotates between the "
                     + ", ".join(delegates[key]["name"] for key, _ in partners) + "."
                     if rotating else f"The {delegates[partners[0][0]]['name']} chairs the Partnership Executive Group.")
        for key, _ in (partners if rotating else partners[:1]):
            main.relation("chairs", delegates[key]["id"], ids["executive"], doc.src(cl), rotating=rotating or None)
        unit, ul = body(ids["business-unit"], "Safeguarding Partnership Business Unit", "business-unit",
                        "supports the partnership and its subgroups.")
        if rng.random() < 0.8:
            unit.setdefault("not_stated", []).append(
                {"field": "reports-to", "note": "A staff team, not a meeting: no reporting line is stated.", "src": doc.src(ul)})
        records.append(unit)
        main.relation("supports", ids["business-unit"], pid, doc.src(ul))
        main.relation("chairs", manager["id"], ids["business-unit"], doc.src(doc.add(f"The {manager['name']} manages the Business Unit.")))
        for plan in (_CASE_REVIEW, *chosen):
            parent_key = plan.parent or ("executive" if rng.random() < 0.8 else "board")
            parent_name = next((b.name for b in (_CASE_REVIEW, *chosen) if b.key == parent_key), None) or \
                {"executive": "Partnership Executive Group", "board": "Safeguarding Children Partnership Board"}[parent_key]
            record, bl = body(ids[plan.key], plan.name, plan.kind, f"leads the work of the partnership on {plan.name.lower()}.",
                              (ids[parent_key], parent_name))
            roll = rng.random()
            if roll < 0.88:
                org = orgs.get(plan.chair_in)
                where = org.id if org else pid
                post = {"id": f"{p.slug}.{plan.key}.chair", "name": f"{plan.chair_role}, {org.name if org else acronym}",
                        "within": where}
                pl = doc.add(f"The {plan.name} is chaired by the {post['name']}.")
                post["src"] = doc.src(pl)
                main.entity("posts", post)
                main.relation("chairs", post["id"], ids[plan.key], doc.src(pl))
                main.relation("member_of", post["id"], ids[plan.key], doc.src(pl))
            elif roll < 0.96:
                record.setdefault("not_stated", []).append(
                    {"field": "chair", "note": f"Who chairs the {plan.name} is not stated.", "src": doc.src(bl)})
            if plan is _CASE_REVIEW:
                ql = doc.add("Rapid review decisions are taken only when all three safeguarding partners are present.")
                record["quorum"] = {**quorum, "src": doc.src(ql)}
                for key, org in partners:
                    rep = {"id": f"{p.slug}.{key}.case-review-member",
                           "name": f"{org.name} representative at the Serious Incidents and Learning Group", "within": org.id}
                    rl = doc.add(f"The {rep['name']} takes rapid review decisions for {org.name}.")
                    rep["src"] = doc.src(rl)
                    main.entity("posts", rep)
                    main.relation("member_of", rep["id"], ids[plan.key], doc.src(rl), capacity="voting")
                    main.relation("delegates_to", leads[key]["id"], rep["id"], doc.src(rl), authority="Rapid review decisions.")
                dl = doc.add("Disputed rapid review decisions escalate to the Partnership Executive Group.")
                main.relation("escalates_to", ids[plan.key], ids["executive"], doc.src(dl), condition="disputed-rapid-review", order=1)
            elif rng.random() < 0.7:
                dl = doc.add(f"Where the {plan.name} is split, the matter escalates to the Partnership Executive Group.")
                main.relation("escalates_to", ids[plan.key], ids["executive"], doc.src(dl), condition="split-decision", order=1)
            for function in plan.functions:
                if rng.random() < 0.92:
                    main.relation("responsible_for", ids[plan.key], function, doc.src(bl))
            records.append(record)
        for record in records:
            main.entity("bodies", record)
        return ids

    def _agencies(self, p, doc, pid, edition, place, bodies, education, early, delegates) -> None:
        rng = self.rng
        out = DataFile(f"Relevant agencies of the {place} partnership (source {doc.id!r}, Appendix 1).", edition)
        doc.add()
        doc.add("5. Relevant agencies (Appendix 1, by sector)")
        area = p.councils[0].area
        routes = {"education": education["id"], "early-years": early["id"], "la": p.councils[0].id}
        nurse = {"id": f"{p.slug}.nhs-providers.named-nurse", "name": f"Named Nurse for Safeguarding, NHS providers ({place})"}
        for key, sector, pattern, route in _COLLECTIVES:
            org = {"id": f"{p.slug}.{key}", "name": pattern.format(place=place), "sector": sector, "collective": True,
                   "area": area}
            line = doc.add(f"{org['name']} are relevant agencies.")
            org["src"] = doc.src(line)
            out.relation("relevant_agency_of", org["id"], pid, doc.src(line))
            if route == "nhs":
                nurse.update(within=org["id"], src=doc.src(doc.add(f"{org['name']} are represented by the {nurse['name']}.")))
                out.entity("posts", nurse)
                out.relation("represented_by", org["id"], nurse["id"], nurse["src"], on=bodies["board"])
                out.relation("member_of", nurse["id"], bodies["board"], nurse["src"])
            elif route is not None and rng.random() < 0.85:
                rl = doc.add(f"{org['name']} are represented on the Partnership Board through {routes[route]}.")
                out.relation("represented_by", org["id"], routes[route], doc.src(rl), on=bodies["board"])
            elif rng.random() < 0.5:
                org["not_stated"] = [{"field": "representation", "note": f"How {org['name']} are represented is not stated.",
                                      "src": doc.src(line)}]
            out.entity("organisations", org)
        yot = {"id": f"{p.slug}.youth-justice", "name": f"{place} Youth Justice Service", "sector": "youth-justice", "area": area}
        yl = doc.add(f"{yot['name']} is a relevant agency and sits on the Partnership Board.")
        yot["src"] = doc.src(yl)
        out.entity("organisations", yot)
        out.relation("relevant_agency_of", yot["id"], pid, doc.src(yl))
        out.relation("member_of", yot["id"], bodies["board"], doc.src(yl))
        shared = [*p.trusts, p.fire, *self.nationals]
        for org in shared:
            sl = doc.add(f"{org.name} is a relevant agency.")
            out.relation("relevant_agency_of", org.id, pid, doc.src(sl))
            if org.sector == "nhs-provider" and rng.random() < 0.6:
                out.relation("member_of", org.id, bodies.get("health", bodies["board"]), doc.src(sl))
        localities = rng.sample(self.localities, 30)
        for n in range(1, p.schools + 1):
            kind = rng.choice(_SCHOOL_KINDS)
            prefix = rng.choice(_SAINTS) if "Church" in kind or "Catholic" in kind or rng.random() < 0.15 else rng.choice(localities)
            org = {"id": f"{p.slug}.school-{n:04d}", "name": f"{prefix} {kind}, {rng.choice(localities)}", "sector": "school",
                   "area": area}
            line = doc.add(f"{n}. {org['name']} (school)")
            org["src"] = doc.src(line)
            out.entity("organisations", org)
            out.relation("relevant_agency_of", org["id"], pid, org["src"])
        for n in range(1, p.early_years + 1):
            locality = rng.choice(localities)
            if rng.random() < 0.42:
                name = f"Registered childminder EY{rng.randrange(100000, 999999)} ({locality})"
            else:
                name = f"{rng.choice(_EY_WORDS)} {rng.choice(_EY_KINDS)}, {locality}"
            org = {"id": f"{p.slug}.ey-{n:05d}", "name": name, "sector": "early-years", "area": area}
            line = doc.add(f"{n}. {name} (early years provider)")
            org["src"] = doc.src(line)
            out.entity("organisations", org)
            out.relation("relevant_agency_of", org["id"], pid, org["src"])
        self.files[f"{p.slug}/relevant-agencies.yaml"] = out.text()

    def _annual_report(self, p, doc, pid, name, edition, year, bodies) -> None:
        report = f"{p.slug}-{year + 1}-annual-report"
        doc.add()
        hl = doc.add(f"Annual report {year + 1}: how the {name} arrangements worked in their first year.")
        out = DataFile(f"The {year + 1} annual report of the {name}.", report)
        self.registry["partnerships"].entity("editions", {
            "id": report, "name": f"{name} annual report {year + 1}", "partnership": pid, "date": f"{year + 1}-06-30",
            "edition_kind": "annual-report", "source": doc.id, "supplements": edition, "src": doc.src(hl)})
        ml = doc.add(f"The {p.places[0]} Safeguarding Children Partnership Board met four times and agreed the annual report.")
        out.item("mentions", {"id": bodies["board"], "src": doc.src(ml)})
        out.item("mentions", {"id": bodies["case-review"], "src": doc.src(doc.add(
            "The Serious Incidents and Learning Group completed its rapid reviews within fifteen working days."))})
        out.relation("responsible_for", bodies["board"], "fn.annual-report", doc.src(ml))
        self.files[f"{p.slug}/annual-report-{year + 1}.yaml"] = out.text()

    # -- writing -----------------------------------------------------------------------
    def build(self) -> dict[str, str]:
        """Every file of the dataset: path relative to the data root -> text."""
        for plan in self.plan():
            self.partnership(plan)
        self.registry["sources"].entity("sources", {"id": self.national.id, "name": self.national.name,
                                                    "file": self.national.file, "src": self.national.src(1)})
        for name, data in self.registry.items():
            self.files[f"registry/{name}.yaml"] = data.text()
        for doc in self.docs:
            self.files[f"sources/{doc.file}"] = "\n".join(doc.lines) + "\n"
        return self.files


def generate(out: str | Path, scale: float = 1.0, seed: int = SEED) -> dict[str, int]:
    """Write the dataset under `out` (created, or replaced if an earlier run made it); return its counts."""
    out = Path(out)
    if out.exists():
        if not (out / MARKER).is_file():
            if any(out.iterdir()):
                raise FileExistsError(f"{out} is not empty and was not made by this generator; choose another --out")
        else:
            shutil.rmtree(out)
    files = England(scale, seed).build()
    for relative, text in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (out / MARKER).write_text(f"scale={scale} seed={seed}\n", encoding="utf-8")
    return {**counts(scale), "files": len(files), "bytes": sum(len(t.encode("utf-8")) for t in files.values())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 is England; 0.1 and 0.01 are the smaller sets")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", required=True, help="directory to write (replaced if an earlier run made it)")
    args = parser.parse_args(argv)
    made = generate(args.out, args.scale, args.seed)
    print(", ".join(f"{key} {value}" for key, value in made.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
