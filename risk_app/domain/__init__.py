"""The pure core: rules and values with no UI, database or charting imports (an import contract enforces this)."""
