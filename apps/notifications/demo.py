"""The demo company's notifications: a welcome for everyone and years of company announcements.

Seeded by ``python manage.py seed_demo`` (see apps/core/demo.py), after accounts. Rows are written
directly: a demo sends no e-mail and writes no outbox row.

- ``welcome``: rendered from this app's in-app templates in each person's language. The demo
  accounts' welcome is recent and unread, so the bell shows something on the first visit; everybody
  else read theirs long ago.
- ``announcement``: about ten company announcements a year over ``ctx.years``, each sent to
  everybody already hired on its date (so about ten per person per year). Those older than two
  weeks have been read; recent ones are unread for the demo accounts and for about half the others.

Idempotent: a person who already has a welcome (or announcements) gets none again.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from apps.core.demo import DemoContext

from .models import Notification

WELCOME = "welcome"
ANNOUNCEMENT = "announcement"
ANNOUNCEMENTS_PER_YEAR = 10
RECENT = dt.timedelta(days=14)
BATCH_SIZE = 2000

# (French title, French text, English title, English text)
ANNOUNCEMENTS = (
    (
        "Exercice d'évacuation incendie jeudi à 10 h",
        "Un exercice d'évacuation aura lieu jeudi à 10 h. Suivez les consignes des guides et serre-files "
        "et rejoignez le point de rassemblement.",
        "Fire drill on Thursday at 10 a.m.",
        "A fire drill takes place on Thursday at 10 a.m. Follow the fire wardens to the assembly point.",
    ),
    (
        "Nouvelle mutuelle d'entreprise",
        "Le contrat de complémentaire santé change au 1er du mois prochain. Vos nouvelles cartes de "
        "tiers payant vous seront envoyées par courrier.",
        "New company health insurance",
        "The health insurance contract changes on the 1st of next month. New cards will be posted to you.",
    ),
    (
        "Les titres-restaurant passent à la carte",
        "Fini les carnets : vos titres-restaurant seront crédités chaque mois sur une carte nominative, "
        "distribuée par l'office manager.",
        "Meal vouchers move to a card",
        "Meal vouchers will now be credited monthly on a personal card, handed out by the office manager.",
    ),
    (
        "Coupure du réseau samedi matin",
        "Une maintenance du réseau est prévue samedi de 8 h à 12 h : le VPN et la messagerie seront indisponibles.",
        "Network outage on Saturday morning",
        "Network maintenance on Saturday from 8 a.m. to noon: VPN and e-mail will be unavailable.",
    ),
    (
        "Inventaire des fournitures vendredi",
        "L'inventaire annuel des fournitures a lieu vendredi : merci de ne rien prendre dans la réserve ce jour-là.",
        "Supplies stocktake on Friday",
        "The yearly supplies stocktake is on Friday: please take nothing from the store room that day.",
    ),
    (
        "Réunion d'information trimestrielle",
        "La direction présente les résultats du trimestre et les projets à venir. Retransmission en "
        "visio pour Paris et Metz.",
        "Quarterly all-hands meeting",
        "Management presents the quarter's results and coming projects, streamed to Paris and Metz.",
    ),
    (
        "Campagne des entretiens annuels",
        "La campagne des entretiens annuels et professionnels commence : votre manager vous proposera "
        "un créneau d'ici la fin du mois.",
        "Annual reviews start",
        "The annual review season starts: your manager will offer you a slot before the end of the month.",
    ),
    (
        "Pensez à poser vos congés d'été",
        "Merci de saisir vos demandes de congés d'été avant la fin du mois pour que les plannings "
        "d'équipe puissent être validés.",
        "Book your summer leave",
        "Please request your summer leave before the end of the month so team schedules can be approved.",
    ),
    (
        "Travaux dans la salle de réunion Fourvière",
        "La salle Fourvière est fermée pour travaux pendant deux semaines. Les réservations ont été "
        "déplacées en salle Saône.",
        "Work in the Fourvière meeting room",
        "The Fourvière room is closed for two weeks; its bookings moved to the Saône room.",
    ),
    (
        "Soirée de fin d'année",
        "La soirée de fin d'année aura lieu le deuxième vendredi de décembre. Inscriptions ouvertes "
        "jusqu'au 30 novembre.",
        "End-of-year party",
        "The end-of-year party is on the second Friday of December. Sign up before 30 November.",
    ),
    (
        "Vaccination contre la grippe",
        "La médecine du travail organise une campagne de vaccination contre la grippe dans nos locaux. "
        "Inscription auprès de l'office manager.",
        "Flu vaccination",
        "The occupational health service offers flu jabs at the office. Sign up with the office manager.",
    ),
    (
        "Mise à jour du règlement intérieur",
        "Le règlement intérieur a été mis à jour (télétravail, droit à la déconnexion). Il est affiché "
        "dans chaque site et disponible sur l'intranet.",
        "Updated internal rules",
        "The internal rules were updated (remote work, right to disconnect); they are posted on every site.",
    ),
    (
        "Nouveaux bacs de tri sélectif",
        "Des bacs de tri (papier, emballages, biodéchets) sont installés à chaque étage. Merci de jouer le jeu !",
        "New recycling bins",
        "Recycling bins (paper, packaging, food waste) are now on every floor.",
    ),
    (
        "Visites médicales : planning disponible",
        "Le planning des visites d'information et de prévention est disponible. Votre convocation vous "
        "sera remise par l'office manager.",
        "Occupational health check-ups",
        "The check-up schedule is out; the office manager will hand you your appointment.",
    ),
    (
        "Renouvellement des badges d'accès",
        "Les badges d'accès sont renouvelés ce mois-ci. Passez à l'accueil avec votre ancien badge pour l'échanger.",
        "Access badges renewal",
        "Access badges are renewed this month: swap your old badge at the front desk.",
    ),
    (
        "Fermeture des bureaux le pont de l'Ascension",
        "Les bureaux seront fermés le vendredi du pont de l'Ascension. Une journée de RTT employeur est "
        "posée pour tous.",
        "Offices closed on the Ascension bridge day",
        "The offices close on the Friday after Ascension Day; it is an employer RTT day for everyone.",
    ),
)


def seed(ctx: DemoContext) -> None:
    """Welcome notifications and years of read announcements for ``ctx.people``."""
    people = ctx.people
    if not people:
        ctx.log("notifications: nobody to notify (no people seeded)")
        return
    already = set(
        Notification.objects.filter(recipient__in=people, kind__in=[WELCOME, ANNOUNCEMENT])
        .values_list("recipient_id", "kind")
        .distinct()
    )
    demo_ids = {user.pk for user in ctx.data.get("accounts", {}).values()}
    rows = _welcomes(ctx, [p for p in people if (p.pk, WELCOME) not in already], demo_ids)
    rows += _announcements(ctx, [p for p in people if (p.pk, ANNOUNCEMENT) not in already], demo_ids)
    Notification.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    ctx.add_summary("notifications", Notification.objects.count())
    ctx.log(f"notifications: {len(rows)} new")


def _render(template_name: str, context: dict) -> str:
    # Plain-text templates, rendered as the notifications service renders them (.txt: no HTML escaping).
    return render_to_string(template_name, context).strip()


def _welcomes(ctx: DemoContext, people: list, demo_ids: set[int]) -> list[Notification]:
    company = ctx.data.get("company")
    texts = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            context = {"company_name": str(company) if company else "officemgr"}
            texts[language] = (
                _render("notifications/kinds/welcome.txt", context),
                _render("notifications/kinds/welcome_body.txt", context),
            )
    by_language = {language: {"title": title, "body": body} for language, (title, body) in texts.items()}
    rows = []
    for person in people:
        if person.pk in demo_ids:
            created_at, read_at = ctx.now - dt.timedelta(hours=2), None
        else:
            start = max(ctx.history_start, person.hired_on or ctx.history_start)
            created_at = ctx.random_datetime(start, start)
            read_at = min(created_at + dt.timedelta(hours=ctx.rng.randint(1, 48)), ctx.now)
        title, body = texts.get(person.language) or texts[settings.LANGUAGE_CODE]
        rows.append(
            Notification(
                recipient=person,
                kind=WELCOME,
                title=title,
                body=body,
                texts=by_language,
                url="/",
                created_at=created_at,
                read_at=read_at,
            )
        )
    return rows


def _announcements(ctx: DemoContext, people: list, demo_ids: set[int]) -> list[Notification]:
    total = round(ANNOUNCEMENTS_PER_YEAR * ctx.years)
    # The same calendar whoever is missing their announcements, so reruns and larger runs agree.
    calendar = sorted(
        (ctx.random_datetime(ctx.history_start, ctx.today), ANNOUNCEMENTS[i % len(ANNOUNCEMENTS)]) for i in range(total)
    )
    rows = []
    for person in people:
        english = person.language == "en"
        for sent_at, (fr_title, fr_body, en_title, en_body) in calendar:
            if person.hired_on and sent_at.date() < person.hired_on:
                continue
            recent = ctx.now - sent_at < RECENT
            unread = recent and (person.pk in demo_ids or ctx.rng.random() < 0.5)
            read_at = None if unread else min(sent_at + dt.timedelta(minutes=ctx.rng.randint(5, 4320)), ctx.now)
            rows.append(
                Notification(
                    recipient=person,
                    kind=ANNOUNCEMENT,
                    title=en_title if english else fr_title,
                    body=en_body if english else fr_body,
                    texts={"fr": {"title": fr_title, "body": fr_body}, "en": {"title": en_title, "body": en_body}},
                    created_at=sent_at,
                    read_at=read_at,
                )
            )
    return rows
