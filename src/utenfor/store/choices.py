"""What an operator chooses from: a member's role and a workspace's kind. Here, without
SQLAlchemy, so `utenfor accounts --help` can list them without loading the database layer
(issue 32); `store.accounts` and `store.models` take them from here."""

ROLES = ("eier", "redaktør", "leser")  # manages members / edits / reads
WORKSPACE_KINDS = ("kommune", "fylkeskommune", "organisasjon", "nettverk")
