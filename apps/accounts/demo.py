"""The demo company's organisation: Atelier Rhône Conseil, its three sites, its teams and its people.

Seeded by ``python manage.py seed_demo`` (see apps/core/demo.py). About 40 people at scale 1
(``round(40 × scale)``), in 5 teams, more teams as the company grows (11 at 250 people), each
with a manager. Five accounts always exist, all with the password ``demo``: the office manager,
the director, a manager, a person in that manager's team, and a superuser for the Django admin.

Idempotent: the company, sites and teams are keyed on their name (the company on pk 1), people
on their e-mail address; what already exists is left as it is. The plan of people is a pure
function of their number, so a second run at the same scale finds everybody already there, and a
run at a larger scale adds the newcomers.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from apps.core.demo import BASE_PEOPLE, DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DemoContext

from .models import DIRECTOR_GROUP, OFFICE_MANAGER_GROUP, Company, Language, Site, Team, User

COMPANY = {
    "legal_name": "Atelier Rhône Conseil",
    "trade_name": "Atelier Rhône",
    "legal_form": "SAS",
    "address": "27 rue de la Charité",
    "postal_code": "69002",
    "city": "Lyon",
    "siren": "732829320",
    "siret": "73282932000074",
    "rcs_city": "Lyon",
    "share_capital": Decimal("50000.00"),
    "vat_number": "FR44732829320",
    "email": "contact@example.com",
    "phone": "04 78 42 17 30",
}


@dataclass(frozen=True)
class SiteSpec:
    key: str
    name: str
    address: str
    postal_code: str
    city: str
    holiday_subdivision: str = ""
    is_head_office: bool = False


SITES = (
    SiteSpec("lyon", "Lyon — siège", "27 rue de la Charité", "69002", "Lyon", is_head_office=True),
    SiteSpec("paris", "Paris", "8 rue du Faubourg-Poissonnière", "75010", "Paris"),
    # Alsace-Moselle: Good Friday and 26 December are public holidays there.
    SiteSpec("metz", "Metz", "12 rue Serpenoise", "57000", "Metz", holiday_subdivision="57"),
)

# (name, main site, relative size). The first five always exist; the others appear as the company grows.
TEAMS = (
    ("Direction", "lyon", 0.5),
    ("Commercial", "lyon", 3),
    ("Comptabilité & finance", "lyon", 2),
    ("Technique", "paris", 4),
    ("Support client & logistique", "metz", 3),
    ("Marketing & communication", "paris", 2),
    ("Ressources humaines", "lyon", 1),
    ("Études & projets", "paris", 3),
    ("Achats & services généraux", "lyon", 1),
    ("Qualité", "metz", 1),
    ("Formation", "lyon", 1),
    ("Infrastructure & réseau", "metz", 2),
)
BASE_TEAMS = 5
PEOPLE_PER_TEAM = 22  # beyond 5 teams, one more team per ~22 people


@dataclass(frozen=True)
class PersonSpec:
    email: str
    first_name: str
    last_name: str
    team: str
    site: str
    hired_on: dt.date
    phone: str
    language: str = Language.FRENCH
    role: str = ""  # the demo account's role key ("office_manager", …); "" for everybody else
    role_label: str = ""
    groups: tuple[str, ...] = ()
    is_superuser: bool = False


# The demo accounts: fixed people, whatever the scale.
ACCOUNTS = (
    PersonSpec(
        "director@example.com", "Philippe", "Girard", "Direction", "lyon", dt.date(2009, 9, 1), "06 11 24 35 46",
        role="director", role_label="director (directeur général), manages Direction", groups=(DIRECTOR_GROUP,),
    ),
    PersonSpec(
        "office@example.com", "Claire", "Martin", "Direction", "lyon", dt.date(2016, 1, 4), "06 12 34 56 78",
        role="office_manager", role_label="office manager", groups=(OFFICE_MANAGER_GROUP,),
    ),
    PersonSpec(
        "manager@example.com", "Julien", "Moreau", "Commercial", "lyon", dt.date(2014, 3, 3), "06 23 45 67 89",
        role="manager", role_label="manager of the Commercial team",
    ),
    PersonSpec(
        "staff@example.com", "Camille", "Bernard", "Commercial", "lyon", dt.date(2021, 9, 1), "07 81 92 03 14",
        role="staff", role_label="staff, in the Commercial team",
    ),
    PersonSpec(
        "admin@example.com", "Nicolas", "Lambert", "Technique", "lyon", dt.date(2018, 5, 14), "06 45 16 27 38",
        role="admin", role_label="superuser (Django admin at /admin/)", is_superuser=True,
    ),
)  # fmt: skip
# Teams the demo accounts manage; every other team's manager is one of the generated people.
ACCOUNT_MANAGERS = {"Direction": "director@example.com", "Commercial": "manager@example.com"}

FIRST_NAMES = (
    "Marie", "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Julie", "Laura",
    "Pauline", "Mathilde", "Céline", "Sandrine", "Nathalie", "Isabelle", "Sophie", "Aurélie", "Émilie", "Caroline",
    "Élodie", "Audrey", "Anne", "Hélène", "Charlotte", "Lucie", "Margaux", "Clémence", "Juliette", "Alice",
    "Thomas", "Nicolas", "Julien", "Maxime", "Alexandre", "Antoine", "Pierre", "Hugo", "Lucas", "Louis",
    "Guillaume", "Romain", "Sébastien", "Mathieu", "Vincent", "François", "Olivier", "Laurent", "Stéphane", "David",
    "Benjamin", "Jérôme", "Florian", "Kévin", "Quentin", "Baptiste", "Arthur", "Paul", "Théo", "Yann",
)  # fmt: skip
LAST_NAMES = (
    "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
    "Simon", "Michel", "Lefebvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard",
    "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefèvre", "Faure", "André",
    "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia",
    "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
    "Marchand", "Duval", "Denis", "Dumont", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun",
    "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez",
    "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard",
)  # fmt: skip
FOUNDED = dt.date(2008, 3, 3)


def team_count(people: int) -> int:
    return min(len(TEAMS), max(BASE_TEAMS, round(people / PEOPLE_PER_TEAM)))


def people_count(scale: float) -> int:
    """``round(40 × scale)``, but at least enough people to give every team a manager."""
    wanted = round(BASE_PEOPLE * scale)
    return max(wanted, len(ACCOUNTS) + team_count(wanted) - len(ACCOUNT_MANAGERS))


def ascii_slug(value: str) -> str:
    """ "Jérôme" → "jerome": e-mail addresses stay ASCII."""
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return "".join(c if c.isalnum() else "-" for c in plain.lower()).strip("-")


def _phone(rng: random.Random) -> str:
    return f"0{rng.choice('67')} " + " ".join(f"{rng.randint(0, 99):02d}" for _ in range(4))


def _working_day(day: dt.date) -> dt.date:
    # People start on a weekday.
    return day + dt.timedelta(days=(7 - day.weekday()) % 7) if day.weekday() >= 5 else day


def plan_people(total: int, today: dt.date) -> tuple[list[PersonSpec], dict[str, str]]:
    """The ``total`` people of the company and ``{team name: manager's e-mail}``.

    A pure function of ``total`` (and today, for hiring dates): its own random streams, names
    drawn first, so person number *i* has the same e-mail address whatever the scale.
    """
    names_rng = random.Random("demo-names")  # noqa: S311 — demo data
    attrs_rng = random.Random("demo-people")  # noqa: S311 — demo data
    teams = TEAMS[: team_count(total)]
    sites_of_team = {name: site for name, site, _ in teams}
    site_keys = [site.key for site in SITES]
    used_names = {(p.first_name, p.last_name) for p in ACCOUNTS}
    used_emails = {p.email for p in ACCOUNTS}
    people = list(ACCOUNTS)
    managers = dict(ACCOUNT_MANAGERS)
    unmanaged = [name for name, _, _ in teams if name not in managers]
    latest_hire = today - dt.timedelta(days=14)

    for index in range(total - len(ACCOUNTS)):
        while True:
            first, last = names_rng.choice(FIRST_NAMES), names_rng.choice(LAST_NAMES)
            if first != last and (first, last) not in used_names:
                break
        used_names.add((first, last))
        base = f"{ascii_slug(first)}.{ascii_slug(last)}"
        email, number = f"{base}@{DEMO_EMAIL_DOMAIN}", 1
        while email in used_emails:
            number += 1
            email = f"{base}{number}@{DEMO_EMAIL_DOMAIN}"
        used_emails.add(email)

        # Always the same number of draws per person, so the stream stays aligned whatever the branch.
        phone = _phone(attrs_rng)
        team_draw = attrs_rng.choices([name for name, _, _ in teams], weights=[w for _, _, w in teams])[0]
        elsewhere = attrs_rng.random() < 0.2
        other_site = attrs_rng.choice(site_keys)
        seniority = attrs_rng.triangular(0, 14 * 365, 2 * 365)
        is_manager = index < len(unmanaged)
        team = unmanaged[index] if is_manager else team_draw
        if is_manager:
            managers[team] = email
            seniority = 3 * 365 + seniority  # managers have been there a while
        site = other_site if elsewhere and not is_manager else sites_of_team[team]
        hired_on = _working_day(max(FOUNDED, latest_hire - dt.timedelta(days=round(seniority))))
        language = Language.ENGLISH if index % 20 == 7 else Language.FRENCH
        people.append(PersonSpec(email, first, last, team, site, min(hired_on, latest_hire), phone, language))
    return people, managers


def seed(ctx: DemoContext) -> None:
    """Company, sites, teams, people and the demo accounts; fills ctx.people and ctx.data."""
    company = _seed_company()
    sites = {spec.key: _seed_site(spec) for spec in SITES}
    total = people_count(ctx.scale)
    people, managers = plan_people(total, ctx.today)
    team_names = [name for name, _, _ in TEAMS[: team_count(total)]]
    teams = {name: _seed_team(name, sites[site]) for name, site, _ in TEAMS if name in team_names}
    created = _seed_people(people, teams, sites)
    _seed_groups(people)
    _seed_managers(managers, teams)

    by_email = {
        u.email: u for u in User.objects.filter(email__in=[p.email for p in people]).select_related("team", "site")
    }
    ctx.people = [by_email[p.email] for p in people]
    ctx.data.update(
        company=company,
        sites=sites,
        teams=[teams[name] for name in team_names],
        accounts={p.role: by_email[p.email] for p in people if p.role},
    )
    _warn_about_roles(ctx, teams, ctx.data["accounts"])
    for spec in ACCOUNTS:
        ctx.add_account(spec.email, spec.role_label, name=f"{spec.first_name} {spec.last_name}")
    ctx.add_summary("sites", Site.objects.count())
    ctx.add_summary("teams", Team.objects.count())
    ctx.add_summary("people", User.objects.filter(is_active=True).count())
    ctx.log(f"accounts: {company}, {len(sites)} sites, {len(teams)} teams, {len(people)} people ({created} new)")


def _seed_company() -> Company:
    company = Company.objects.filter(pk=1).first()
    if company is None:
        company = Company(pk=1, **COMPANY)
        company.full_clean()
        company.save()
    return company


def _seed_site(spec: SiteSpec) -> Site:
    site, created = Site.objects.get_or_create(
        name=spec.name,
        defaults={
            "address": spec.address,
            "postal_code": spec.postal_code,
            "city": spec.city,
            "holiday_subdivision": spec.holiday_subdivision,
            "is_head_office": spec.is_head_office,
        },
    )
    if created:
        site.full_clean()
    return site


def _seed_team(name: str, site: Site) -> Team:
    return Team.objects.get_or_create(name=name, defaults={"site": site})[0]


def _seed_people(people: list[PersonSpec], teams: dict[str, Team], sites: dict[str, Site]) -> int:
    existing = set(User.objects.filter(email__in=[p.email for p in people]).values_list("email", flat=True))
    missing = [p for p in people if p.email not in existing]
    if not missing:
        return 0
    # Hashing is slow by design (PBKDF2): hash "demo" once, with the configured hasher, for everyone.
    password = make_password(DEMO_PASSWORD)
    User.objects.bulk_create(
        [
            User(
                email=p.email,
                first_name=p.first_name,
                last_name=p.last_name,
                phone=p.phone,
                language=p.language,
                team=teams[p.team],
                site=sites[p.site],
                hired_on=p.hired_on,
                password=password,
                is_superuser=p.is_superuser,
                is_staff=p.is_superuser,
            )
            for p in missing
        ],
        batch_size=500,
    )
    return len(missing)


def _seed_groups(people: list[PersonSpec]) -> None:
    # The demo accounts' roles are what the demo is for: make sure they hold (adding twice is a no-op).
    for spec in people:
        if spec.groups:
            user = User.objects.get(email=spec.email)
            user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in spec.groups])


def _seed_managers(managers: dict[str, str], teams: dict[str, Team]) -> None:
    """Give each team without a manager its planned one; a team someone already leads is left alone."""
    for name, team in teams.items():
        if team.manager_id is not None:
            continue
        manager = User.objects.get(email=managers[name])
        team.manager = manager
        team.save(update_fields=["manager"])
        if manager.team_id != team.pk:
            # Only when a larger run adds a team: its manager, seeded earlier elsewhere, moves into it.
            manager.team = team
            manager.site = team.site
            manager.save(update_fields=["team", "site"])


def _warn_about_roles(ctx: DemoContext, teams: dict[str, Team], accounts: dict[str, User]) -> None:
    # Existing rows are never overwritten, so data edited since an earlier run can break a demo role.
    by_email = {user.email: user for user in accounts.values()}
    for team_name, email in ACCOUNT_MANAGERS.items():
        if teams[team_name].manager_id != by_email[email].pk:
            ctx.log(f"warning: {email} no longer manages the {team_name} team (edited since seeded)")
    staff, manager = accounts["staff"], accounts["manager"]
    if staff.team is None or staff.team.manager_id != manager.pk:
        ctx.log(f"warning: {staff.email} is no longer in {manager.email}'s team (edited since seeded)")
