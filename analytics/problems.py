"""Problems the user is told about in their language: a code that names the message, and its parameters."""

from __future__ import annotations


class CodedProblem(Exception):
    """`code`, under the class's `catalogue` in analytics.i18n, names the message; `params` fill it in."""

    catalogue = ""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def message(self, lang: str = "vi") -> str:
        from analytics.i18n import t  # (i18n imports nothing from here; kept local so any module may raise these)

        return t(f"{self.catalogue}.{self.code}", lang, **self.params)
