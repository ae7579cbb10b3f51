from django.urls import path

from apps.suppliers.views import compliance, directory, relationship

app_name = "suppliers"

urlpatterns = [
    # The directory: suppliers, their contacts (views/directory.py).
    path("", directory.supplier_list, name="list"),
    path("new/", directory.supplier_create, name="create"),
    path("<int:pk>/", directory.supplier_detail, name="detail"),
    path("<int:pk>/edit/", directory.supplier_edit, name="edit"),
    path("<int:pk>/archive/", directory.supplier_archive, name="archive"),
    path("<int:pk>/restore/", directory.supplier_restore, name="restore"),
    path("<int:pk>/delete/", directory.supplier_delete, name="delete"),
    path("<int:pk>/contacts/new/", directory.contact_create, name="contact_create"),
    path("<int:pk>/contacts/<int:contact_pk>/edit/", directory.contact_edit, name="contact_edit"),
    path("<int:pk>/contacts/<int:contact_pk>/delete/", directory.contact_delete, name="contact_delete"),
    # The relationship log and the ratings (views/relationship.py).
    path("<int:pk>/log/", relationship.log, name="log"),
    path("<int:pk>/log/<int:entry_pk>/done/", relationship.log_follow_up_done, name="log_done"),
    path("<int:pk>/ratings/", relationship.ratings, name="ratings"),
    # Compliance documents and contracts (views/compliance.py).
    path("compliance/", compliance.compliance_overview, name="compliance"),
    path("contracts/", compliance.contract_list, name="contract_list"),
    path("<int:pk>/documents/", compliance.documents, name="documents"),
    path("<int:pk>/documents/<int:document_pk>/file/", compliance.document_file, name="document_file"),
    path("<int:pk>/contracts/", compliance.contracts, name="contracts"),
    path("<int:pk>/contracts/<int:contract_pk>/edit/", compliance.contract_edit, name="contract_edit"),
    path("<int:pk>/contracts/<int:contract_pk>/terminate/", compliance.contract_terminate, name="contract_terminate"),
]
