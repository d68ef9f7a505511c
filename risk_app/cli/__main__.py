"""`python -m risk_app.cli`: the same as the installed `risk-app` command."""

from risk_app.cli import main

main()
