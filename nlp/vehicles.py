"""The words for vehicles a fleet is counted in: one table, read by the fleet rules (as
regular-expression alternations) and by the scorer's candidates (as lemmas)."""

from __future__ import annotations

# (singular, plural): the singular is also the word before "fleet" ("a 950-strong van fleet",
# "its 4,210-vehicle fleet") and the lemma the candidates read.
VEHICLES = (
    ("vehicle", "vehicles"), ("car", "cars"), ("company car", "company cars"),
    ("automobile", "automobiles"), ("auto", "autos"), ("sedan", "sedans"), ("SUV", "SUVs"),
    ("van", "vans"), ("e-van", "e-vans"), ("truck", "trucks"), ("e-truck", "e-trucks"),
    ("pickup", "pickups"), ("pickup truck", "pickup trucks"), ("lorry", "lorries"),
    ("HGV", "HGVs"), ("LCV", "LCVs"), ("rig", "rigs"), ("tractor", "tractors"),
    ("trailer", "trailers"), ("tractor-trailer", "tractor-trailers"), ("forklift", "forklifts"),
    ("bus", "buses"), ("e-bus", "e-buses"), ("ebus", "ebuses"), ("minibus", "minibuses"),
    ("mini-bus", "mini-buses"), ("coach", "coaches"), ("double-decker", "double-deckers"),
    ("EV", "EVs"), ("EDV", "EDVs"), ("BEV", "BEVs"), ("PHEV", "PHEVs"), ("hybrid", "hybrids"),
    ("taxi", "taxis"), ("robotaxi", "robotaxis"), ("cab", "cabs"), ("limousine", "limousines"),
    ("ambulance", "ambulances"), ("shuttle", "shuttles"), ("pod", "pods"), ("unit", "units"),
    ("bike", "bikes"), ("e-bike", "e-bikes"), ("bicycle", "bicycles"),
    ("scooter", "scooters"), ("e-scooter", "e-scooters"), ("moped", "mopeds"),
    ("e-moped", "e-mopeds"), ("motorcycle", "motorcycles"), ("e-motorcycle", "e-motorcycles"),
    ("motorbike", "motorbikes"), ("rickshaw", "rickshaws"), ("e-rickshaw", "e-rickshaws"),
    ("tuk-tuk", "tuk-tuks"), ("aircraft", "aircraft"), ("jet", "jets"), ("plane", "planes"),
    ("airplane", "airplanes"), ("railcar", "railcars"), ("wagon", "wagons"),
    ("locomotive", "locomotives"), ("train", "trains"), ("tram", "trams"),
    ("vessel", "vessels"), ("ship", "ships"),
)


def _alternation(words: set[str]) -> str:
    return "|".join(sorted(words, key=lambda w: (-len(w), w)))  # longest first


UNITS = _alternation({plural for _, plural in VEHICLES})
UNIT_MODIFIERS = _alternation({singular for singular, _ in VEHICLES})
VEHICLE_LEMMAS = frozenset(singular.lower() for singular, _ in VEHICLES if " " not in singular)
# Vehicles enough to be a business's fleet, not a person's cars ("Pellan Parcel runs 210
# vans", "Kappa Parcel has committed to buying 500 vans"; "Jane Roe owns three cars").
BUSINESS_FLEET = 20
