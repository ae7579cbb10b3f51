import factory
from django.contrib.auth.models import Group

from apps.accounts.models import OFFICE_MANAGER_GROUP, Company, Site, Team, User

# Tests use a fast hasher (see conftest); this is the password every factory user has.
PASSWORD = "correct-horse-battery"


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Site {n}")
    address = "12 rue de la République"
    postal_code = "69002"
    city = "Lyon"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Team {n}")
    site = factory.SubFactory(SiteFactory)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    language = "en"  # tests assert English messages; French users are made explicitly
    site = factory.SubFactory(SiteFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                obj.groups.add(Group.objects.get_or_create(name=name)[0])


class OfficeManagerFactory(UserFactory):
    groups = factory.PostGeneration(
        lambda obj, create, extracted, **kw: (
            create and obj.groups.add(Group.objects.get_or_create(name=OFFICE_MANAGER_GROUP)[0])
        )
    )


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        django_get_or_create = ("id",)

    id = 1
    legal_name = "Atelier Rhône SAS"
    legal_form = "SAS"
    address = "12 rue de la République"
    postal_code = "69002"
    city = "Lyon"
    siren = "732829320"
    siret = "73282932000074"
    rcs_city = "Lyon"
    vat_number = "FR44732829320"
