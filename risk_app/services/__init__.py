"""Use cases: the only code that changes state. Each checks access, writes, and audits in one transaction."""
