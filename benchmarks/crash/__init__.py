"""The kill -9 crash test: operations (a registry), the child that runs them, the checks."""
