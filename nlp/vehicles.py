"""The words for vehicles a fleet is counted in, as regular-expression alternations."""

from __future__ import annotations

UNITS = (r"vehicles|cars|vans|trucks|lorries|buses|coaches|minibuses|EVs|EDVs|BEVs|HGVs|LCVs|"
         r"taxis|robotaxis|cabs|bikes|e-bikes|bicycles|scooters|e-scooters|mopeds|motorcycles|"
         r"aircraft|jets|planes|airplanes|shuttles|pods|units|company cars|SUVs|tractors|"
         r"trailers|ambulances|limousines|railcars|wagons|locomotives|trains|trams|"
         r"double-deckers|hybrids|PHEVs|pickups|pickup trucks|motorbikes|e-mopeds|e-motorcycles|"
         r"forklifts|rickshaws|e-rickshaws|tuk-tuks|e-vans|e-trucks|e-buses|ebuses")
# The unit as a modifier before "fleet" ("a 950-strong van fleet", "its 4,210-vehicle fleet").
UNIT_MODIFIERS = (r"vehicle|car|van|truck|lorry|bus|coach|minibus|EV|BEV|HGV|LCV|taxi|robotaxi|"
                  r"cab|bike|e-bike|bicycle|scooter|e-scooter|moped|shuttle|SUV|tractor|trailer|"
                  r"ambulance|pickup|motorbike|forklift|e-van|e-truck|e-bus")
# Vehicles enough to be a business's fleet, not a person's cars ("Pellan Parcel runs 210
# vans", "Kappa Parcel has committed to buying 500 vans"; "Jane Roe owns three cars").
BUSINESS_FLEET = 20
