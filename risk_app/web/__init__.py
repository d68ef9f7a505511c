"""The HTTP edge around the Streamlit app: sign-in and sign-out endpoints, and middleware that
binds every request to a signed-in browser (see docs/adr/0009)."""
