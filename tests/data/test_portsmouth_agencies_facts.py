"""Worked facts: Appendix 2 of the Portsmouth arrangements 2019-2020, 'List of relevant agencies'.

Expected values are typed from the source text (data/sources/000_5ed35b9a187e8ee5.txt,
lines 551-827), read line by line, not from the YAML.
"""
from __future__ import annotations

import re
from collections import Counter

import pytest

from lscp.loaders import load

PSCP = "portsmouth.pscp"
FIRST, LAST = 551, 828  # Appendix 2 heading .. the line before 'Appendix 3' (829)

# Names as printed in Appendix 2, by the line each one starts on, split where a line runs
# several names together. Qualifiers such as '(and nursery)' or '(Wrap-around)' are dropped.
APPENDIX_2: dict[int, list[str]] = {
    # Health (555)
    557: ["NHS England"],
    559: ["South Central Ambulance Service"],
    561: ["Solent NHS Trust"],
    563: ["Portsmouth Hospitals Trust"],
    565: ["Care UK"],
    567: ["Portsmouth Primary Care Alliance"],
    569: ["Craneswater Group Practice", "Derby Road Group Practice"],
    571: ["Drayton Surgery"],
    573: ["East Shore Partnership", "Guildhall Walk Centre", "Hanway Group Practice", "John Pounds Medical Centre"],
    575: ["Kirklands"],
    577: ["Lake Road Surgery"],
    578: ["Lighthouse Group Practice"],
    579: ["North Harbour Medical Group"],
    580: ["Portsdown Group Practice"],
    581: ["Sunnyside Medical Centre"],
    582: ["Trafalgar Medical Group Practice"],
    584: ["University Practice"],
    # Educational Establishments (586)
    588: ["Mayville High School", "Portsmouth Grammar School"],
    592: ["Portsmouth High School", "St Johns College", "ARK Ayrton Primary Academy", "ARK Dickens Primary Academy"],
    594: ["Arundel Court Primary"],
    595: ["Beaconview Primary School"],
    596: ["Bramble Infant School"],
    597: ["College Park Infant School"],
    599: ["Copnor Primary School"],
    601: ["Corpus Christi Catholic Primary School", "Cottage Grove Primary School"],
    603: ["Court Lane Infant School", "Court Lane Junior Academy", "Craneswater Junior School",
          "Devonshire Infant School", "Fernhurst Junior School"],
    605: ["Flying Bull Primary School"],
    607: ["Gatcombe Park Primary School", "Highbury Primary School", "Isambard Brunel Junior School",
          "Langstone Infant School", "Langstone Junior School", "Lyndhurst Junior School", "Manor Infant School",
          "Medina Primary School", "Meon Infant School", "Meon Junior School", "Meredith Infant School",
          "Milton Park School"],
    609: ["Moorings Way Infant School", "Newbridge Junior School", "Northern Parade Infant School"],
    611: ["Penhale Infant School"],
    613: ["Portsdown Primary School"],
    615: ["Solent Infant School", "Solent Junior School", "Southsea Infant School"],
    617: ["St George's Beneficial CofE Primary School"],
    621: ["St John's Cathedral Catholic Primary School"],
    625: ["St Judes CE Primary School"],
    627: ["St Paul's Catholic Primary School"],
    629: ["St Swithun's Catholic Primary School"],
    631: ["Stamshaw Infant School", "Stamshaw Junior School", "Victory Primary School", "Westover Primary School",
          "Wimborne Infant School", "Wimborne Junior School"],
    633: ["Madani Academy"],
    635: ["Harbour School", "Admiral Lord Nelson School"],
    637: ["Charter Academy"],
    638: ["King Richard School"],
    639: ["Mayfield School"],
    640: ["Miltoncross Academy"],
    641: ["Priory School"],
    642: ["Springfield School"],
    643: ["St Edmunds RC School"],
    644: ["The Portsmouth Academy"],
    646: ["Traflgar School", "UTC Portsmouth"],
    648: ["Cliffdale Primary Academy"],
    650: ["Mary Rose School"],
    651: ["Redwood Park School"],
    652: ["Willows Centre for Children"],
    654: ["Highbury College", "Portsmouth College"],
    656: ["Military Preparation College"],
    # Early Years Settings (658)
    660: ["YMCA - Portsea Nursery and Whale Island Nursery"],
    664: ["Abacus Pre-school"],
    666: ["All Aboard Pre-School Ltd"],
    668: ["Alphabet Corner Nursery"],
    672: ["Apple Tree Day Nursery", "Ark Alpha Nursery", "Baffins Nature Nursery"],
    674: ["Binsteed Childcare Services"],
    676: ["Brunel-Meredith Pre-school"],
    680: ["Bunny Warren"],
    682: ["Busy Bees @ Portsmouth Compass Road"],
    684: ["Canoe Lake Nursery", "Carousel Nursery", "Castle Pre-school"],
    686: ["Drayton Daisy Chain Pre-school"],
    688: ["Dysart Nursery"],
    690: ["Farlington Day Nursery"],
    691: ["First Steps at ROKO"],
    692: ["Fledglings Pre-School"],
    693: ["Get Set Go Nursery"],
    694: ["Goldsmith Day Nursery"],
    695: ["Good Manors Day Nursery"],
    697: ["Highbury College Bumblebees and Honeypot"],
    699: ["Highbury Primary Nursery & Daycare"],
    701: ["Izzies Day Nursery", "Jack & Jill Pre-school", "Jumping Jacks Pre-School", "Langstone Community Nursery"],
    703: ["Leapfrog Nursery School (Merlin Centre)", "Leapfrog Nursery School No 10 and No 13"],
    705: ["Little Admirals Pre-School", "Little Bears Forest Pre-School", "Little Bounders Pre-school"],
    707: ["Little Learners Day Care Ltd at Park Lodge"],
    709: ["Little Paws Nursery", "Little People Day Nursery", "Little Spinnakers"],
    711: ["Little Spinnakers"],
    712: ["Little Stars Pre-school"],
    713: ["Little Sunbeams Pre School"],
    714: ["Little Whale Nursery"],
    715: ["Manor Infant School Nursery"],
    716: ["Milton Park Pre-School"],
    718: ["Monkey Puzzle South"],
    722: ["Mulberry Court Pre-School"],
    724: ["Naval Under Fives"],
    726: ["Noah's Ark"],
    728: ["Parade Community Pre-school"],
    730: ["Pebbles PreSchool"],
    734: ["Port Solent Day Nursery"],
    736: ["Portsdown Primary School & Children's Centre"],
    738: ["Portsmouth High School Nursery"],
    740: ["Puddleduck Nurserv"],
    742: ["Rainbow Corner Nursery School", "Roberts Day Nursery"],
    744: ["Rose Lodge Nursery School"],
    746: ["Springwood Pre-school"],
    750: ["St Johns College Nursery", "St Jude's Church Nursery", "St Nicholas Pre School"],
    752: ["St Paul's Nursery"],
    754: ["Stepping Stones Nursery School", "Storytime Nursery School"],
    756: ["Stubbington Lodge-Good Manors"],
    758: ["Swishers flc"],
    760: ["Teddy Bears Nursery School"],
    762: ["The Brambles Nursery School and Children's Centre"],
    766: ["The Corner Pre-School"],
    768: ["The Elizabeth Foundation"],
    770: ["The Haven"],
    772: ["Tiddleywinks Pre-School"],
    774: ["Top Tots Day Nursery"],
    776: ["Tops Day Nursery - Lakeside", "Tops Day Nursery - QA", "Turtles Day Nursery"],
    778: ["Twinkle Cottage day nursery", "Twinkle Star day nursery"],
    780: ["University Of Portsmouth Nursery"],
    782: ["Westover Pre-School", "Wind in the Willows"],
    # Other (784)
    786: ["Royal Naval, Royal Marine Welfare"],
    788: ["UK Border Force"],
    790: ["National Probation Service"],
    792: ["Hampshire and Isle of Wight Community Rehabilitation Company"],
    794: ["All Faith Groups", "Society of St James"],
    796: ["YMCA Fairthorne"],
    # Voluntary and Community Sector (800)
    802: ["Portsmouth Children's and Young People's Alliance"],
    806: ["Active Communities Network"],
    808: ["Barnardo's"],
    810: ["Connors Toy Library"],
    812: ["EBP South"],
    814: ["EC Roberts Centre", "Home-Start Portsmouth"],
    816: ["Learning Links", "Motiv8 South Ltd"],
    818: ["PARCS"],
    820: ["Pompey in The Community"],
    821: ["Portsmouth Autism Support Network"],
    823: ["Relasing Potential"],
    825: ["Relate"],
    827: ["The Bivol Trust", "All Saints"],
}

# Named in Appendix 2 but defined elsewhere (registry, Portsmouth main text, Plymouth): by id.
DEFINED_ELSEWHERE = {
    "NHS England": "nhs-england",
    "South Central Ambulance Service": "south-central-ambulance-service",
    "Solent NHS Trust": "solent-nhs-trust",
    "Portsmouth Hospitals Trust": "portsmouth-hospitals-trust",
    "Care UK": "portsmouth.care-uk",
    "Portsmouth Primary Care Alliance": "portsmouth.primary-care-alliance",
    "National Probation Service": "national-probation-service",
    "Hampshire and Isle of Wight Community Rehabilitation Company": "hiow-crc",
    "All Faith Groups": "portsmouth.faith-organisations",
    "Royal Naval, Royal Marine Welfare": "portsmouth.rnrm-welfare",
    "Barnardo's": "barnardos",
}

HEADINGS = {  # heading: (first line, last line) in source 000
    "Health": (555, 585),
    "Educational Establishments": (586, 657),
    "Early Years Settings": (658, 783),
    "Other": (784, 799),
    "Voluntary and Community Sector": (800, 828),
}


@pytest.fixture(scope="module")
def graph():
    return load()  # the bundled data, wherever pytest runs from


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower().replace("&", " and ")).strip()


def _appendix_relations(graph):
    """relevant_agency_of -> PSCP relations citing a line of Appendix 2."""
    return [
        r for r in graph.relations(type="relevant_agency_of", target=PSCP)
        if any(c.doc == "000" and FIRST <= c.start <= LAST for c in r.src)
    ]


_AGENCIES: dict[int, set[str]] = {}


def _agencies(graph):
    if id(graph) not in _AGENCIES:
        _AGENCIES[id(graph)] = {r.source for r in _appendix_relations(graph)}
    return _AGENCIES[id(graph)]


def _find(graph, name: str):
    if name in DEFINED_ELSEWHERE:
        return graph.entity(DEFINED_ELSEWHERE[name])
    wanted = _norm(name)
    found = [
        e for e in graph.entities(kind="organisation")
        if e.id in _agencies(graph) and any(_norm(n) == wanted for n in e.all_names())
    ]
    assert len(found) == 1, f"{name!r}: {[e.id for e in found]}"
    return found[0]


def _cited_lines(relations):
    return {line for r in relations for c in r.src if c.doc == "000" for line in range(c.start, c.end + 1)}


def test_every_name_in_appendix_2_is_a_relevant_agency_citing_its_line(graph):
    for line, names in APPENDIX_2.items():
        for name in names:
            org = _find(graph, name)
            rels = graph.relations(type="relevant_agency_of", source=org.id, target=PSCP)
            assert line in _cited_lines(rels), f"{name!r} ({org.id}) does not cite 000:{line}"


def test_no_organisation_beyond_the_list(graph):
    expected = {_find(graph, n).id for names in APPENDIX_2.values() for n in names}
    assert _agencies(graph) == expected


def test_total_distinct_relevant_agencies_in_appendix_2(graph):
    # 194 names printed, 'Little Spinnakers' twice (709, 711): 193 organisations.
    assert sum(len(v) for v in APPENDIX_2.values()) == 194
    assert len(_agencies(graph)) == 193


@pytest.mark.parametrize(
    "heading, count",
    [("Health", 21), ("Educational Establishments", 70), ("Early Years Settings", 79),
     ("Other", 7), ("Voluntary and Community Sector", 16)],
)
def test_count_per_heading(graph, heading, count):
    first, last = HEADINGS[heading]
    under = {
        r.source for r in _appendix_relations(graph)
        if any(c.doc == "000" and first <= c.start <= last for c in r.src)
    }
    assert len(under) == count


@pytest.mark.parametrize(
    "sector, count",
    [("primary-care", 15),        # GP practices, lines 569-584
     ("school", 67),              # lines 588-652
     ("further-education", 3),    # Highbury College, Portsmouth College, Military Preparation College
     ("early-years", 79),         # lines 660-782, Little Spinnakers once
     ("voluntary-community", 15), # lines 802-827: 16 names, Barnardo's defined by Plymouth
     ("national-body", 1),        # UK Border Force (NHS England is a registry body)
     ("sports-activities", 1),    # YMCA Fairthorne - Daycamps and after school clubs
     ("other", 1)],               # Society of St James, listed under 'Other'
)
def test_count_per_sector_of_appendix_2_organisations(graph, sector, count):
    own = _agencies(graph) - set(DEFINED_ELSEWHERE.values())
    assert sum(1 for i in own if graph.entity(i).sector == sector) == count


@pytest.mark.parametrize(
    "name, sector, line",
    [("Solent Infant School", "school", 615),
     ("Solent Junior School", "school", 615),
     ("Southsea Infant School", "school", 615),
     ("Milton Park School", "school", 607),
     ("St Johns College", "school", 592),
     ("UTC Portsmouth", "school", 646),
     ("Highbury College", "further-education", 654),
     ("Portsmouth College", "further-education", 654),
     ("Kirklands", "primary-care", 575),
     ("John Pounds Medical Centre", "primary-care", 573),
     ("Tops Day Nursery - QA", "early-years", 776),
     ("Portsmouth High School Nursery", "early-years", 738),
     ("Home-Start Portsmouth", "voluntary-community", 814),
     ("Barnardo's", "voluntary-community", 808),
     ("Royal Naval, Royal Marine Welfare", "armed-forces", 786),
     ("UK Border Force", "national-body", 788)],
)
def test_specific_organisations(graph, name, sector, line):
    org = _find(graph, name)
    assert org.sector == sector
    rels = graph.relations(type="relevant_agency_of", source=org.id, target=PSCP)
    assert line in _cited_lines(rels)
    if name not in DEFINED_ELSEWHERE:
        assert any(c.doc == "000" and c.start <= line <= c.end for c in org.src)


def test_registry_bodies_are_reused_not_redefined(graph):
    assert graph.entity("nhs-england").sector == "national-body"
    assert graph.entity("portsmouth-hospitals-trust").sector == "nhs-provider"
    assert graph.entity("hiow-crc").sector == "probation"
    crc = graph.relations(type="relevant_agency_of", source="hiow-crc", target=PSCP)
    assert 792 in _cited_lines(crc) and 794 in _cited_lines(crc)


def test_little_spinnakers_is_one_organisation_cited_twice(graph):
    org = _find(graph, "Little Spinnakers")
    lines = {c.start for c in org.src}
    assert {709, 711} <= lines


def test_typos_kept_as_aliases(graph):
    assert _find(graph, "Traflgar School") is _find(graph, "Trafalgar School")
    assert _find(graph, "Puddleduck Nurserv") is _find(graph, "Puddleduck Nursery")


def test_same_operator_settings_are_distinct(graph):
    ids = {_find(graph, n).id for n in APPENDIX_2[703] + APPENDIX_2[776][:2]}
    assert len(ids) == 4
    assert _find(graph, "Manor Infant School").id != _find(graph, "Manor Infant School Nursery").id
    assert _find(graph, "Highbury College").id != _find(graph, "Highbury College Bumblebees and Honeypot").id


def test_appendix_2_relations_belong_to_the_2019_edition(graph):
    assert all("portsmouth-2019" in r.editions for r in _appendix_relations(graph))


def test_schools_and_settings_are_in_portsmouth(graph):
    own = _agencies(graph) - set(DEFINED_ELSEWHERE.values())
    areas = Counter(graph.entity(i).area for i in own if graph.entity(i).sector in ("school", "early-years", "primary-care"))
    assert areas == Counter({"portsmouth": 67 + 79 + 15})
